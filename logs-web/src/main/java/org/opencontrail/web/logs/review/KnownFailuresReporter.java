package org.opencontrail.web.logs.review;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.BuildSaved;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.builds.KnownFailuresMatched;
import org.opencontrail.web.logs.database.DatabaseException;
import org.opencontrail.web.logs.database.ReviewCommentRow;
import org.opencontrail.web.logs.database.ReviewCommentRows;
import org.opencontrail.web.logs.failures.KnownFailures;
import org.opencontrail.web.shared.cluster.Replica;
import org.opencontrail.web.shared.gerrit.projects.PublicProjects;
import org.opencontrail.web.shared.retry.Backoff;
import org.opencontrail.web.shared.zuul.ZuulResult;
import org.opencontrail.web.shared.zuul.builds.Build;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResult;
import org.opencontrail.web.shared.zuul.mqtt.ZuulResultListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Comments on a change once its buildset failed: Zuul's report of a buildset with failed voting
 * builds notes the comment due in the builds database, then the comment waits until each of those
 * builds was matched against the known failures here (the {@link KnownFailuresMatched} that follows
 * its indexing; a build whose logs could not be fetched has nothing to wait for), at most
 * {@code logs.review.wait}, and is posted by the replica that claims it. Every replica hears Zuul
 * and waits alike; one posts, and another takes a comment up when the one that claimed it is gone.
 * A comment left waiting by a restart is taken up at start.
 */
@Requires(missingProperty = "logs.command") // a command (import, reindex) neither matches nor comments
@Singleton
public final class KnownFailuresReporter implements ZuulResultListener {

    private static final Logger LOG = LoggerFactory.getLogger(KnownFailuresReporter.class);
    private static final Duration MOST_BACKOFF = Duration.ofMinutes(5);
    private static final Duration DATABASE_AWAY = Duration.ofSeconds(30);

    private final ReviewSettings settings;
    private final ReviewCommentRows rows;
    private final CommentTexts texts;
    private final GerritComments gerrit;
    private final KnownFailures knownFailures;
    private final BuildRecords records;
    private final PublicProjects projects;
    private final Replica replica;
    private final TaskScheduler scheduler;
    private final ExecutorService executor;
    private final Clock clock;
    private final boolean active;

    /** Comments waiting for their builds, by buildset; guarded by this. */
    private final Map<String, Waiting> waiting = new HashMap<>();
    /** Comments whose builds are ready, being posted or waiting for Gerrit. */
    private final Set<String> posting = ConcurrentHashMap.newKeySet();

    private final AtomicLong posted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();
    private final AtomicLong failedTries = new AtomicLong();
    private volatile String lastRefusal = "";
    private volatile String problem = "";

    private record Waiting(ReviewCommentRow row, Set<String> builds, ScheduledFuture<?> deadline) {}

    KnownFailuresReporter(
            ReviewSettings settings,
            ReviewCommentRows rows,
            CommentTexts texts,
            GerritComments gerrit,
            KnownFailures knownFailures,
            BuildRecords records,
            PublicProjects projects,
            Replica replica,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            @Named(TaskExecutors.IO) ExecutorService executor,
            Clock clock,
            MeterRegistry meters) {
        this.settings = settings;
        this.rows = rows;
        this.texts = texts;
        this.gerrit = gerrit;
        this.knownFailures = knownFailures;
        this.records = records;
        this.projects = projects;
        this.replica = replica;
        this.scheduler = scheduler;
        this.executor = executor;
        this.clock = clock;
        this.active = settings.enabled() && gerrit.missing().isEmpty();
        meters.gauge("logs_review_comments_waiting", this, reporter -> reporter.waitingForBuilds());
        meters.more().counter("logs_review_comments_posted", List.of(), posted);
        meters.more().counter("logs_review_comments_refused", List.of(), refused);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (settings.enabled() && !active) {
            problem = "comments on failed changes are on, but " + gerrit.missing();
            LOG.warn("No known-failures comment is posted: {}", problem);
        }
        if (active) {
            run(this::resume);
        }
    }

    @PreDestroy
    synchronized void stop() {
        waiting.values().forEach(w -> w.deadline().cancel(false));
        waiting.clear();
    }

    /** The comments a restart left waiting, taken up again. */
    private void resume() {
        try {
            List<ReviewCommentRow> due = rows.waiting(clock.instant().minus(settings.retryFor()));
            if (!due.isEmpty()) {
                LOG.info("{} known-failures comments were left waiting: taken up", due.size());
            }
            due.forEach(this::watch);
        } catch (DatabaseException e) {
            databaseAway("the comments left waiting cannot be read", e);
            later(DATABASE_AWAY, this::resume);
        }
    }

