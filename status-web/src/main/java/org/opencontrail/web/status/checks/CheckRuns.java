package org.opencontrail.web.status.checks;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.opencontrail.web.branding.Brand;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.shared.text.Durations;
import org.opencontrail.web.shared.zuul.ZuulResult;
import org.opencontrail.web.shared.zuul.status.QueueItem;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot;
import org.opencontrail.web.status.change.PipelineRuns;
import org.opencontrail.web.status.pipeline.PipelineState;
import org.opencontrail.web.status.pipeline.ResultMark;
import org.opencontrail.web.status.urls.StatusUrls;

/**
 * A patch set's runs as Gerrit's Checks tab shows them: every job of every time the patch set went
 * through a pipeline, oldest first, each a run whose attempt counts the job's runs before it (a
 * recheck is the next attempt). Finished runs come from Zuul's reports (MQTT), those in the
 * pipelines now from its status: SCHEDULED while waiting, RUNNING with its expected end, COMPLETED
 * with its result, the failed ones with what logs-web knows (first error, known failures).
 */
@Singleton
final class CheckRuns {

    /** What Gerrit shows of a summary, about: longer ones are cut. */
    private static final int SUMMARY_LIMIT = 120;

    private static final Pattern NAME = Pattern.compile("[^A-Za-z0-9._+-]");

    private final PipelineState state;
    private final PipelineRuns runs;
    private final LogsVerdicts verdicts;
    private final Brand brand;
    private final Clock clock;

    CheckRuns(PipelineState state, PipelineRuns runs, LogsVerdicts verdicts, Brand brand, Clock clock) {
        this.state = state;
        this.runs = runs;
        this.verdicts = verdicts;
        this.brand = brand;
        this.clock = clock;
    }

    /** A job's run, before its attempt is known. */
    private record Entry(
            String job,
            String pipeline,
            boolean voting,
            String externalId,
            String buildUuid,
            String status,
            String statusDescription,
            Instant scheduled,
            Optional<Instant> started,
            Optional<Instant> finished,
            String result,
            String logUrl) {}

    /** The Checks answer for a patch set. */
    ChecksAnswer answer(int change, int patchSet) {
        List<Entry> entries = entries(change, patchSet);
        List<String> failedBuilds = entries.stream()
                .filter(e -> e.status().equals("COMPLETED")
                        && ZuulResult.failed(e.result())
                        && !e.buildUuid().isBlank())
                .map(Entry::buildUuid)
                .toList();
        LogsVerdicts.Answer logs =
                failedBuilds.isEmpty() ? new LogsVerdicts.Answer(Map.of(), "") : verdicts.of(failedBuilds);
        Map<String, Integer> attempts = new HashMap<>();
        List<ChecksAnswer.Run> found = new ArrayList<>();
        String changePage = brand.link(Site.STATUS, StatusUrls.change(change));
        for (Entry entry : entries) {
            int attempt = attempts.merge(entry.job(), 1, Integer::sum);
            found.add(run(change, patchSet, attempt, entry, logs.byBuild(), changePage));
        }
        return new ChecksAnswer(
                "OK",
                "",
                logs.problem().isEmpty() ? "" : "Known failures and first errors are not shown: " + logs.problem(),
                List.of(new ChecksAnswer.Link(changePage, "This change on the CI's status page", true, "external")),
                found);
    }

    /** What changes when the patch sets of a change move in the pipelines (not the passing of time). */
    String digest(int change) {
        StringBuilder digest = new StringBuilder();
        for (PipelineRuns.Run run : runs.of(change)) {
            digest.append(run.pipeline())
                    .append(run.patchSet())
                    .append(run.itemUuid())
                    .append(run.result().orElse("-"))
                    .append(run.builds().size())
                    .append(';');
        }
        for (Live live : live(change)) {
            digest.append(live.item().id());
            for (QueueItem.Job job : live.item().jobs()) {
                digest.append(job.name())
                        .append(job.uuid())
                        .append(job.result().orElse(""))
                        .append(job.started() ? 's' : 'w');
            }
            digest.append(';');
        }
        return digest.toString();
    }

    private record Live(String pipeline, QueueItem item, int patchSet) {}

