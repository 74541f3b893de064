package org.opencontrail.web.git.history;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * Who last changed each line of a file, as git blame answers it: the lines are handed back from a
 * commit to each parent in turn (the part of them a parent has unchanged is that parent's to
 * answer), and the lines no parent has are the commit's. The walk is the path's own (see
 * {@link PathWalk}): commits that did not change the file pass its lines on without a diff, so
 * only the file's versions are read and compared; a file made by a rename goes on under its old
 * name. It stops as soon as every line has its commit.
 */
@Singleton
public final class Blames {

    /**
     * Where a line came from.
     *
     * @param commit the commit that last changed it
     * @param path   the file's name in that commit
     * @param line   its number there, from 0
     */
    public record Origin(ObjectId commit, String path, int line) {}

    /**
     * A file's blame.
     *
     * @param text    the file
     * @param origins each line's origin; empty for a binary file
     * @param binary  whether the file is binary (not blamed)
     */
    public record Blame(RawText text, List<Origin> origins, boolean binary) {}

    /** Lines of the result, {@code length} of them from {@code result}, at {@code source} in a commit's version. */
    private record Region(int result, int source, int length) {}

    private static final DiffAlgorithm DIFF = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM);

    private final ChangedPathIndexes indexes;

    Blames(ChangedPathIndexes indexes) {
        this.indexes = indexes;
    }

    /** The blame of the file at the commit; empty when the path is not a file there. */
    public Optional<Blame> of(Repository repository, ObjectId commit, byte[] path) throws IOException {
        try (ObjectReader reader = repository.newObjectReader()) {
            CommitGraph graph = reader.getCommitGraph().orElse(CommitGraph.EMPTY);
            Optional<ChangedPathIndex> index = indexes.of(repository, graph);
            CommitNodes nodes = new CommitNodes(reader, graph);
            Texts texts = new Texts(reader);
            int start = nodes.node(commit);
            PathEntries.Entry file = new PathEntries(reader, path).in(nodes.tree(start));
            if (file == null || !file.isFile()) {
                return Optional.empty();
            }
            RawText text = texts.of(file.id());
            if (RawText.isBinary(text.getRawContent())) {
                return Optional.of(new Blame(text, List.of(), true));
            }
            Origin[] origins = new Origin[text.size()];
            // each name the file had, with the commits to start from under it and the lines they hold
            ArrayDeque<Map.Entry<String, Map<Integer, List<Region>>>> names = new ArrayDeque<>();
            Map<Integer, List<Region>> first = new HashMap<>();
            first.put(start, new ArrayList<>(List.of(new Region(0, 0, text.size()))));
            names.add(Map.entry(new String(path, StandardCharsets.UTF_8), first));
            int unassigned = text.size();
            while (!names.isEmpty() && unassigned > 0) {
                Map.Entry<String, Map<Integer, List<Region>>> name = names.poll();
                byte[] current = name.getKey().getBytes(StandardCharsets.UTF_8);
                PathWalk walk = new PathWalk(
                        nodes,
                        new PathEntries(reader, current),
                        index.map(i -> i.of(current)).orElse(null));
                Map<Integer, List<Region>> pending = name.getValue();
                BitSet done = new BitSet();
                pending.keySet().forEach(walk::push);
                Map<String, Map<Integer, List<Region>>> renamed = new LinkedHashMap<>();
                while (!walk.isEmpty() && unassigned > 0) {
                    int node = walk.pop();
                    done.set(node);
                    List<Region> regions = pending.remove(node);
                    if (regions == null) {
                        continue;
                    }
                    PathWalk.Step step = walk.step(node);
                    if (!step.changed() && step.next().length == 1) {
                        hand(walk, pending, done, step.next()[0], regions); // the same version: nothing to compare
                        continue;
                    }
                    List<Region> remaining = regions;
                    RawText mine = texts.of(walk.entry(node).id());
                    int[] parents = step.next();
                    for (int i = 0; i < parents.length && !remaining.isEmpty(); i++) {
                        PathEntries.Entry theirs = walk.entry(parents[i]);
                        String oldName = null;
                        if (theirs == null && i == 0) {
                            oldName = FileHistories.renamedFrom(repository, reader, walk, node, current);
                            if (oldName != null) {
                                theirs = new PathEntries(reader, oldName.getBytes(StandardCharsets.UTF_8))
                                        .in(nodes.tree(parents[i]));
                            }
                        }
                        if (theirs == null || !theirs.isFile()) {
                            continue;
                        }
                        EditList edits = DIFF.diff(RawTextComparator.DEFAULT, texts.of(theirs.id()), mine);
                        List<Region> kept = new ArrayList<>();
                        List<Region> passed = new ArrayList<>();
                        split(remaining, edits, passed, kept);
                        if (!passed.isEmpty()) {
                            if (oldName == null) {
                                hand(walk, pending, done, parents[i], passed);
                            } else {
                                renamed.computeIfAbsent(oldName, n -> new HashMap<>())
                                        .computeIfAbsent(parents[i], p -> new ArrayList<>())
                                        .addAll(passed);
                            }
                        }
                        remaining = kept;
                    }
                    ObjectId id = nodes.id(node);
                    for (Region region : remaining) {
                        for (int k = 0; k < region.length(); k++) {
                            origins[region.result() + k] = new Origin(id, name.getKey(), region.source() + k);
                        }
                        unassigned -= region.length();
                    }
                }
                renamed.forEach((oldName, starts) -> names.add(Map.entry(oldName, starts)));
            }
            return Optional.of(new Blame(text, List.of(origins), false));
        }
    }

    private static void hand(
            PathWalk walk, Map<Integer, List<Region>> pending, BitSet done, int parent, List<Region> regions) {
        if (done.get(parent)) {
            // generations order every commit after all its descendants; a graph without them cannot be walked so
            throw new IllegalStateException("the commit-graph's generations are out of order");
        }
        pending.computeIfAbsent(parent, p -> new ArrayList<>()).addAll(regions);
        walk.push(parent);
    }

    /**
     * Splits regions of a version (B) by the edits that made it from a parent's (A): lines outside
     * every edit are the parent's too ({@code passed}, at their place in A), lines inside stay.
     */
    private static void split(List<Region> regions, EditList edits, List<Region> passed, List<Region> kept) {
        for (Region region : regions) {
            int source = region.source();
            int end = source + region.length();
            int result = region.result();
            int offset = 0; // A's line = B's line + offset, between edits
            for (Edit edit : edits) {
                if (source >= end) {
                    break;
                }
                if (edit.getEndB() <= source) {
                    offset = edit.getEndA() - edit.getEndB();
                    continue;
                }
                if (source < edit.getBeginB()) {
                    int stop = Math.min(end, edit.getBeginB());
                    passed.add(new Region(result, source + offset, stop - source));
                    result += stop - source;
                    source = stop;
                }
                if (source < end && source < edit.getEndB()) {
                    int stop = Math.min(end, edit.getEndB());
                    kept.add(new Region(result, source, stop - source));
                    result += stop - source;
                    source = stop;
                }
                offset = edit.getEndA() - edit.getEndB();
            }
            if (source < end) {
                passed.add(new Region(result, source + offset, end - source));
            }
        }
    }

    /**
     * The file's versions lately read: a version is read by each child that compares with it and
     * then by its own commit, which comes soon after.
     */
    private static final class Texts {
        private static final int KEPT = 32;
        private final ObjectReader reader;
        // a miss only reads the version again: a cache, kept on the blame's own thread
        private final Cache<ObjectId, RawText> read =
                Caffeine.newBuilder().maximumSize(KEPT).executor(Runnable::run).build();

        Texts(ObjectReader reader) {
            this.reader = reader;
        }

        RawText of(ObjectId blob) throws IOException {
            RawText text = read.getIfPresent(blob);
            if (text == null) {
                text = new RawText(reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE));
                read.put(blob.copy(), text);
            }
            return text;
        }
    }
}
