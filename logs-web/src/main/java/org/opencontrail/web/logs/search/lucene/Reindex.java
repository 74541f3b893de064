package org.opencontrail.web.logs.search.lucene;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.builds.Progress;
import org.opencontrail.web.logs.search.IndexedBuild;
import org.opencontrail.web.logs.search.SearchIndex;
import org.opencontrail.web.logs.search.SearchSettings;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.logs.store.LogsSettings;
import org.opencontrail.web.shared.io.Trees;

/**
 * Rebuilds the search index from the store: every stored build is indexed into a new folder beside
 * the index, which then takes the old one's place, so a search index is never half built. Holds
 * the index's lock all along: logs-web must be stopped (it would hold the lock itself).
 */
@Singleton
public final class Reindex {

    /**
     * What a rebuild did.
     *
     * @param builds  builds indexed
     * @param failed  builds that could not be indexed, by uuid, with the reason
     * @param lines   lines indexed
     * @param chars   characters indexed
     * @param seconds how long it took
     */
    public record Summary(int builds, java.util.Map<String, String> failed, long lines, long chars, double seconds) {}

    private final LogStore store;
    private final BuildRecords records;
    private final SearchSettings settings;
    private final LogsSettings logs;

    private final Clock clock;
    private final TaskScheduler scheduler;
    private final ExecutorService committer;
    private final ExecutorService indexers;

    Reindex(
            LogStore store,
            BuildRecords records,
            SearchSettings settings,
            LogsSettings logs,
            Clock clock,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            @Named("index-commit") ExecutorService committer,
            @Named("reindex") ExecutorService indexers) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.committer = committer;
        this.indexers = indexers;
        this.store = store;
        this.records = records;
        this.settings = settings;
        this.logs = logs;
    }

    public Path indexPath() {
        return settings.indexPath(logs);
    }

    /** Rebuilds the index from every stored build, with a progress line. */
    public Summary run(PrintStream out, boolean terminal) throws IOException {
        Path main = indexPath();
        Files.createDirectories(main);
        Path rebuild = main.resolveSibling(main.getFileName() + ".rebuild");
        try (Directory mainDirectory = FSDirectory.open(main);
                Lock lock = obtain(mainDirectory)) {
            Trees.delete(rebuild);
            List<BuildRecord> builds = records.all().stream()
                    .filter(r -> r.state() == IngestState.DONE || r.state() == IngestState.INDEXING)
                    .sorted(Comparator.comparing(BuildRecord::received))
                    .toList();
            out.println("Indexing " + builds.size() + " builds from " + store.describe() + " into " + main);
            SearchSettings into = new SearchSettings(
                    rebuild.toString(),
                    settings.commitInterval(),
                    settings.ramBufferMb(),
                    settings.maxFileBytes(),
                    settings.maxLineChars(),
                    settings.exclude(),
                    settings.queryTimeout(),
                    settings.maxQueryLength(),
                    settings.contextLines(),
                    settings.minLevel());
            Summary summary;
            try (LogIndex index = new LogIndex(
                    store,
                    into,
                    logs,
                    new SimpleMeterRegistry(),
                    ApplicationEventPublisher.noOp(),
                    scheduler,
                    committer)) {
                summary = index(index, builds, out, terminal);
            }
            Path old = main.resolveSibling(main.getFileName() + ".old");
            Trees.delete(old);
            lock.close();
            mainDirectory.close();
            Files.move(main, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(rebuild, main, StandardCopyOption.ATOMIC_MOVE);
            Trees.delete(old);
            return summary;
        }
    }

    /** Indexes the builds stored but not yet indexed (after an import) into the index, whichever engine holds it. */
    public Summary indexWaiting(SearchIndex index, PrintStream out, boolean terminal) {
        List<BuildRecord> waiting = records.all().stream()
                .filter(r -> r.state() == IngestState.INDEXING)
                .sorted(Comparator.comparing(BuildRecord::received))
                .toList();
        return index(index, waiting, out, terminal);
    }

    /**
     * Indexes builds on the {@code reindex} executor, two threads a core (the index takes documents
     * from all at once), then commits once; builds waiting for the index are done after that commit.
     */
    private Summary index(SearchIndex index, List<BuildRecord> builds, PrintStream out, boolean terminal) {
        long totalBytes = builds.stream().mapToLong(BuildRecord::bytes).sum();
        Progress progress = new Progress(out, terminal, "index", "builds", builds.size(), totalBytes);
        long started = System.nanoTime();
        java.util.Map<String, String> failed = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicLong lines = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong chars = new java.util.concurrent.atomic.AtomicLong();
        long[] done = {0, 0}; // builds, bytes
        try {
            List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
            for (BuildRecord build : builds) {
                work.add(indexers.submit(() -> {
                    try {
                        IndexedBuild indexed = index.add(build);
                        lines.addAndGet(indexed.lines());
                        chars.addAndGet(indexed.chars());
                    } catch (IOException | RuntimeException e) {
                        failed.put(build.build().uuid(), e.toString());
                    }
                    synchronized (done) {
                        done[0]++;
                        done[1] += build.bytes();
                        progress.update(done[0], done[1], false);
                    }
                }));
            }
            for (java.util.concurrent.Future<?> future : work) {
                future.get();
            }
            index.commit(); // one commit for all: durable and searchable from here
            for (BuildRecord build : builds) {
                if (build.state() == IngestState.INDEXING
                        && !failed.containsKey(build.build().uuid())) {
                    records.save(build.with(IngestState.DONE, "", clock.instant()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the index commit failed: nothing of this run is kept", e);
        }
        progress.finish(done[0], done[1]);
        return new Summary(
                builds.size() - failed.size(),
                new java.util.TreeMap<>(failed),
                lines.get(),
                chars.get(),
                (System.nanoTime() - started) / 1e9);
    }

    private static Lock obtain(Directory directory) throws IOException {
        try {
            return directory.obtainLock(IndexWriter.WRITE_LOCK_NAME);
        } catch (LockObtainFailedException e) {
            throw new IllegalStateException("the index is in use: stop logs-web first (./suite stop), then reindex");
        }
    }
}