    /** The change's live items in the pipelines now, with their patch sets. */
    private List<Live> live(int change) {
        List<Live> found = new ArrayList<>();
        Optional<PipelineState.Current> current = state.current();
        if (current.isEmpty()) {
            return found;
        }
        for (ZuulSnapshot.Pipeline pipeline : current.get().snapshot().pipelines()) {
            for (ZuulSnapshot.ChangeQueue queue : pipeline.queues()) {
                for (List<QueueItem> head : queue.heads()) {
                    for (QueueItem item : head) {
                        Optional<QueueItem.ItemRef> ref = item.ref();
                        if (item.live()
                                && ref.flatMap(QueueItem.ItemRef::change)
                                        .filter(n -> n == change)
                                        .isPresent()) {
                            found.add(new Live(
                                    pipeline.name(), item, ref.get().patchSet().orElse(0)));
                        }
                    }
                }
            }
        }
        return found;
    }

    private List<Entry> entries(int change, int patchSet) {
        List<Entry> entries = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (PipelineRuns.Run run : runs.of(change)) {
            if (run.patchSet() != patchSet || run.finished().isEmpty()) {
                continue;
            }
            reported.add(run.itemUuid());
            for (PipelineRuns.Build build : run.builds()) {
                reported.add(build.uuid());
                entries.add(new Entry(
                        build.job(),
                        run.pipeline(),
                        build.voting(),
                        build.uuid().isBlank() ? run.itemUuid() + ":" + build.job() : build.uuid(),
                        build.uuid(),
                        "COMPLETED",
                        build.result()
                                + build.duration()
                                        .map(d -> " in " + Durations.words(d))
                                        .orElse(""),
                        run.enqueued(),
                        build.started(),
                        build.ended().or(run::finished),
                        build.result(),
                        build.logUrl()));
            }
        }
        Instant now = clock.instant();
        for (Live live : live(change)) {
            if (live.patchSet() != patchSet || reported.contains(live.item().id())) {
                continue;
            }
            QueueItem item = live.item();
            Instant enqueued = item.enqueueTime().orElse(now);
            for (QueueItem.Job job : item.jobs()) {
                if (!job.uuid().isBlank() && reported.contains(job.uuid())) {
                    continue;
                }
                entries.add(liveEntry(live.pipeline(), item, job, enqueued, now));
            }
        }
        entries.sort(Comparator.comparing(Entry::scheduled)
                .thenComparing(e -> e.started().orElse(Instant.MAX)));
        return entries;
    }

    private Entry liveEntry(String pipeline, QueueItem item, QueueItem.Job job, Instant enqueued, Instant now) {
        String externalId = job.uuid().isBlank() ? item.id() + ":" + job.name() : job.uuid();
        Optional<Instant> started =
                job.startTime().or(() -> job.started() ? job.elapsed().map(now::minus) : Optional.empty());
        if (job.finished()) {
            return new Entry(
                    job.name(),
                    pipeline,
                    job.voting(),
                    externalId,
                    job.uuid(),
                    "COMPLETED",
                    job.result().orElse(""),
                    enqueued,
                    started,
                    job.endTime().or(() -> Optional.of(now)),
                    job.result().orElse(""),
                    job.reportUrl().isBlank() ? job.url() : job.reportUrl());
        }
        if (job.started()) {
            Optional<Instant> expected = job.remaining()
                    .map(now::plus)
                    .or(() -> started.flatMap(s -> state.typical(job).map(s::plus)));
            return new Entry(
                    job.name(),
                    pipeline,
                    job.voting(),
                    externalId,
                    job.uuid(),
                    "RUNNING",
                    "running in " + pipeline
                            + expected.map(e -> ", about " + Durations.words(left(now, e)) + " left")
                                    .orElse(""),
                    enqueued,
                    started,
                    expected,
                    "",
                    job.url());
        }
        return new Entry(
                job.name(),
                pipeline,
                job.voting(),
                externalId,
                job.uuid(),
                "SCHEDULED",
                job.waitingStatus().isBlank() ? "waiting in " + pipeline : job.waitingStatus(),
                enqueued,
                Optional.empty(),
                Optional.empty(),
                "",
                "");
    }

