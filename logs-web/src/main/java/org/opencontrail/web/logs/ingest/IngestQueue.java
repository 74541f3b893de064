package org.opencontrail.web.logs.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.opencontrail.web.logs.search.BuildFacts;
import org.opencontrail.web.logs.search.SearchIndex;
import org.opencontrail.web.logs.store.LogsSettings;
import org.opencontrail.web.logs.store.StoreLimitException;
import org.opencontrail.web.logs.store.StoredObject;
import org.opencontrail.web.shared.gerrit.projects.PublicProjects;
import org.opencontrail.web.shared.gerrit.projects.Visibility;
import org.opencontrail.web.shared.zuul.builds.Build;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes builds in and works through them: a build is accepted once its record is on disk, then
 * fetched into the store and indexed for search by a few workers; it is done once an index commit
 * holds it. A failure of the log server, the store or the index is tried again with growing waits,
 * and reported on the build when the tries run out. Ingest is idempotent by build uuid. At start,
 * every build the app had not finished (stopped, killed) is taken up again, and when the index was
 * lost every stored build is indexed anew. Builds uploaded or imported are only indexed. The
 * workers are the {@code ingest} executor ({@code logs.ingest.workers} threads); waits before a
 * try are kept by the app's scheduler.
 */
@Context
public final class IngestQueue {

    private static final Logger LOG = LoggerFactory.getLogger(IngestQueue.class);

    private final BuildRecords records;
    private final LogFetcher fetcher;
    private final BeanProvider<SearchIndex> index;
    private final boolean working;
    private final IngestSettings settings;
    private final LogsSettings logs;
    private final Clock clock;
    private final ExecutorService workers;
    private final TaskScheduler scheduler;
    private volatile boolean stopped;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Counter listErrors;
    private final Counter copyErrors;
    private final Counter bytesStored;
    private final Counter buildsDone;
    private final Counter buildsFailed;
    private final Counter indexErrors;
    private final Counter buildsWithheld;
    private final PublicProjects projects;
    private final Optional<IngestTopic> topic;
    private final ApplicationEventPublisher<BuildFinished> finished;
    /** Builds taken from the shared queue, by uuid: acknowledged there once they finish here. */
    private final Map<String, CompletableFuture<BuildRecord>> awaited = new ConcurrentHashMap<>();
    /** Builds indexed again into a new index: nothing new to tell other replicas when they finish. */
    private final Set<String> reindexing = ConcurrentHashMap.newKeySet();

    IngestQueue(
            BuildRecords records,
            LogFetcher fetcher,
            BeanProvider<SearchIndex> index,
            IngestSettings settings,
            LogsSettings logs,
            MeterRegistry meters,
            PublicProjects projects,
            Clock clock,
            @Property(name = "logs.command") @Nullable String command,
            @Named("ingest") ExecutorService workers,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            Optional<IngestTopic> topic,
            ApplicationEventPublisher<BuildFinished> finished) {
        this.projects = projects;
        this.topic = topic;
        this.finished = finished;
        this.records = records;
        this.fetcher = fetcher;
        this.index = index;
        this.working = command == null; // a command (import, reindex) stores or indexes by itself
        this.settings = settings;
        this.logs = logs;
        this.clock = clock;
        this.workers = workers;
        this.scheduler = scheduler;
        Gauge.builder("logs_ingest_queue_depth", this, q -> q.records.pending().size())
                .description("builds accepted and not yet stored")
                .register(meters);
        Gauge.builder("logs_ingest_oldest_pending_seconds", this, IngestQueue::oldestPendingSeconds)
                .description("age of the oldest build not yet stored")
                .register(meters);
        listErrors = Counter.builder("logs_ingest_errors")
                .tag("phase", "list")
                .description("failed tries to list a build's files on its log server")
                .register(meters);
        copyErrors = Counter.builder("logs_ingest_errors")
                .tag("phase", "copy")
                .description("failed tries to copy a build's files from its log server into the store")
                .register(meters);
        bytesStored = Counter.builder("logs_ingest_bytes_stored")
                .description("bytes of log stored (as written by the builds)")
                .register(meters);
        buildsDone = Counter.builder("logs_ingest_builds").tag("state", "done").register(meters);
        buildsFailed =
                Counter.builder("logs_ingest_builds").tag("state", "failed").register(meters);
        buildsWithheld = Counter.builder("logs_ingest_builds")
                .tag("state", "withheld")
                .description("builds not kept because their project is not public")
                .register(meters);
        indexErrors = Counter.builder("logs_ingest_errors")
                .tag("phase", "index")
                .description("failed tries to index a stored build")
                .register(meters);
    }

