package org.opencontrail.web.git.history;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.internal.storage.commitgraph.ChangedPathFilter;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The commits of one repository as small numbers, for walks that visit thousands of them: a
 * commit in the commit-graph is its position there (parents, time, tree, generation and changed
 * paths are read from the graph, the commit itself never parsed); a commit newer than the graph
 * (fetched since the last repack) is parsed once and numbered after the graph's.
 */
final class CommitNodes {

    /**
     * A commit outside the graph.
     *
     * @param id         its id
     * @param tree       its tree
     * @param parents    its parents' numbers
     * @param time       its commit time (seconds)
     * @param generation one more than its highest parent's
     */
    @SuppressWarnings("ArrayRecordComponent") // a commit read once into the graph; never compared
    private record Loose(ObjectId id, ObjectId tree, int[] parents, long time, int generation) {}

    private final CommitGraph graph;
    private final int graphSize;
    private final RevWalk walk;
    private final List<Loose> loose = new ArrayList<>();
    private final Map<ObjectId, Integer> looseNumbers = new HashMap<>();
    private int cachedNode = -1;
    private CommitGraph.CommitData cachedData;

    CommitNodes(ObjectReader reader, CommitGraph graph) {
        this.graph = graph;
        this.graphSize = (int) graph.getCommitCnt();
        this.walk = new RevWalk(reader);
        walk.setRetainBody(false);
    }

    /** The commit's number. */
    int node(AnyObjectId id) throws IOException {
        int position = graph.findGraphPosition(id);
        if (position >= 0) {
            return position;
        }
        Integer known = looseNumbers.get(id);
        return known != null ? known : load(id.copy());
    }

    /** Parses a commit outside the graph and those of its ancestors also outside it, oldest first, without recursion. */
    private int load(ObjectId id) throws IOException {
        Deque<ObjectId> pending = new ArrayDeque<>();
        pending.push(id);
        while (!pending.isEmpty()) {
            ObjectId next = pending.peek();
            if (looseNumbers.containsKey(next)) {
                pending.pop();
                continue;
            }
            RevCommit commit = walk.parseCommit(next);
            boolean ready = true;
            for (RevCommit parent : commit.getParents()) {
                if (graph.findGraphPosition(parent) < 0 && !looseNumbers.containsKey(parent)) {
                    pending.push(parent.copy());
                    ready = false;
                }
            }
            if (!ready) {
                continue;
            }
            pending.pop();
            int[] parents = new int[commit.getParentCount()];
            int generation = 1;
            for (int i = 0; i < parents.length; i++) {
                parents[i] = node(commit.getParent(i));
                generation = Math.max(generation, generation(parents[i]) + 1);
            }
            looseNumbers.put(next, graphSize + loose.size());
            loose.add(new Loose(next, commit.getTree().copy(), parents, commit.getCommitTime(), generation));
        }
        return looseNumbers.get(id);
    }

    private CommitGraph.CommitData data(int node) {
        if (node != cachedNode) {
            cachedData = graph.getCommitData(node);
            cachedNode = node;
        }
        return cachedData;
    }

    ObjectId id(int node) {
        return node < graphSize
                ? graph.getObjectId(node)
                : loose.get(node - graphSize).id();
    }

    int[] parents(int node) {
        return node < graphSize
                ? data(node).getParents()
                : loose.get(node - graphSize).parents();
    }

    ObjectId tree(int node) {
        return node < graphSize
                ? data(node).getTree()
                : loose.get(node - graphSize).tree();
    }

    long time(int node) {
        return node < graphSize
                ? data(node).getCommitTime()
                : loose.get(node - graphSize).time();
    }

    /** Topological level: every commit's is higher than all its ancestors'. */
    int generation(int node) {
        if (node >= graphSize) {
            return loose.get(node - graphSize).generation();
        }
        int generation = data(node).getGeneration();
        // a graph written without generations (zero) orders by time only; levels start at 1
        return generation > 0 ? generation : 1;
    }

    /**
     * Whether the commit may have changed the path against its first parent: false only when the
     * graph's filter says certainly not.
     */
    boolean mayChange(int node, byte[] path) {
        if (node >= graphSize) {
            return true;
        }
        ChangedPathFilter filter = graph.getChangedPathFilter(node);
        return filter == null || filter.maybeContains(path);
    }

    /** Whether the commit is in the graph (its number is its position there). */
    boolean inGraph(int node) {
        return node < graphSize;
    }
}
