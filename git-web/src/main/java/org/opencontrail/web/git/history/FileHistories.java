package org.opencontrail.web.git.history;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * The whole history of a path from a commit: the commits that changed it, newest first, with git's
 * default simplification and, for a file, across its renames (the history goes on under the old
 * name from the commit that renamed it). Walked once on the commit-graph and kept: a commit's
 * history never changes, so any page of it, at any offset, is a slice.
 */
@Singleton
public final class FileHistories {

    /**
     * A commit of a path's history.
     *
     * @param commit the commit
     * @param path   the path's name in it
     */
    public record Change(ObjectId commit, String path) {}

    private record Key(ObjectId tip, ByteBuffer path, boolean follow) {}

    private final ChangedPathIndexes indexes;
    private final Cache<Key, List<Change>> histories = Caffeine.newBuilder()
            .maximumWeight(32L * 1024 * 1024)
            .weigher((Key key, List<Change> changes) -> 96 + changes.size() * 56)
            .build();

    FileHistories(ChangedPathIndexes indexes) {
        this.indexes = indexes;
    }

    /** The history of the path from the commit, newest first; a file's follows its renames when {@code follow}. */
    public List<Change> of(Repository repository, ObjectId tip, byte[] path, boolean follow) throws IOException {
        try {
            return histories.get(new Key(tip.copy(), ByteBuffer.wrap(path.clone()), follow), key -> {
                try {
                    return walk(repository, key.tip(), path, key.follow());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private List<Change> walk(Repository repository, ObjectId tip, byte[] path, boolean follow) throws IOException {
        List<Change> history = new ArrayList<>();
        try (ObjectReader reader = repository.newObjectReader()) {
            CommitGraph graph = reader.getCommitGraph().orElse(CommitGraph.EMPTY);
            Optional<ChangedPathIndex> index = indexes.of(repository, graph);
            CommitNodes nodes = new CommitNodes(reader, graph);
            ObjectId from = tip;
            byte[] current = path;
            while (from != null) {
                byte[] name = current;
                PathWalk walk = new PathWalk(
                        nodes,
                        new PathEntries(reader, current),
                        index.map(i -> i.of(name)).orElse(null));
                walk.push(nodes.node(from));
                List<Integer> changed = new ArrayList<>();
                from = null;
                String renamedFrom = null;
                while (!walk.isEmpty()) {
                    int node = walk.pop();
                    PathWalk.Step step = walk.step(node);
                    if (step.changed()) {
                        changed.add(node);
                        if (follow
                                && renamedFrom == null
                                && (renamedFrom = renamedFrom(repository, reader, walk, node, current)) != null) {
                            from = nodes.id(nodes.parents(node)[0]);
                            continue; // older commits are walked under the old name
                        }
                    }
                    for (int parent : step.next()) {
                        walk.push(parent);
                    }
                }
                changed.sort(Comparator.comparingLong(nodes::time)
                        .thenComparingInt(nodes::generation)
                        .reversed());
                String text = new String(current, StandardCharsets.UTF_8);
                for (int node : changed) {
                    history.add(new Change(nodes.id(node), text));
                }
                if (renamedFrom != null) {
                    current = renamedFrom.getBytes(StandardCharsets.UTF_8);
                }
            }
        }
        return List.copyOf(history);
    }

    /** The file's old name when this commit made it by renaming another: absent from the first parent, a rename in the diff. */
    static String renamedFrom(Repository repository, ObjectReader reader, PathWalk walk, int node, byte[] path)
            throws IOException {
        if (!walk.added(node)) {
            return null;
        }
        CommitNodes nodes = walk.nodes();
        return Renames.oldName(
                reader,
                repository.getConfig(),
                nodes.tree(nodes.parents(node)[0]),
                nodes.tree(node),
                new String(path, StandardCharsets.UTF_8));
    }
}
