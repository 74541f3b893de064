package org.opencontrail.web.git.history;

import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * A walk of history for one path with git's default simplification: a commit that has the path as
 * one of its parents has it (TREESAME) did not change it, and the walk follows that parent alone;
 * a commit that differs from every parent changed it. Commits come out descendants first (by
 * generation), so whatever a commit's children hand it is complete when it is reached. Most
 * commits are passed over on the commit-graph's changed-path filter alone, without a tree read.
 */
final class PathWalk {

    /**
     * What the walk learned of a commit.
     *
     * @param changed whether it changed the path against every parent
     * @param next    the parents the walk goes on to (the TREESAME one alone, or all)
     */
    @SuppressWarnings("ArrayRecordComponent") // a step of one walk, never compared
    record Step(boolean changed, int[] next) {}

    private final CommitNodes nodes;
    private final PathEntries entries;
    private final ChangedPathIndex.Changes changes;
    private final boolean known;
    private final BitSet queued = new BitSet();
    private long[] heap = new long[64];
    private int size;

    /** A walk that knows the path's changes exactly from the index ({@code changes}), or null to use the graph's filters. */
    PathWalk(CommitNodes nodes, PathEntries entries, ChangedPathIndex.Changes changes) {
        this.nodes = nodes;
        this.entries = entries;
        this.changes = changes;
        // the root is in no filter or index (every commit but an empty one changes it); its trees are compared as they
        // are
        this.known = entries.path().length > 0;
    }

    CommitNodes nodes() {
        return nodes;
    }

    PathEntries.Entry entry(int node) throws IOException {
        return entries.in(nodes.tree(node));
    }

    Step step(int node) throws IOException {
        int[] parents = nodes.parents(node);
        if (parents.length == 0) {
            return new Step(entry(node) != null, parents);
        }
        PathEntries.Entry mine = null;
        boolean read = false;
        for (int i = 0; i < parents.length; i++) {
            boolean same;
            if (i == 0 && known && changes != null && nodes.inGraph(node)) {
                same = !changes.changed().get(node);
            } else if (i == 0 && known && !nodes.mayChange(node, entries.path())) {
                same = true;
            } else {
                if (!read) {
                    mine = entry(node);
                    read = true;
                }
                same = Objects.equals(mine, entry(parents[i]));
            }
            if (same) {
                return new Step(false, new int[] {parents[i]});
            }
        }
        return new Step(true, parents);
    }

    /** Whether the path is absent from the commit's first parent and present in it: where a file may have been renamed. */
    boolean added(int node) throws IOException {
        int[] parents = nodes.parents(node);
        if (parents.length == 0) {
            return false;
        }
        if (known && changes != null && nodes.inGraph(node)) {
            return changes.added().get(node);
        }
        return entry(parents[0]) == null && entry(node) != null;
    }

    /** Queues a commit once; false when it was queued before. */
    boolean push(int node) {
        if (queued.get(node)) {
            return false;
        }
        queued.set(node);
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        long key = ((long) nodes.generation(node) << 32) | node;
        int i = size++;
        while (i > 0 && heap[(i - 1) / 2] < key) {
            heap[i] = heap[(i - 1) / 2];
            i = (i - 1) / 2;
        }
        heap[i] = key;
        return true;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The queued commit of highest generation. */
    int pop() {
        long top = heap[0];
        long last = heap[--size];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1] > heap[child]) {
                child++;
            }
            if (heap[child] <= last) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = last;
        return (int) top;
    }
}