    private static Duration left(Instant now, Instant expected) {
        Duration left = Duration.between(now, expected);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private ChecksAnswer.Run run(
            int change,
            int patchSet,
            int attempt,
            Entry entry,
            Map<String, LogsVerdicts.Verdict> verdicts,
            String changePage) {
        String console = entry.buildUuid().isBlank() ? "" : brand.link(Site.LOGS, "/stream/" + entry.buildUuid());
        String statusLink = switch (entry.status()) {
            case "RUNNING" -> console;
            case "COMPLETED" -> safe(entry.logUrl());
            default -> changePage;
        };
        List<ChecksAnswer.Result> results = entry.status().equals("COMPLETED")
                ? List.of(result(entry, Optional.ofNullable(verdicts.get(entry.buildUuid())), changePage))
                : List.of();
        return new ChecksAnswer.Run(
                change,
                patchSet,
                attempt,
                entry.externalId(),
                entry.job(),
                entry.pipeline() + (entry.voting() ? "" : ", non-voting"),
                entry.status(),
                entry.statusDescription(),
                statusLink,
                entry.scheduled().toString(),
                entry.started().map(Instant::toString).orElse(""),
                entry.finished().map(Instant::toString).orElse(""),
                results);
    }

    private ChecksAnswer.Result result(Entry entry, Optional<LogsVerdicts.Verdict> verdict, String changePage) {
        Optional<ZuulResult> result = ZuulResult.of(entry.result());
        boolean failed = result.map(ZuulResult::failed).orElse(false);
        String category = failed
                ? (entry.voting() ? "ERROR" : "WARNING")
                : result.map(ZuulResult::passed).orElse(false) ? "SUCCESS" : "INFO";
        List<ChecksAnswer.Link> links = new ArrayList<>();
        String logs =
                verdict.map(LogsVerdicts.Verdict::logsUrl).map(CheckRuns::safe).orElse(safe(entry.logUrl()));
        if (!logs.isBlank()) {
            links.add(new ChecksAnswer.Link(logs, "The build's logs", true, "external"));
        }
        Optional<LogsVerdicts.ErrorLine> firstError = verdict.flatMap(LogsVerdicts.Verdict::firstError);
        firstError
                .filter(line -> !safe(line.url()).isBlank())
                .ifPresent(line -> links.add(new ChecksAnswer.Link(line.url(), "The first error", false, "code")));
        if (!entry.buildUuid().isBlank()) {
            links.add(new ChecksAnswer.Link(
                    brand.link(Site.LOGS, "/stream/" + entry.buildUuid()), "Its console", false, "view_timeline"));
        }
        links.add(new ChecksAnswer.Link(changePage, "This change on the CI's status page", false, "history"));
        List<LogsVerdicts.KnownFailure> known =
                verdict.map(LogsVerdicts.Verdict::failures).orElse(List.of());
        List<ChecksAnswer.Tag> tags = known.stream()
                .map(k -> new ChecksAnswer.Tag(name(k.id()), "A known failure", "purple"))
                .toList();
        StringBuilder message = new StringBuilder();
        for (LogsVerdicts.KnownFailure k : known) {
            message.append("- Known failure ").append(name(k.id()));
            String url = safe(k.url());
            if (!url.isBlank()) {
                message.append(": <").append(url).append('>');
            }
            message.append('\n');
        }
        String summary = failed
                ? firstError
                        .map(LogsVerdicts.ErrorLine::text)
                        .filter(text -> !text.isBlank())
                        .orElse(entry.job() + " ended " + entry.result())
                : entry.job() + " ended " + entry.result();
        return new ChecksAnswer.Result(entry.externalId(), category, clip(summary), message.toString(), tags, links);
    }

    /** One line of plain text, at most {@link #SUMMARY_LIMIT} characters. */
    private static String clip(String text) {
        String line = text.replaceAll("\\p{Cntrl}", " ").strip();
        return line.length() > SUMMARY_LIMIT ? line.substring(0, SUMMARY_LIMIT - 3) + "..." : line;
    }

    /** A name as signature ids are made: nothing that markdown would read. */
    private static String name(String id) {
        return NAME.matcher(id).replaceAll("?");
    }

    /** An absolute http or https address with nothing that ends a markdown link; empty otherwise. */
    private static String safe(String url) {
        String web = url == null ? "" : ResultMark.safeUrl(url);
        return web.chars().noneMatch(c -> c <= ' ' || c == '<' || c == '>' || c == '"' || c == '\u007f') ? web : "";
    }
}