    /** Takes up what the last run left (and indexes anew what a lost index held, or what it never got) once the app is up. */
    @EventListener
    void onStartup(StartupEvent started) {
        if (!working) {
            return;
        }
        boolean fresh = index.get().fresh();
        // what the retention sweep took out of the index stays out of it
        long kept = logs.retention().isZero() || logs.retention().isNegative()
                ? Long.MIN_VALUE
                : clock.instant().minus(logs.retention()).toEpochMilli();
        List<BuildRecord> unindexed = records.all().stream()
                .filter(r -> r.state() == IngestState.DONE)
                .filter(r -> BuildFacts.of(r).time() >= kept)
                .filter(r -> fresh || index.get().lacks(r.build().uuid()))
                .toList();
        if (!unindexed.isEmpty()) {
            if (fresh) {
                LOG.info("The search index is new: indexing the {} stored builds", unindexed.size());
            } else {
                LOG.info(
                        "Indexing the {} stored builds the search index lacks (the app stopped before their lines were written)",
                        unindexed.size());
            }
            unindexed.forEach(r -> {
                reindexing.add(r.build().uuid());
                records.save(r.with(IngestState.INDEXING, "", clock.instant()));
            });
        }
        List<BuildRecord> unfinished = records.pending();
        if (!unfinished.isEmpty()) {
            LOG.info("Taking up {} builds not finished before the last stop", unfinished.size());
        }
        unfinished.forEach(record -> schedule(record.build().uuid(), Duration.ZERO));
    }

    /**
     * Indexes a build whose files were put in the store by other means (uploads, imports), after a
     * short wait so that files uploaded one by one are indexed once.
     */
    public void indexStored(String uuid) {
        if (working) {
            schedule(uuid, INDEX_DELAY);
        }
    }

    /** Seconds since the oldest unfinished build was accepted; 0 when none waits. */
    double oldestPendingSeconds() {
        return records.pending().stream()
                .findFirst()
                .map(r -> Duration.between(r.received(), clock.instant()).toMillis() / 1000.0)
                .orElse(0.0);
    }

    /** True when this app fetches builds (not a command that imports or reindexes by itself). */
    public boolean working() {
        return working;
    }

    /**
     * Accepts a build to fetch from its {@code log_url}. A build already known keeps its record
     * (the same build twice is stored once), except a failed one, which is tried anew. With replicas
     * (Kafka), the build goes on the shared queue and one replica fetches it. Throws
     * {@link java.io.UncheckedIOException} when the build cannot be recorded (a full disk, Kafka
     * away): it is not accepted.
     */
    public BuildRecord submit(Build build, String source) {
        if (topic.isPresent() && working) {
            var known = records.get(build.uuid());
            if (known.isPresent() && known.get().state() != IngestState.FAILED) {
                return known.get();
            }
            BuildRecord queued = BuildRecord.queued(build, source, clock.instant());
            topic.get().offer(queued);
            return queued;
        }
        return accept(build, source);
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

    private BuildRecord accept(Build build, String source) {
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

    private static final Duration INDEX_DELAY = Duration.ofSeconds(1);
    private static final Duration UNDECIDED_WAIT = Duration.ofSeconds(5);
    private static final String UNDECIDED = "waiting for Gerrit's project list, to know whether its project is public";
    private static final Duration RECORD_RETRY = Duration.ofSeconds(5);

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
            buildsWithheld.increment();
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
        String uuid = record.build().uuid();
        try {
            if (record.build().logUrl().isBlank()) {
                finish(record.with(
                        IngestState.FAILED, "the build has no log_url to fetch its files from", clock.instant()));
                return;
            }
            List<LogFetcher.Remote> remotes;
            try {
                remotes = fetcher.list(record.build().logUrl());
            } catch (IOException e) {
                listErrors.increment();
                throw e;
            }
            record = record.with(IngestState.STORING, "", clock.instant());
            records.save(record);
            List<BuildRecord.StoredFile> stored = new ArrayList<>();
            long[] bytes = {0};
            for (LogFetcher.Remote remote : remotes) {
                StoredObject object;
                try {
                    object = fetcher.copy(remote, record.root(), bytes);
                } catch (IOException e) {
                    if (!(e instanceof LogFetcher.LimitExceeded) && !(e instanceof StoreLimitException)) {
                        copyErrors.increment();
                    }
                    throw e;
                }
                if (object != null) {
                    stored.add(new BuildRecord.StoredFile(remote.path(), object.size(), object.storedSize()));
                }
            }
            record = record.stored(stored, clock.instant());
            bytesStored.increment((double) record.bytes());
            LOG.info(
                    "Stored build {} ({} files, {} bytes) under {}",
                    uuid,
                    stored.size(),
                    record.bytes(),
                    record.root());
            indexAndFinish(record);
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
            indexErrors.increment();
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
        Optional.ofNullable(awaited.remove(record.build().uuid())).ifPresent(waiting -> waiting.complete(record));
        if (!reindexing.remove(record.build().uuid())) {
            finished.publishEvent(new BuildFinished(record));
        }
        if (record.state() == IngestState.FAILED) {
            buildsFailed.increment();
            LOG.warn("Build {} failed: {}", record.build().uuid(), record.reason());
        } else {
            buildsDone.increment();
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
        workers.shutdownNow();
    }
}
