package org.opencontrail.web.git.mirror;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.transport.TrackingRefUpdate;
import org.opencontrail.web.shared.json.PrettyJson;
import org.opencontrail.web.shared.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mirrors of every public project: made and dropped as the project list changes (the last
 * list read is kept on disk, so a project hidden before a restart stays hidden while Gerrit is
 * away), fetched when an event says a ref moved, by a periodic sweep, and again after a failure
 * with a growing wait. Fetches of one mirror never overlap; requests that come while one runs are
 * answered by one more fetch after it.
 */
@Singleton
public final class Mirrors implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Mirrors.class);
    private static final String LIST_FILE = "projects.json";

    private final GitSettings settings;
    private final ProjectList projectList;
    private final ApplicationEventPublisher<MirrorUpdated> events;
    private final ApplicationEventPublisher<MirrorRepacked> repacks;
    private final Clock clock;
    private final Map<String, Mirror> mirrors = new ConcurrentHashMap<>();
    private final Map<String, FetchQueue> queues = new ConcurrentHashMap<>();
    /** The app's scheduler: sweeps and the waits before trying again. */
    private final TaskScheduler scheduler;
    /** The {@code mirror-fetch} executor: fetches, a few at once. */
    private final ExecutorService fetchers;

    private volatile ScheduledFuture<?> sweeping;
    private volatile boolean closed;
    private final Counter fetchesOk;
    private final Counter fetchesFailed;
    private final Timer fetchTime;
    private final JsonMapper json;
    private volatile Optional<String> listError = Optional.empty();
    private volatile Instant listRead = Instant.EPOCH;
    private final AtomicInteger listFailures = new AtomicInteger();
    private final AtomicBoolean listRetryPending = new AtomicBoolean();

    Mirrors(
            GitSettings settings,
            ProjectList projectList,
            ApplicationEventPublisher<MirrorUpdated> events,
            ApplicationEventPublisher<MirrorRepacked> repacks,
            MeterRegistry meters,
            Clock clock,
            JsonMapper json,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            @Named("mirror-fetch") ExecutorService fetchers) {
        this.clock = clock;
        this.json = json;
        this.settings = settings;
        this.projectList = projectList;
        this.events = events;
        this.repacks = repacks;
        this.scheduler = scheduler;
        this.fetchers = fetchers;
        this.fetchesOk = Counter.builder("git_mirror_fetches")
                .tag("result", "ok")
                .description("fetches of mirrors")
                .register(meters);
        this.fetchesFailed = Counter.builder("git_mirror_fetches")
                .tag("result", "failed")
                .description("fetches of mirrors")
                .register(meters);
        this.fetchTime = Timer.builder("git_mirror_fetch_duration")
                .description("how long a fetch of a mirror takes")
                .register(meters);
        Gauge.builder("git_mirrors", mirrors, Map::size)
                .description("public projects mirrored")
                .register(meters);
        Gauge.builder("git_mirrors_failing", this, m -> m.failing().size())
                .description("mirrors whose last fetch failed")
                .register(meters);
        Gauge.builder(
                        "git_mirror_replication_lag_seconds",
                        this,
                        m -> m.replicationLag().toMillis() / 1000.0)
                .description(
                        "age of the oldest fetch asked for and not yet done: how far the mirrors are behind Gerrit")
                .register(meters);
        readChangedPathFilters();
        sizePackCache(settings.packCacheMb());
    }

    /** JGit's cache of pack data is process-wide; its default (10 MB) makes a large repository read its packs again and again. */
    private static void sizePackCache(int megabytes) {
        org.eclipse.jgit.storage.file.WindowCacheConfig cache = new org.eclipse.jgit.storage.file.WindowCacheConfig();
        cache.setPackedGitLimit(megabytes * 1024L * 1024L);
        cache.setPackedGitOpenFiles(256);
        cache.setDeltaBaseCacheLimit(Math.max(10, megabytes / 4) * 1024 * 1024);
        cache.install();
    }

    /**
     * JGit reads the commit-graph's changed-path filters only when its own (process-wide) config
     * says so; without them a file's history reads two trees for every commit (measured: 20,000
     * commits 822 ms without, 138 ms with).
     */
    private static void readChangedPathFilters() {
        try {
            org.eclipse.jgit.util.SystemReader.getInstance()
                    .getJGitConfig()
                    .setBoolean(
                            ConfigConstants.CONFIG_COMMIT_GRAPH_SECTION,
                            null,
                            ConfigConstants.CONFIG_KEY_READ_CHANGED_PATHS,
                            true);
        } catch (IOException | org.eclipse.jgit.errors.ConfigInvalidException e) {
            LOG.warn("Cannot turn on JGit's changed-path filters (file histories will be slower): {}", e.getMessage());
        }
    }

    /** Opens the mirrors of the last list at once (pages work before the first fetch), then reads the list and fetches all. */
    @EventListener
    void onStartup(StartupEvent event) {
        try {
            Files.createDirectories(settings.root());
            adopt(readSavedList());
        } catch (IOException e) {
            LOG.warn("Cannot open the mirrors under {}: {}", settings.root().toAbsolutePath(), e.getMessage());
        }
        sweeping = scheduler.scheduleWithFixedDelay(Duration.ZERO, settings.sweepInterval(), this::sweep);
    }

    /** The mirror of a public project. */
    public Optional<Mirror> find(String name) {
        return Optional.ofNullable(mirrors.get(name));
    }

    /** Every public project's mirror, by name. */
    public List<Mirror> all() {
        return mirrors.values().stream()
                .sorted(Comparator.comparing(Mirror::name))
                .toList();
    }

    public List<Mirror> failing() {
        return mirrors.values().stream()
                .filter(m -> m.status().failing())
                .sorted(Comparator.comparing(Mirror::name))
                .toList();
    }

    /** Why the project list could not be read the last time, while it cannot. */
    public Optional<String> listError() {
        return listError;
    }

    public String listSource() {
        return projectList.describe();
    }

    /** Reads the project list again when it is due, then asks for a fetch of every mirror. */
    void sweep() {
        if (closed) {
            return;
        }
        if (Duration.between(listRead, clock.instant()).compareTo(settings.projectsInterval()) >= 0
                || mirrors.isEmpty()) {
            refreshList();
        }
        mirrors.keySet().forEach(this::request);
    }

    /** Reads the list of public projects and makes or drops mirrors to match. */
    public void refreshList() {
        try {
            List<PublicProject> projects = projectList.load();
            adopt(projects);
            saveList(projects);
            listError = Optional.empty();
            listRead = clock.instant();
            listFailures.set(0);
        } catch (IOException | RuntimeException e) {
            listError = Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
            LOG.warn("Cannot read the project list from {}: {}", projectList.describe(), listError.get());
            retryListSoon();
        }
    }

    /**
     * A list that could not be read (Gerrit starting beside the site, a network blip) is asked
     * again after the retry delay, doubled at each failure up to the sweep interval, rather than
     * only at the next sweep: a site started before its Gerrit would mirror nothing for minutes.
     */
    private void retryListSoon() {
        if (!listRetryPending.compareAndSet(false, true)) {
            return;
        }
        int failures = listFailures.incrementAndGet();
        long wait = Backoff.capped(settings.retryDelay(), settings.sweepInterval(), failures - 1)
                .toMillis();
        try {
            var unused = scheduler.schedule(Duration.ofMillis(wait), () -> {
                listRetryPending.set(false);
                sweep();
            });
        } catch (RejectedExecutionException closing) {
            listRetryPending.set(false);
        }
    }

    private synchronized void adopt(List<PublicProject> projects) {
        Map<String, PublicProject> wanted = new HashMap<>();
        projects.forEach(p -> wanted.put(p.name(), p));
        for (String name : List.copyOf(mirrors.keySet())) {
            Mirror mirror = mirrors.get(name);
            if (!wanted.containsKey(name) || !wanted.get(name).equals(mirror.project())) {
                mirrors.remove(name); // no longer public, or moved: not served from here on
                queues.remove(name); // and no fetch of it is owed any more
                mirror.close();
                events.publishEvent(new MirrorUpdated(name, List.of())); // and no page keeps showing it
                if (!wanted.containsKey(name)) {
                    LOG.info("Project {} is no longer public: its mirror is not served", name);
                }
            }
        }
        for (PublicProject project : wanted.values()) {
            if (!mirrors.containsKey(project.name())) {
                try {
                    mirrors.put(project.name(), Mirror.open(settings.root(), project, clock));
                    events.publishEvent(new MirrorUpdated(project.name(), List.of()));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Cannot open the mirror of {}: {}", project.name(), e.getMessage());
                }
            }
        }
    }

    /**
     * Asks for a fetch of a mirror; the answer completes once a fetch that started after this call
     * has ended (failed or not). Unknown projects complete at once. Who only asks need not wait.
     */
    @CanIgnoreReturnValue
    public CompletableFuture<Void> request(String name) {
        Mirror mirror = mirrors.get(name);
        if (mirror == null) {
            return CompletableFuture.completedFuture(null);
        }
        FetchQueue queue = queues.computeIfAbsent(name, n -> new FetchQueue());
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean start;
        synchronized (queue) {
            if (queue.behindSince == null) {
                queue.behindSince = clock.instant();
            }
            queue.waiting.add(done);
            start = !queue.running;
            queue.running = true;
        }
        if (start) {
            try {
                fetchers.execute(() -> drain(name, queue));
            } catch (RejectedExecutionException stopping) {
                done.cancel(false);
            }
        }
        return done;
    }

    private void drain(String name, FetchQueue queue) {
        while (true) {
            List<CompletableFuture<Void>> answered;
            synchronized (queue) {
                if (queue.waiting.isEmpty()) {
                    queue.running = false;
                    return;
                }
                answered = new ArrayList<>(queue.waiting);
                queue.waiting.clear();
            }
            Instant asked = clock.instant();
            Mirror mirror = mirrors.get(name);
            if (mirror == null || fetch(mirror)) {
                synchronized (queue) {
                    // caught up with every request made before this fetch began
                    queue.behindSince = queue.waiting.isEmpty() ? null : asked;
                }
            }
            answered.forEach(f -> f.complete(null));
        }
    }

    /** Fetches a mirror; false when it failed (and a retry is scheduled). */
    private boolean fetch(Mirror mirror) {
        long started = System.nanoTime();
        try {
            List<TrackingRefUpdate> moved = mirror.fetch(settings.fetchTimeout());
            fetchTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            fetchesOk.increment();
            if (!moved.isEmpty()) {
                LOG.info("Mirror {}: {} refs moved", mirror.name(), moved.size());
                events.publishEvent(new MirrorUpdated(
                        mirror.name(),
                        moved.stream().map(TrackingRefUpdate::getLocalName).toList()));
            }
            maintain(mirror);
            return true;
        } catch (IOException e) {
            fetchesFailed.increment();
            int failures = mirror.status().failures();
            long wait = Backoff.capped(settings.retryDelay(), settings.sweepInterval(), failures - 1)
                    .toMillis();
            LOG.warn(
                    "Fetch of {} from {} failed ({} in a row), next try in {} ms: {}",
                    mirror.name(),
                    mirror.project().fetchUrl(),
                    failures,
                    wait,
                    e.getMessage());
            var unused = scheduler.schedule(Duration.ofMillis(wait), () -> {
                if (!closed) {
                    request(mirror.name());
                }
            });
            return false;
        }
    }

    /**
     * How far the mirrors are behind Gerrit: the age of the oldest fetch asked for (by an event, a
     * sweep or a retry) that no successful fetch has answered yet; 0 when every mirror is caught up.
     */
    public Duration replicationLag() {
        Instant now = clock.instant();
        Duration lag = Duration.ZERO;
        for (Map.Entry<String, FetchQueue> entry : queues.entrySet()) {
            if (!mirrors.containsKey(entry.getKey())) {
                continue;
            }
            FetchQueue queue = entry.getValue();
            Instant since;
            synchronized (queue) {
                since = queue.behindSince;
            }
            if (since != null && Duration.between(since, now).compareTo(lag) > 0) {
                lag = Duration.between(since, now);
            }
        }
        return lag;
    }

    /** Repacks a mirror once it has its first objects, then every {@code git.gc-interval}. */
    private void maintain(Mirror mirror) {
        Optional<Instant> last = mirror.status().lastGc();
        if (last.isPresent() && Duration.between(last.get(), clock.instant()).compareTo(settings.gcInterval()) < 0) {
            return;
        }
        try {
            mirror.collectGarbage();
            repacks.publishEvent(new MirrorRepacked(mirror.name(), mirror.repository()));
        } catch (IOException e) {
            LOG.warn("{}", e.getMessage());
        }
    }

    private List<PublicProject> readSavedList() {
        Path file = settings.root().resolve(LIST_FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return json.readValue(Files.readAllBytes(file), Argument.listOf(PublicProject.class));
        } catch (IOException e) {
            LOG.warn("Ignoring the saved project list {}: {}", file, e.getMessage());
            return List.of();
        }
    }

    private void saveList(Collection<PublicProject> projects) throws IOException {
        Path file = settings.root().resolve(LIST_FILE);
        Path temp = settings.root().resolve(LIST_FILE + ".tmp");
        Files.writeString(temp, PrettyJson.indent(json.writeValueAsBytes(List.copyOf(projects))));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @PreDestroy
    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> sweeps = sweeping;
        if (sweeps != null) {
            sweeps.cancel(false);
        }
        fetchers.shutdownNow();
        try {
            fetchers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mirrors.values().forEach(Mirror::close);
        mirrors.clear();
    }

    /** The fetch requests of one mirror: whether a fetch runs, and who waits for the next one. */
    private static final class FetchQueue {
        private boolean running;
        private Instant behindSince;
        private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
    }
}
