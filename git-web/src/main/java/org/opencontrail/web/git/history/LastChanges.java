package org.opencontrail.web.git.history;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * The last commit that changed each entry of a folder, in one walk for all of them: each entry is
 * handed down its own simplified history (as {@code git log -1 -- ENTRY} would walk it), and the
 * walk ends when every entry has its commit. Commits that left the whole folder as it was pass
 * every entry on at once; the index says which entries the others changed.
 */
@Singleton
public final class LastChanges {

    private record Key(ObjectId commit, ByteBuffer folder) {}

    private final ChangedPathIndexes indexes;
    private final Cache<Key, Map<String, ObjectId>> kept = Caffeine.newBuilder()
            .maximumWeight(16L * 1024 * 1024)
            .weigher((Key key, Map<String, ObjectId> changes) -> 96 + changes.size() * 96)
            .build();

    LastChanges(ChangedPathIndexes indexes) {
        this.indexes = indexes;
    }

    /** Each entry's name and the last commit that changed it; empty when the path is not a folder at the commit. */
    public Optional<Map<String, ObjectId>> of(Repository repository, ObjectId commit, byte[] folder)
            throws IOException {
        try {
            return Optional.ofNullable(kept.get(new Key(commit.copy(), ByteBuffer.wrap(folder.clone())), key -> {
                try {
                    return walk(repository, key.commit(), folder);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Map<String, ObjectId> walk(Repository repository, ObjectId commit, byte[] folder) throws IOException {
        try (ObjectReader reader = repository.newObjectReader()) {
            CommitGraph graph = reader.getCommitGraph().orElse(CommitGraph.EMPTY);
            Optional<ChangedPathIndex> index = indexes.of(repository, graph);
            CommitNodes nodes = new CommitNodes(reader, graph);
            int start = nodes.node(commit);
            PathEntries folderEntries = new PathEntries(reader, folder);
            PathEntries.Entry here = folderEntries.in(nodes.tree(start));
            if (here == null || !here.isTree()) {
                return null;
            }
            List<String> names = new ArrayList<>();
            List<PathWalk> entries = new ArrayList<>();
            try (TreeWalk list = new TreeWalk(reader)) {
                list.addTree(here.id());
                while (list.next()) {
                    byte[] path = folder.length == 0 ? list.getRawPath() : concat(folder, list.getRawPath());
                    names.add(RawParseUtils.decode(list.getRawPath())); // as the folder page names its entries
                    entries.add(new PathWalk(
                            nodes,
                            new PathEntries(reader, path),
                            index.map(i -> i.of(path)).orElse(null)));
                }
            }
            PathWalk walk = new PathWalk(
                    nodes, folderEntries, index.map(i -> i.of(folder)).orElse(null));
            Map<Integer, BitSet> pending = new HashMap<>();
            BitSet all = new BitSet();
            all.set(0, names.size());
            pending.put(start, all);
            walk.push(start);
            ObjectId[] found = new ObjectId[names.size()];
            int left = names.size();
            while (!walk.isEmpty() && left > 0) {
                int node = walk.pop();
                BitSet waiting = pending.remove(node);
                if (waiting == null) {
                    continue;
                }
                PathWalk.Step whole = walk.step(node);
                if (!whole.changed() && whole.next().length == 1) {
                    hand(walk, pending, whole.next()[0], waiting); // the folder as it was: so is every entry
                    continue;
                }
                for (int e = waiting.nextSetBit(0); e >= 0; e = waiting.nextSetBit(e + 1)) {
                    PathWalk.Step step = entries.get(e).step(node);
                    if (step.changed()) {
                        found[e] = nodes.id(node);
                        left--;
                    } else {
                        BitSet one = new BitSet();
                        one.set(e);
                        hand(walk, pending, step.next()[0], one);
                    }
                }
            }
            Map<String, ObjectId> changes = new LinkedHashMap<>();
            for (int e = 0; e < names.size(); e++) {
                if (found[e] != null) {
                    changes.put(names.get(e), found[e]);
                }
            }
            return changes;
        }
    }

    private static void hand(PathWalk walk, Map<Integer, BitSet> pending, int parent, BitSet entries) {
        pending.computeIfAbsent(parent, p -> new BitSet()).or(entries);
        walk.push(parent);
    }

    private static byte[] concat(byte[] folder, byte[] name) {
        byte[] path = new byte[folder.length + 1 + name.length];
        System.arraycopy(folder, 0, path, 0, folder.length);
        path[folder.length] = '/';
        System.arraycopy(name, 0, path, folder.length + 1, name.length);
        return path;
    }
}