    @Override
    public void onEvent(BuildsetResult result) {
        if (!active || !result.finished()) {
            return;
        }
        List<ReviewCommentRow.FailedBuild> failed = result.builds().stream()
                .filter(build ->
                        build.voting() && build.result().map(ZuulResult::failed).orElse(false))
                .map(build -> new ReviewCommentRow.FailedBuild(build.uuid(), build.job()))
                .filter(build -> !build.uuid().isBlank())
                .toList();
        if (failed.isEmpty()
                || result.change().isEmpty()
                || result.patchSet().isEmpty()
                || result.buildsetUuid().isBlank()
                || !settings.covers(result.project(), result.pipeline())
                || !projects.shows(result.project())) {
            return;
        }
        ReviewCommentRow row = new ReviewCommentRow(
                result.buildsetUuid(),
                result.project(),
                result.pipeline(),
                result.branch(),
                result.change().get(),
                result.patchSet().get(),
                revision(result),
                clock.instant(),
                failed,
                0);
        run(() -> note(row));
    }

    private static String revision(BuildsetResult result) {
        if (!result.commitId().isBlank()) {
            return result.commitId();
        }
        return result.builds().stream()
                .map(Build::newrev)
                .filter(rev -> rev != null && rev.matches("[0-9a-f]{40}"))
                .findFirst()
                .orElse("");
    }

    private void note(ReviewCommentRow row) {
        try {
            if (rows.add(row)) {
                LOG.info(
                        "Buildset {} of change {},{} failed in {}: its comment waits for {} builds",
                        row.buildsetUuid(),
                        row.change(),
                        row.patchSet(),
                        row.pipeline(),
                        row.builds().size());
            }
            watch(row);
        } catch (DatabaseException e) {
            databaseAway("the comment on buildset " + row.buildsetUuid() + " cannot be noted", e);
            later(DATABASE_AWAY, () -> note(row));
        }
    }

    /** Waits for the comment's builds, or posts it when none is left to wait for. */
    private synchronized void watch(ReviewCommentRow row) {
        String buildset = row.buildsetUuid();
        if (waiting.containsKey(buildset) || posting.contains(buildset)) {
            return;
        }
        Set<String> pending = new LinkedHashSet<>();
        for (ReviewCommentRow.FailedBuild build : row.builds()) {
            if (!ready(build.uuid())) {
                pending.add(build.uuid());
            }
        }
        Duration left = Duration.between(clock.instant(), row.reported().plus(settings.longestWait()));
        if (pending.isEmpty() || left.isNegative()) {
            post(row);
            return;
        }
        ScheduledFuture<?> deadline;
        try {
            deadline = scheduler.schedule(left, () -> run(() -> waitedEnough(buildset)));
        } catch (RejectedExecutionException e) {
            return; // shutting down: the comment waits in the database for the next start
        }
        waiting.put(buildset, new Waiting(row, pending, deadline));
    }

    private boolean ready(String build) {
        return knownFailures.matched(build)
                || records.get(build)
                        .map(record -> record.state() == IngestState.FAILED)
                        .orElse(false);
    }

    @EventListener
    synchronized void onMatched(KnownFailuresMatched matched) {
        if (!waiting.isEmpty()) {
            done(matched.signaturesByBuild().keySet());
        }
    }

    /** A build whose logs could not be fetched: nothing of it will be matched. */
    @EventListener
    synchronized void onSaved(BuildSaved saved) {
        if (!waiting.isEmpty() && saved.record().state() == IngestState.FAILED) {
            done(Set.of(saved.record().build().uuid()));
        }
    }

    private void done(Set<String> builds) {
        for (Waiting comment : List.copyOf(waiting.values())) {
            if (comment.builds().removeAll(builds) && comment.builds().isEmpty()) {
                waiting.remove(comment.row().buildsetUuid());
                comment.deadline().cancel(false);
                post(comment.row());
            }
        }
    }

    private synchronized void waitedEnough(String buildset) {
        Waiting comment = waiting.remove(buildset);
        if (comment != null) {
            LOG.info(
                    "Buildset {}: {} of its failed builds are not matched after {}; commented with what is known",
                    buildset,
                    comment.builds().size(),
                    settings.longestWait());
            post(comment.row());
        }
    }

    private void post(ReviewCommentRow row) {
        posting.add(row.buildsetUuid());
        run(() -> attempt(row));
    }

