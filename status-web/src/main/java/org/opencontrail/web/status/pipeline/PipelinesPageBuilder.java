package org.opencontrail.web.status.pipeline;

import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.opencontrail.web.branding.Brand;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.shared.text.Durations;
import org.opencontrail.web.shared.zuul.status.QueueItem;
import org.opencontrail.web.shared.zuul.status.QueueItem.Job;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot.ChangeQueue;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot.Pipeline;
import org.opencontrail.web.shared.zuul.status.ZuulStatusSource;
import org.opencontrail.web.status.facts.ChangeFacts;

/** Turns the newest Zuul status and Gerrit's facts into the overview's rows. */
@Singleton
public final class PipelinesPageBuilder {

    private final PipelineState state;
    private final ChangeFacts facts;
    private final Optional<ZuulStatusSource> source;

    private final Brand brand;

    PipelinesPageBuilder(PipelineState state, ChangeFacts facts, Optional<ZuulStatusSource> source, Brand brand) {
        this.state = state;
        this.facts = facts;
        this.source = source;
        this.brand = brand;
    }

    public PipelinesPage build(Filters filters, Instant now) {
        Optional<PipelineState.Current> current = state.current();
        if (current.isEmpty()) {
            return new PipelinesPage(List.of(), false, "", false, "", "", filters, 0, 0, 0);
        }
        ZuulSnapshot snapshot = current.get().snapshot();
        Instant confirmed = source.flatMap(ZuulStatusSource::current)
                .map(ZuulStatusSource.Current::fetchedAt)
                .orElse(current.get().receivedAt());
        boolean stale = source.flatMap(ZuulStatusSource::current)
                .map(ZuulStatusSource.Current::stale)
                .orElse(false);
        List<PipelineRow> pipelines = new ArrayList<>();
        int shown = 0;
        for (Pipeline pipeline : snapshot.pipelines()) {
            List<QueueRow> queues = new ArrayList<>();
            if (filters.pipeline(pipeline.name())) {
                for (ChangeQueue queue : pipeline.queues()) {
                    if (!filters.queue(queue.name())) {
                        continue;
                    }
                    boolean dependent = pipeline.manager().equals("dependent")
                            || (pipeline.manager().isEmpty()
                                    && queue.heads().stream().anyMatch(head -> head.size() > 1));
                    List<ItemRow> items = new ArrayList<>();
                    for (List<QueueItem> head : queue.heads()) {
                        for (QueueItem item : head) {
                            ItemRow row = item(pipeline.name(), item, dependent, now);
                            if (filters.item(row)) {
                                items.add(row);
                            }
                        }
                    }
                    if (!items.isEmpty() || !filters.any()) {
                        String window = queue.window()
                                .filter(w -> w > 0)
                                .map(w -> queue.itemCount() + " / " + w)
                                .orElse("");
                        queues.add(new QueueRow(
                                queue.name(), queue.branch().orElse(""), queue.itemCount(), window, dependent, items));
                        shown += items.size();
                    }
                }
            }
            pipelines.add(new PipelineRow(
                    pipeline.name(), pipeline.description(), pipeline.manager(), pipeline.itemCount(), queues));
        }
        return new PipelinesPage(
                pipelines,
                true,
                Durations.words(Duration.between(confirmed, now)),
                stale,
                snapshot.zuulVersion(),
                snapshot.message().orElse(""),
                filters,
                shown,
                snapshot.itemCount(),
                snapshot.jobCount());
    }

