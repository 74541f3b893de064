package org.opencontrail.web.logs.ingest;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.opencontrail.web.logs.builds.BuildFinished;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.builds.LogsCommand;
import org.opencontrail.web.logs.search.SearchIndex;
import org.opencontrail.web.logs.store.StoreLimitException;
import org.opencontrail.web.shared.gerrit.projects.PublicProjects;
import org.opencontrail.web.shared.gerrit.projects.Visibility;
import org.opencontrail.web.shared.zuul.builds.Build;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works through the builds taken in: a build is accepted once its record is on disk, then fetched
 * into the store ({@link BuildCopier}) and indexed for search by a few workers; it is done once an
 * index commit holds it. A failure of the log server, the store or the index is tried again with
 * growing waits, and reported on the build when the tries run out. Ingest is idempotent by build
 * uuid. Builds uploaded or imported are only indexed. Where a build handed in goes first is
 * {@link BuildIntake}'s; what the last run left is taken up by {@link UnfinishedBuilds}. The
 * workers are the {@code ingest} executor ({@code logs.ingest.workers} threads); waits before a try
 * are kept by the app's scheduler.
 */
@Context
public final class IngestQueue {

    private static final Logger LOG = LoggerFactory.getLogger(IngestQueue.class);
    private static final Duration INDEX_DELAY = Duration.ofSeconds(1);
    private static final Duration UNDECIDED_WAIT = Duration.ofSeconds(5);
    private static final String UNDECIDED = "waiting for Gerrit's project list, to know whether its project is public";
    private static final Duration RECORD_RETRY = Duration.ofSeconds(5);

    private final BuildRecords records;
    private final BuildCopier copier;
    private final BeanProvider<SearchIndex> index;
    private final LogsCommand command;
    private final IngestSettings settings;
    private final IngestMetrics metrics;
    private final PublicProjects projects;
    private final Clock clock;
    private final ExecutorService workers;
    private final TaskScheduler scheduler;
    private final ApplicationEventPublisher<BuildFinished> finished;
    private volatile boolean stopped;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** Builds taken from the shared queue, by uuid: acknowledged there once they finish here. */
    private final Map<String, CompletableFuture<BuildRecord>> awaited = new ConcurrentHashMap<>();
    /** Builds indexed again into a new index: nothing new to tell other replicas when they finish. */
    private final Set<String> reindexing = ConcurrentHashMap.newKeySet();

    IngestQueue(
            BuildRecords records,
            BuildCopier copier,
            BeanProvider<SearchIndex> index,
            LogsCommand command,
            IngestSettings settings,
            IngestMetrics metrics,
            PublicProjects projects,
            Clock clock,
            @Named("ingest") ExecutorService workers,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            ApplicationEventPublisher<BuildFinished> finished) {
        this.records = records;
        this.copier = copier;
        this.index = index;
        this.command = command;
        this.settings = settings;
        this.metrics = metrics;
        this.projects = projects;
        this.clock = clock;
        this.workers = workers;
        this.scheduler = scheduler;
        this.finished = finished;
    }

    /** True when this app fetches builds (not a command that imports or reindexes by itself). */
    public boolean working() {
        return !command.running();
    }

    /** Takes up a build the last run had not finished. */
    void takeUp(String uuid) {
        schedule(uuid, Duration.ZERO);
    }

    /** Indexes a finished build again, into an index that lacks it: other replicas already know it. */
    void indexAgain(BuildRecord done) {
        reindexing.add(done.build().uuid());
        records.save(done.with(IngestState.INDEXING, "", clock.instant()));
    }

    /**
     * Indexes a build whose files were put in the store by other means (uploads, imports), after a
     * short wait so that files uploaded one by one are indexed once.
     */
    public void indexStored(String uuid) {
        if (!command.running()) {
            schedule(uuid, INDEX_DELAY);
        }
    }

    /**
     * Fetches here a build taken from the shared queue; the answer completes once it is finished
     * (stored and indexed, failed for good, or withheld), when the queue may forget it.
     */
    public CompletableFuture<BuildRecord> fetchHere(Build build, String source) {
        CompletableFuture<BuildRecord> done = awaited.computeIfAbsent(build.uuid(), uuid -> new CompletableFuture<>());
        BuildRecord record = accept(build, source);
        if (record.state().finished() && awaited.remove(build.uuid(), done)) {
            done.complete(record);
        }
        return done;
    }

    /** Records a build and starts on it, unless it is known and did not fail. */
    BuildRecord accept(Build build, String source) {
        synchronized (this) {
            var known = records.get(build.uuid());
            if (known.isPresent() && known.get().state() != IngestState.FAILED) {
                return known.get();
            }
            BuildRecord record = BuildRecord.queued(build, source, clock.instant());
            records.save(record);
            schedule(build.uuid(), Duration.ZERO);
            return record;
        }
    }

    private void schedule(String uuid, Duration delay) {
        if (delay.isZero()) {
            work(uuid);
        } else {
            var unused = scheduler.schedule(delay, () -> work(uuid));
        }
    }

