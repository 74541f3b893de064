package org.opencontrail.web.git.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Exactly which paths (files and the folders above them) every commit of a commit-graph changed
 * against its first parent, by path: the exact form of the graph's changed-path filters. A walk of
 * one path's history then knows, for every commit but merges, whether it changed the path without
 * reading a tree (the filters still leave a tree read for each commit that did, or may have).
 */
final class ChangedPathIndex {

    /**
     * One path's changes.
     *
     * @param changed the graph positions of the commits that changed it against their first parent
     * @param added   those among them where it was absent from the first parent
     */
    record Changes(BitSet changed, BitSet added) {}

    private static final int ADDED = 1 << 31;
    private static final int[] NONE = new int[0];

    private final Map<ByteBuffer, int[]> byPath;
    private final long entries;

    private ChangedPathIndex(Map<ByteBuffer, int[]> byPath, long entries) {
        this.byPath = byPath;
        this.entries = entries;
    }

    /** Diffs every commit of the graph against its first parent, descending only into folders that differ. */
    static ChangedPathIndex build(ObjectReader reader, CommitGraph graph) throws IOException {
        Map<ByteBuffer, int[]> lists = new HashMap<>();
        Map<ByteBuffer, Integer> sizes = new HashMap<>();
        long entries = 0;
        int count = (int) graph.getCommitCnt();
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.setFilter(TreeFilter.ANY_DIFF);
            for (int position = 0; position < count; position++) {
                CommitGraph.CommitData commit = graph.getCommitData(position);
                int[] parents = commit.getParents();
                walk.reset();
                if (parents.length == 0) {
                    walk.addTree(new EmptyTreeIterator());
                } else {
                    walk.addTree(graph.getCommitData(parents[0]).getTree());
                }
                walk.addTree(commit.getTree());
                while (walk.next()) {
                    ByteBuffer path = ByteBuffer.wrap(walk.getRawPath());
                    int value = walk.getRawMode(0) == 0 ? position | ADDED : position;
                    int size = sizes.getOrDefault(path, 0);
                    int[] list = lists.get(path);
                    if (list == null || size == list.length) {
                        list = list == null ? new int[4] : Arrays.copyOf(list, size * 2);
                        lists.put(path, list);
                    }
                    list[size] = value;
                    sizes.put(path, size + 1);
                    entries++;
                    if (walk.isSubtree()) {
                        walk.enterSubtree();
                    }
                }
            }
        }
        Map<ByteBuffer, int[]> byPath = new HashMap<>(lists.size() * 2);
        lists.forEach((path, list) -> byPath.put(path, Arrays.copyOf(list, sizes.get(path))));
        return new ChangedPathIndex(byPath, entries);
    }

    /** The changes of one path (a folder's include every change below it). */
    Changes of(byte[] path) {
        int[] list = byPath.getOrDefault(ByteBuffer.wrap(path), NONE);
        BitSet changed = new BitSet();
        BitSet added = new BitSet();
        for (int value : list) {
            changed.set(value & ~ADDED);
            if ((value & ADDED) != 0) {
                added.set(value & ~ADDED);
            }
        }
        return new Changes(changed, added);
    }

    int paths() {
        return byPath.size();
    }

    long entries() {
        return entries;
    }

    /** About the memory it holds, in bytes. */
    long weight() {
        return entries * 4 + byPath.size() * 120L;
    }
}
