package org.opencontrail.web.shared.gerrit.projects;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Collectors;
import org.opencontrail.web.shared.gerrit.stream.GerritHttp;
import org.opencontrail.web.shared.gerrit.stream.GerritSettings;
import org.opencontrail.web.shared.retry.Backoff;
import org.opencontrail.web.shared.text.Excerpts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The projects this site may show: with {@code gerrit.url} set, those Gerrit lists to an anonymous
 * reader (read at start and every {@code gerrit.project-list.refresh}; a failed read is tried
 * again after {@code gerrit.project-list.retry}, doubling up to the refresh), so what Gerrit hides
 * or keeps private is never shown; without it, every project. Names in
 * {@code gerrit.project-list.hidden} are never shown. Until Gerrit's list is first read, nothing
 * is: a site that cannot ask fails closed, and what its sources brought meanwhile is held back
 * ({@link org.opencontrail.web.shared.feeds.VisibleOnly}) and handed on once it can, when the
 * first good read is announced as {@link Decided}.
 */
@Singleton
public final class PublicProjects {

    private static final Logger LOG = LoggerFactory.getLogger(PublicProjects.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * Where the list stands, for /health.
     *
     * @param enforced true when Gerrit's list decides (gerrit.url set)
     * @param listed   projects Gerrit listed at the last good read, empty before the first
     * @param readAt   when Gerrit's list was last read well
     * @param problem  why the last read failed, empty when it did not
     */
    public record Status(boolean enforced, Optional<Integer> listed, Optional<Instant> readAt, String problem) {}

    /**
     * Gerrit's list was read for the first time: what each site may show is decided from now on.
     *
     * @param listed the projects it lists
     */
    public record Decided(int listed) {}

    private final GerritSettings gerrit;
    private final Set<String> hidden;
    private final GerritProjects parser = new GerritProjects();
    private final Clock clock;
    private volatile Set<String> listed;
    private volatile Instant readAt;
    private volatile String problem = "";
    private final ApplicationEventPublisher<Decided> decisions;
    private final TaskScheduler scheduler;
    private final Duration refresh;
    private final Backoff retries;
    private ScheduledFuture<?> next;
    private boolean stopped;

    public PublicProjects(
            GerritSettings gerrit,
            ProjectListSettings config,
            Clock clock,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            ApplicationEventPublisher<Decided> decisions) {
        this.clock = clock;
        this.decisions = decisions;
        this.gerrit = gerrit;
        this.hidden = Set.copyOf(config.hidden());
        this.scheduler = scheduler;
        this.refresh = config.refresh();
        // one chain of reads at a time uses it, so an unshared generator will do
        this.retries = new Backoff(config.retry(), config.refresh(), new SplittableRandom());
    }

    /**
     * Reads the list now and then again and again: every refresh after a good read, sooner after a
     * failed one, because a site started before its Gerrit shows nothing until the first good read.
     */
    @EventListener
    void onStartup(StartupEvent started) {
        start();
    }

    void start() {
        if (gerrit.hasRest()) {
            schedule(Duration.ZERO);
        }
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
    }

    private synchronized void schedule(Duration wait) {
        if (!stopped) {
            next = scheduler.schedule(wait, this::readAndGoOn);
        }
    }

    /** One read, then the next one scheduled whatever happened: nothing may end the reading. */
    private void readAndGoOn() {
        boolean read = false;
        try {
            read = refresh();
        } catch (RuntimeException e) {
            problem = e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Excerpts.withoutCredentials(e.getMessage()));
            LOG.warn("Reading Gerrit's project list failed ({})", problem, e);
        } finally {
            schedule(read ? nextRefresh() : retries.next());
        }
    }

    private Duration nextRefresh() {
        retries.reset();
        return refresh;
    }

    public Visibility of(String project) {
        if (hidden.contains(project)) {
            return Visibility.WITHHELD;
        }
        if (!gerrit.hasRest()) {
            return Visibility.SHOWN;
        }
        Set<String> known = listed;
        if (known == null) {
            return Visibility.UNKNOWN;
        }
        return known.contains(project) ? Visibility.SHOWN : Visibility.WITHHELD;
    }

    public boolean shows(String project) {
        return of(project) == Visibility.SHOWN;
    }

    /** True once visibility is decided for every project: no list to read, or the list read once. */
    public boolean decided() {
        return !gerrit.hasRest() || listed != null;
    }

    public Status status() {
        Set<String> known = listed;
        return new Status(
                gerrit.hasRest(), Optional.ofNullable(known).map(Set::size), Optional.ofNullable(readAt), problem);
    }

    /** Reads Gerrit's anonymous list again; a failed read keeps the last list in force. True when it was read. */
    public boolean refresh() {
        if (!gerrit.hasRest()) {
            return true;
        }
        try {
            String body = new GerritHttp(gerrit.url(), TIMEOUT).get("projects/?d&type=CODE");
            Set<String> names = parser.parse(GerritHttp.stripXssi(body)).stream()
                    .map(GerritProjects.Listed::name)
                    .collect(Collectors.toUnmodifiableSet());
            if (listed == null || !listed.equals(names)) {
                LOG.info("Gerrit lists {} public projects", names.size());
            }
            boolean first = listed == null;
            listed = names;
            readAt = clock.instant();
            problem = "";
            if (first) {
                decisions.publishEvent(new Decided(names.size()));
            }
            return true;
        } catch (IOException e) {
            // a refused connection has no message: its kind is the reason
            problem = e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Excerpts.withoutCredentials(e.getMessage()));
            LOG.warn(
                    "Cannot read Gerrit's project list ({}); {}",
                    problem,
                    listed == null ? "every project stays withheld until it can" : "the last list read stays in force");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
