package org.opencontrail.web.git.history;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.opencontrail.web.git.mirror.MirrorRepacked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changed-path index of each repository's current commit-graph, made in the background after
 * each repack (or the first time a history needs one): until it is ready, walks use the graph's
 * filters. An index belongs to one graph (it is by position), so a new graph makes a new one and
 * the old one goes with the graph.
 */
@Singleton
public final class ChangedPathIndexes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangedPathIndexes.class);

    private final Cache<CommitGraph, ChangedPathIndex> indexes = Caffeine.newBuilder()
            .weakKeys()
            .maximumWeight(512L * 1024 * 1024)
            .weigher((CommitGraph graph, ChangedPathIndex index) -> (int) Math.min(Integer.MAX_VALUE, index.weight()))
            .build();
    private final Set<CommitGraph> building = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The {@code changed-path-index} executor: one thread, one index made at a time. */
    private final ExecutorService builder;

    public ChangedPathIndexes(@Named("changed-path-index") ExecutorService builder) {
        this.builder = builder;
    }

    /** The index of the repository's commit-graph if it is made; if not, it is started and walks go on without it. */
    Optional<ChangedPathIndex> of(Repository repository, CommitGraph graph) {
        if (graph == CommitGraph.EMPTY) {
            return Optional.empty();
        }
        ChangedPathIndex index = indexes.getIfPresent(graph);
        if (index == null && !beingBuilt(graph)) {
            prepare(repository);
        }
        return Optional.ofNullable(index);
    }

    private boolean beingBuilt(CommitGraph graph) {
        synchronized (building) {
            return building.contains(graph);
        }
    }

    @EventListener
    void onRepacked(MirrorRepacked repacked) {
        prepare(repacked.repository());
    }

    /** Starts making the index of the repository's current commit-graph, unless it is made or being made. */
    @SuppressWarnings("ThreadPriorityCheck") // a hint only: pages go first where the scheduler heeds it
    void prepare(Repository repository) {
        builder.execute(() -> {
            // the executor is this work's own: its thread yields to the pages
            Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
            try (ObjectReader reader = repository.newObjectReader()) {
                Optional<CommitGraph> graph = reader.getCommitGraph();
                if (graph.isEmpty() || indexes.getIfPresent(graph.get()) != null) {
                    return;
                }
                synchronized (building) {
                    if (!building.add(graph.get())) {
                        return;
                    }
                }
                try {
                    long started = System.nanoTime();
                    ChangedPathIndex index = ChangedPathIndex.build(reader, graph.get());
                    indexes.put(graph.get(), index);
                    LOG.info(
                            "Changed paths of {} indexed: {} commits, {} paths, {} changes in {} ms",
                            repository.getDirectory().getName(),
                            graph.get().getCommitCnt(),
                            index.paths(),
                            index.entries(),
                            (System.nanoTime() - started) / 1_000_000);
                } finally {
                    synchronized (building) {
                        building.remove(graph.get());
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "Changed paths of {} not indexed (histories walk the graph's filters): {}",
                        repository.getDirectory(),
                        e.toString());
            }
        });
    }

    /** Waits for the indexes asked for so far (tests). */
    void awaitPrepared() throws InterruptedException {
        try {
            builder.submit(() -> {}).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @PreDestroy
    @Override
    public void close() {
        builder.shutdownNow();
    }
}