    private void work(String uuid) {
        try {
            if (!stopped) {
                workers.execute(() -> run(uuid));
            }
        } catch (RejectedExecutionException stopping) {
            // the app stops: the build stays pending on disk and is taken up at the next start
        }
    }

    private void run(String uuid) {
        if (!inFlight.add(uuid)) {
            return;
        }
        try {
            records.get(uuid).filter(r -> !r.state().finished()).ifPresent(this::ingest);
        } catch (java.io.UncheckedIOException e) {
            // the record itself could not be written (a full disk): the build stays where it was, tried again later
            LOG.warn("Build {}: {}; again in {}", uuid, e.getMessage(), RECORD_RETRY);
            schedule(uuid, RECORD_RETRY);
        } finally {
            inFlight.remove(uuid);
        }
    }

    private void ingest(BuildRecord queued) {
        Visibility visibility = projects.of(queued.build().project());
        if (visibility == Visibility.WITHHELD) {
            records.forget(queued.build().uuid());
            Optional.ofNullable(awaited.remove(queued.build().uuid())).ifPresent(waiting -> waiting.complete(queued));
            metrics.withheld();
            LOG.info(
                    "Build {} withheld: its project is not public",
                    queued.build().uuid());
            return;
        }
        if (visibility == Visibility.UNKNOWN) {
            if (!queued.reason().equals(UNDECIDED)) {
                records.save(queued.with(queued.state(), UNDECIDED, clock.instant()));
            }
            schedule(queued.build().uuid(), UNDECIDED_WAIT);
            return;
        }
        if (queued.state() == IngestState.INDEXING) {
            indexAndFinish(queued);
            return;
        }
        BuildRecord record = queued.attempt(clock.instant());
        records.save(record);
        try {
            if (record.build().logUrl().isBlank()) {
                finish(record.with(
                        IngestState.FAILED, "the build has no log_url to fetch its files from", clock.instant()));
                return;
            }
            indexAndFinish(copier.copy(record));
        } catch (LogFetcher.LimitExceeded | StoreLimitException | IllegalArgumentException e) {
            finish(record.with(IngestState.FAILED, "refused: " + e.getMessage(), clock.instant()));
        } catch (IOException | RuntimeException e) {
            retry(record, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Indexes a stored build; it is done once the index commit holds it. */
    private void indexAndFinish(BuildRecord stored) {
        BuildRecord record = stored.with(IngestState.INDEXING, "", clock.instant());
        records.save(record);
        try {
            var indexed = index.get().index(record);
            finish(record.with(IngestState.DONE, "", clock.instant()));
            LOG.info("Indexed build {} ({} files, {} lines)", record.build().uuid(), indexed.files(), indexed.lines());
        } catch (IOException | RuntimeException e) {
            metrics.indexFailed();
            retryIndexing(record, e);
        }
    }

    private void retryIndexing(BuildRecord record, Exception error) {
        String why = error.getClass().getSimpleName() + ": " + error.getMessage();
        BuildRecord tried = new BuildRecord(
                record.build(),
                record.root(),
                record.source(),
                IngestState.INDEXING,
                record.reason(),
                record.attempts() + 1,
                record.files(),
                record.received(),
                clock.instant());
        if (tried.attempts() >= settings.attempts() + 1) {
            finish(tried.with(IngestState.FAILED, "stored, but indexing gave up; last: " + why, clock.instant()));
            return;
        }
        Duration wait = settings.backoffBefore(Math.max(2, tried.attempts()));
        records.save(tried.with(
                IngestState.INDEXING, "indexing failed, again in " + wait.toSeconds() + " s: " + why, clock.instant()));
        LOG.warn("Build {}: indexing failed ({}); again in {}", record.build().uuid(), why, wait);
        schedule(record.build().uuid(), wait);
    }

    private void retry(BuildRecord record, Exception error) {
        String why = error.getClass().getSimpleName() + ": " + error.getMessage();
        if (record.attempts() >= settings.attempts()) {
            finish(record.with(
                    IngestState.FAILED,
                    "gave up after " + record.attempts() + " tries; last: " + why,
                    clock.instant()));
            return;
        }
        Duration wait = settings.backoffBefore(record.attempts() + 1);
        records.save(record.with(
                IngestState.QUEUED,
                "try " + record.attempts() + " failed, again in " + wait.toSeconds() + " s: " + why,
                clock.instant()));
        LOG.warn("Build {}: try {} failed ({}); again in {}", record.build().uuid(), record.attempts(), why, wait);
        schedule(record.build().uuid(), wait);
    }

    private void finish(BuildRecord record) {
        records.save(record);
        // told before the shared queue may acknowledge it: a replica killed in between must leave it on the queue
        if (!reindexing.remove(record.build().uuid())) {
            finished.publishEvent(new BuildFinished(record));
        }
        Optional.ofNullable(awaited.remove(record.build().uuid())).ifPresent(waiting -> waiting.complete(record));
        if (record.state() == IngestState.FAILED) {
            metrics.failed();
            LOG.warn("Build {} failed: {}", record.build().uuid(), record.reason());
        } else {
            metrics.done();
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
        workers.shutdownNow();
    }
}