    /** One try at posting the comment, by this replica if it claims it. */
    private void attempt(ReviewCommentRow row) {
        String buildset = row.buildsetUuid();
        Instant now = clock.instant();
        Optional<Integer> tries;
        try {
            tries = rows.claim(buildset, replica.id(), now, now.plus(settings.lease()));
            if (tries.isEmpty()) {
                if (rows.state(buildset)
                        .filter(ReviewCommentRows.WAITING::equals)
                        .isPresent()) {
                    later(settings.lease(), () -> attempt(row)); // another replica has it: if it goes, this one will
                } else {
                    posting.remove(buildset); // posted, refused or given up, here or elsewhere
                }
                return;
            }
        } catch (DatabaseException e) {
            databaseAway("the comment on buildset " + buildset + " cannot be claimed", e);
            later(DATABASE_AWAY, () -> attempt(row));
            return;
        }
        GerritComments.Answer answer = gerrit.post(row, texts.text(row));
        try {
            if (answer instanceof GerritComments.Posted p) {
                rows.ended(buildset, replica.id(), ReviewCommentRow.Outcome.POSTED, "", clock.instant());
                posted.incrementAndGet();
                problem = "";
                posting.remove(buildset);
                LOG.info(
                        "Commented the known failures of buildset {} on change {},{}{}",
                        buildset,
                        row.change(),
                        row.patchSet(),
                        p.before() ? " (found there from an earlier try)" : "");
            } else if (answer instanceof GerritComments.Refused r) {
                rows.ended(buildset, replica.id(), ReviewCommentRow.Outcome.REFUSED, r.why(), clock.instant());
                refused.incrementAndGet();
                lastRefusal = "buildset " + buildset + ": " + r.why();
                posting.remove(buildset);
                LOG.warn("Gerrit refused the comment on buildset {}, not asked again: {}", buildset, r.why());
            } else if (answer instanceof GerritComments.Later l) {
                retry(row, tries.get(), l.why());
            }
        } catch (DatabaseException e) {
            // Gerrit has it, the database does not know yet: the next try finds it on the change
            databaseAway("the comment on buildset " + buildset + " cannot be noted as " + answer, e);
            later(DATABASE_AWAY, () -> attempt(row));
        }
    }

    private void retry(ReviewCommentRow row, int tries, String why) {
        String buildset = row.buildsetUuid();
        failedTries.incrementAndGet();
        problem = why;
        Instant now = clock.instant();
        if (now.isAfter(row.reported().plus(settings.retryFor()))) {
            rows.ended(buildset, replica.id(), ReviewCommentRow.Outcome.GIVEN_UP, why, now);
            givenUp.incrementAndGet();
            posting.remove(buildset);
            LOG.warn("The comment on buildset {} is given up after {}: {}", buildset, settings.retryFor(), why);
            return;
        }
        Duration wait = Backoff.capped(settings.backoff(), MOST_BACKOFF, tries);
        rows.failed(buildset, replica.id(), why, now.plus(wait).plus(settings.lease()));
        LOG.warn(
                "Gerrit did not take the comment on buildset {} (try {}); again in {}: {}",
                buildset,
                tries + 1,
                wait,
                why);
        later(wait, () -> attempt(row));
    }

    private void later(Duration wait, Runnable work) {
        try {
            var unused = scheduler.schedule(wait, () -> run(work));
        } catch (RejectedExecutionException e) {
            LOG.debug("Shutting down: {} left for the next start", work);
        }
    }

    private void run(Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException e) {
            LOG.debug("Shutting down: {} left for the next start", work);
        }
    }

    private void databaseAway(String what, DatabaseException e) {
        problem = what + ": " + e.getMessage();
        LOG.warn("{}; tried again in {}", what, DATABASE_AWAY, e);
    }

    /** Whether comments are posted here. */
    public boolean active() {
        return active;
    }

    /** Comments waiting for their builds to be matched. */
    public synchronized int waitingForBuilds() {
        return waiting.size();
    }

    /** Comments whose builds are ready, not yet taken by Gerrit. */
    public int waitingForGerrit() {
        return posting.size();
    }

    /** Comments this replica posted since it started. */
    public long posted() {
        return posted.get();
    }

    /** Comments Gerrit refused (400, 409) since this replica started. */
    public long refused() {
        return refused.get();
    }

    /** Comments given up since this replica started. */
    public long givenUp() {
        return givenUp.get();
    }

    /** Tries Gerrit did not take since this replica started. */
    public long failedTries() {
        return failedTries.get();
    }

    /** Gerrit's last refusal, with its buildset. */
    public String lastRefusal() {
        return lastRefusal;
    }

    /** Why the last try did not go through, empty once one did. */
    public String problem() {
        return problem;
    }
}