    private ItemRow item(String pipeline, QueueItem item, boolean dependent, Instant now) {
        Optional<QueueItem.ItemRef> ref = item.ref();
        String changeNumber =
                ref.flatMap(QueueItem.ItemRef::change).map(String::valueOf).orElse("");
        String change = ref.map(r -> r.change()
                        .map(c -> c + "," + r.patchSet().map(String::valueOf).orElse(""))
                        .orElse(shortId(r.id())))
                .orElse(shortId(item.id()));
        Optional<ChangeFacts.Change> known =
                ref.flatMap(QueueItem.ItemRef::change).flatMap(facts::get);
        String project = ref.map(QueueItem.ItemRef::project)
                .filter(p -> !p.isEmpty())
                .or(() -> known.map(ChangeFacts.Change::project))
                .orElse("");
        String branch = known.map(ChangeFacts.Change::branch).orElse("");
        String subject = known.map(ChangeFacts.Change::subject).orElse("");
        String owner = known.map(ChangeFacts.Change::owner)
                .filter(o -> !o.isEmpty())
                .orElse(ref.map(QueueItem.ItemRef::owner).orElse(""));
        String url = ref.map(QueueItem.ItemRef::url)
                .map(ResultMark::safeUrl)
                .filter(u -> !u.isEmpty())
                .or(() -> known.map(ChangeFacts.Change::url).map(ResultMark::safeUrl))
                .orElse("");
        Map<String, Job> byName = new HashMap<>();
        item.jobs().forEach(job -> byName.put(job.name(), job));
        List<JobRow> jobs = item.jobs().stream().map(job -> job(job, now)).toList();
        Optional<Duration> zuulRemaining = item.remainingTime();
        Optional<Duration> ours = zuulRemaining.isPresent() ? Optional.empty() : estimate(item, byName, now);
        String remaining = zuulRemaining.or(() -> ours).map(Durations::words).orElse("unknown");
        boolean restarted = item.jobs().stream()
                .anyMatch(job -> job.tries() > 1
                        || job.canceled()
                        || job.result().map("CANCELED"::equals).orElse(false));
        String[] state = state(item, dependent);
        // One change can be in several pipelines at once: the pipeline makes the element id unique.
        String anchor = "item-" + pipeline.replaceAll("[^A-Za-z0-9_-]", "_") + "-"
                + (changeNumber.isEmpty() ? shortId(item.id()) : changeNumber);
        return new ItemRow(
                item.id(),
                anchor,
                change,
                changeNumber,
                url,
                project,
                branch,
                subject,
                owner,
                state[0],
                state[1],
                dependent && !item.failingReasons().isEmpty(),
                item.itemAhead().isPresent(),
                item.enqueueTime()
                        .map(t -> Durations.words(Duration.between(t, now)))
                        .orElse(""),
                item.enqueueTime().map(Instant::toString).orElse(""),
                remaining,
                ours.isPresent(),
                restarted,
                jobs,
                item.enqueueTime().map(Instant::toEpochMilli).orElse(0L),
                zuulRemaining
                        .or(() -> ours)
                        .map(left -> now.plus(left).toEpochMilli())
                        .orElse(0L));
    }

    /** The state in words and its css class. */
    private static String[] state(QueueItem item, boolean dependent) {
        String reasons = String.join("; ", item.failingReasons());
        String lower = reasons.toLowerCase(Locale.ROOT);
        if (!item.live()) {
            return new String[] {"non-live: tested only for the items behind it", "state-nonlive"};
        }
        if (lower.contains("merge conflict") || lower.contains("merge-conflict")) {
            return new String[] {"merge conflict", "state-failing"};
        }
        if (lower.contains("needed change") || lower.contains("dependent change") || lower.contains("is needed")) {
            return new String[] {"dependent change required: " + reasons, "state-failing"};
        }
        if (!item.failingReasons().isEmpty()) {
            return new String[] {"failing because " + reasons, "state-failing"};
        }
        boolean allDone = !item.jobs().isEmpty() && item.jobs().stream().allMatch(Job::finished);
        if (allDone && dependent && item.itemAhead().isPresent()) {
            return new String[] {"waiting for the head of the queue", "state-waiting"};
        }
        if (!item.active() && item.jobs().stream().noneMatch(j -> j.startTime().isPresent())) {
            return new String[] {"waiting to be tested", "state-waiting"};
        }
        return new String[] {"succeeding", "state-ok"};
    }

    private JobRow job(Job job, Instant now) {
        String result;
        ResultMark mark;
        if (job.result().isPresent()) {
            result = job.result().get();
            mark = ResultMark.of(result);
        } else if (job.started()) {
            result = "running";
            mark = ResultMark.RUNNING;
        } else {
            result = "queued";
            mark = ResultMark.QUEUED;
        }
        String css = mark.css();
        String symbol = mark.symbol();
        int percent = 0;
        long startedAt = 0;
        long totalMs = 0;
        if (job.finished()) {
            percent = 100;
        } else if (result.equals("running")) {
            Duration elapsed = elapsed(job, now);
            Duration total = job.remaining()
                    .map(elapsed::plus)
                    .or(() -> state.typical(job))
                    .orElse(Duration.ZERO);
            percent = total.isZero() ? 0 : (int) Math.min(99, elapsed.toMillis() * 100 / Math.max(1, total.toMillis()));
            startedAt = now.minus(elapsed).toEpochMilli();
            totalMs = total.toMillis();
        }
        String waiting = "";
        if (result.equals("queued")) {
            waiting = !job.waitingStatus().isEmpty()
                    ? job.waitingStatus()
                    : job.dependencies().isEmpty()
                            ? "waiting for a node"
                            : "waiting on " + String.join(", ", job.dependencies());
        }
        String url = ResultMark.safeUrl(link(job, result));
        return new JobRow(
                job.name(),
                result,
                css,
                symbol,
                job.voting(),
                job.tries(),
                waiting,
                percent,
                job.finished() || result.equals("running") ? Durations.words(elapsed(job, now)) : "",
                url,
                startedAt,
                totalMs);
    }

    /**
     * Where a job's name leads: a finished build's report; a running build's live console on
     * logs-web when {@code branding.logs-url} names it (Zuul's own link otherwise: its stream page or
     * Jenkins build); else what Zuul links.
     */
    private String link(Job job, String result) {
        if (job.finished() && !job.reportUrl().isEmpty()) {
            return job.reportUrl();
        }
        if (result.equals("running")
                && job.uuid() != null
                && !job.uuid().isBlank()
                && !brand.logsUrl().isBlank()) {
            return brand.link(Site.LOGS, "/stream/" + URLEncoder.encode(job.uuid(), StandardCharsets.UTF_8));
        }
        return job.url();
    }

    private static Duration elapsed(Job job, Instant now) {
        if (job.startTime().isPresent() && !job.finished()) {
            Duration sinceStart = Duration.between(job.startTime().get(), now);
            return sinceStart.isNegative() ? Duration.ZERO : sinceStart;
        }
        return job.elapsed().orElse(Duration.ZERO);
    }

    /**
     * Our estimate of the time left, for items Zuul gives none: each job ends when the jobs it
     * depends on have ended and its usual duration has passed since it started (or will start).
     */
    private Optional<Duration> estimate(QueueItem item, Map<String, Job> byName, Instant now) {
        Map<String, Duration> ends = new HashMap<>();
        Duration longest = Duration.ZERO;
        for (Job job : item.jobs()) {
            Optional<Duration> end = endOf(job, byName, ends, now, 0);
            if (end.isEmpty()) {
                return Optional.empty();
            }
            longest = longest.compareTo(end.get()) < 0 ? end.get() : longest;
        }
        return Optional.of(longest);
    }

    private Optional<Duration> endOf(
            Job job, Map<String, Job> byName, Map<String, Duration> ends, Instant now, int depth) {
        if (ends.containsKey(job.name())) {
            return Optional.of(ends.get(job.name()));
        }
        if (job.finished()) {
            return Optional.of(Duration.ZERO);
        }
        Optional<Duration> typical = state.typical(job);
        if (typical.isEmpty() || depth > 32) {
            return Optional.empty();
        }
        Duration end;
        if (job.startTime().isPresent()
                || job.elapsed().filter(e -> !e.isZero()).isPresent()) {
            Duration left = typical.get().minus(elapsed(job, now));
            end = left.isNegative() ? Duration.ZERO : left;
        } else {
            Duration start = Duration.ZERO;
            for (String dependency : job.dependencies()) {
                Job before = byName.get(dependency);
                if (before != null) {
                    Optional<Duration> ready = endOf(before, byName, ends, now, depth + 1);
                    if (ready.isEmpty()) {
                        return Optional.empty();
                    }
                    start = start.compareTo(ready.get()) < 0 ? ready.get() : start;
                }
            }
            end = start.plus(typical.get());
        }
        ends.put(job.name(), end);
        return Optional.of(end);
    }

    /** Only web links are links: a "javascript:" or other scheme from a feed never reaches a page. */
    private static String shortId(String id) {
        return id.length() > 10 ? id.substring(0, 10) : id;
    }
}
