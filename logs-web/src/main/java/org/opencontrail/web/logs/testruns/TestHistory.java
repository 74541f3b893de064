package org.opencontrail.web.logs.testruns;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opencontrail.web.branding.Brand;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.logs.database.BuildFilter;
import org.opencontrail.web.logs.database.BuildRow;
import org.opencontrail.web.logs.database.BuildsReader;
import org.opencontrail.web.logs.database.FlakyTestRow;
import org.opencontrail.web.logs.database.HiddenProjects;
import org.opencontrail.web.logs.database.TestFigures;
import org.opencontrail.web.logs.database.TestRunReader;
import org.opencontrail.web.logs.database.TestRunRow;
import org.opencontrail.web.logs.database.ZuulQuery;
import org.opencontrail.web.logs.store.StoreKeys;
import org.opencontrail.web.logs.urls.LogsUrls;
import org.opencontrail.web.shared.zuul.ZuulResult;

/**
 * What the test pages and their JSON say: one test's history (passes and failures day by day, run
 * time with its rolling mean and spread, the recent failures with their job, branch, known failures
 * and failing line, whether it is flaky, and where it started failing), the tests found by part of
 * their id, the most failing and the slowest, the flaky ones, and the failed tests of the newest
 * failed runs.
 */
@Singleton
public final class TestHistory {

    /** openstack-health's rolling window: the mean and spread of the last 20 runs. */
    static final int ROLLING = 20;
    /** Rows in each of the overview's lists. */
    static final int LISTED = 25;

    private final TestRunReader runs;
    private final BuildsReader builds;
    private final HiddenProjects hidden;
    private final TestsSettings settings;
    private final Brand brand;
    private final Clock clock;

    TestHistory(
            TestRunReader runs,
            BuildsReader builds,
            HiddenProjects hidden,
            TestsSettings settings,
            Brand brand,
            Clock clock) {
        this.runs = runs;
        this.builds = builds;
        this.hidden = hidden;
        this.settings = settings;
        this.brand = brand;
        this.clock = clock;
    }

    /**
     * One run as the page draws it.
     *
     * @param start       when it ran
     * @param status      how it ended
     * @param seconds     its run time, when known
     * @param rollingMean the mean of the last {@value #ROLLING} run times up to it, when there are any
     * @param rollingStd  their standard deviation
     * @param build       its build's uuid
     * @param buildUrl    its build's logs
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS) // an empty list is said, not left out
    public record Point(
            Instant start,
            String status,
            Optional<Double> seconds,
            Optional<Double> rollingMean,
            Optional<Double> rollingStd,
            String build,
            String buildUrl) {}

    /** A day's results: {@code day} is its date in UTC. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS) // an empty list is said, not left out
    public record Day(String day, long passes, long failures, long skips) {}

    /**
     * A failed run.
     *
     * @param logUrl        the line of the log that tells the failure, or its result file
     * @param knownFailures the signatures its build matched
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS) // an empty list is said, not left out
    public record Failure(
            Instant start,
            String job,
            String project,
            String branch,
            String pipeline,
            String change,
            String buildUrl,
            String logUrl,
            List<KnownFailure> knownFailures) {}

    /** A signature a build matched, and its page. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS) // an empty list is said, not left out
    public record KnownFailure(String id, String url) {}

    /**
     * Whether the test looks flaky.
     *
     * @param patchSets patch sets on which it failed and passed
     * @param worstDay  the most unrelated changes it failed on in one day
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS) // an empty list is said, not left out
    public record Flakiness(boolean flaky, long patchSets, long worstDay) {}

    /**
     * Where a test started failing on a branch: the newest runs of merged code fail, since this build.
     *
     * @param firstFailing the first failing build's logs
     * @param lastPassing  the commit of the last passing run
     * @param firstFailed  the commit of the first failing run
     * @param commits      the commits between them on git-web
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS) // an empty list is said, not left out
    public record Breakage(
            String project,
            String branch,
            Instant since,
            String firstFailing,
            String lastPassing,
            String firstFailed,
            String commits) {}

    /** One test's page. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS) // an empty list is said, not left out
    public record TestPage(
            String testId,
            int days,
            long runs,
            long passes,
            long failures,
            long skips,
            double failureRate,
            Optional<Double> mean,
            List<Point> points,
            List<Day> daily,
            List<Failure> recentFailures,
            Flakiness flaky,
            Optional<Breakage> startedFailing) {}

    /** A test in a failed run, and the line of its failure. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS) // an empty list is said, not left out
    public record FailedTest(String testId, String testUrl, String logUrl) {}

    /** A failed run and its failed tests. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS) // an empty list is said, not left out
    public record FailedRun(
            String build,
            String buildUrl,
            String job,
            String jobUrl,
            String project,
            String change,
            Instant start,
            List<FailedTest> tests,
            List<KnownFailure> knownFailures) {}

    /** A test found by part of its id, with the address of its page. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS) // an empty list is said, not left out
    public record Found(String testId, String url) {}

    /** A test in a list, with the address of its page. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS) // an empty list is said, not left out
    public record Listed(TestFigures figures, String url) {}

    /** A flaky test in a list. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS) // an empty list is said, not left out
    public record ListedFlaky(FlakyTestRow flaky, String url) {}

    /** The overview: what was asked for, and the lists. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS) // an empty list is said, not left out
    public record Overview(
            String query,
            int days,
            List<Found> found,
            List<Listed> failing,
            List<Listed> slowest,
            List<ListedFlaky> flaky,
            List<FailedRun> newestFailedRuns) {}

    /** A job's page: its tests by failures and by mean run time. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS) // an empty list is said, not left out
    public record JobTests(String job, int days, List<Listed> byFailures, List<Listed> slowest) {}

    /**
     * A job's build over the window.
     *
     * @param seconds its run time
     * @param url     its logs
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS) // an empty list is said, not left out
    public record JobBuild(Instant start, double seconds, String result, String url) {}

    /**
     * A job's page: its builds' run times and results, and its tests.
     *
     * @param failureRate failed builds per hundred
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS) // an empty list is said, not left out
    public record JobPage(
            String job, int days, long builds, long failed, double failureRate, List<JobBuild> runs, JobTests tests) {}

    /** A job's page, if it has a build or a test in the window. */
    public Optional<JobPage> jobPage(String name, int days) {
        JobTests tests = job(name, days);
        Instant since = since(days);
        BuildFilter filter = ZuulQuery.builds(Map.of("job_name", List.of(name), "complete", List.of("true")))
                .hiding(hidden.now());
        List<JobBuild> ran = new ArrayList<>();
        long failed = 0;
        for (BuildRow build : builds.builds(filter, 0, 1000)) {
            Optional<Instant> start = build.startTime();
            if (start.isEmpty() || start.get().isBefore(since) || build.result().isEmpty()) {
                continue;
            }
            failed += ZuulResult.passed(build.result().get()) ? 0 : 1;
            ran.add(new JobBuild(
                    start.get(), build.duration().orElse(0.0), build.result().get(), LogsUrls.folder(build.root())));
        }
        if (ran.isEmpty() && tests.byFailures().isEmpty() && tests.slowest().isEmpty()) {
            return Optional.empty();
        }
        ran.sort(java.util.Comparator.comparing(JobBuild::start));
        return Optional.of(new JobPage(
                name,
                days,
                ran.size(),
                failed,
                ran.isEmpty() ? 0 : Math.round(1000.0 * failed / ran.size()) / 10.0,
                ran,
                tests));
    }

    private Instant since(int days) {
        return clock.instant().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(days - 1L));
    }

    /** The default window, in days. */
    public int days() {
        return (int) Math.max(1, settings.window().toDays());
    }

    /**
     * The overview; {@code query} finds tests by part of their id. Its lists read every failure and
     * the daily sums of the window, the same for everyone: they are kept half a minute.
     */
    public Overview overview(String query, int days, int failedRuns) {
        List<String> hide = hidden.now();
        List<Found> found = query.isBlank()
                ? List.of()
                : runs.find(query.strip(), hide, 100).stream()
                        .map(id -> new Found(id, LogsUrls.test(id)))
                        .toList();
        Overview lists = overviews.get(new OverviewKey(days, failedRuns, hide), k -> lists(days, failedRuns, hide));
        return new Overview(
                query, days, found, lists.failing(), lists.slowest(), lists.flaky(), lists.newestFailedRuns());
    }

    private record OverviewKey(int days, int failedRuns, List<String> hidden) {}

    private final com.github.benmanes.caffeine.cache.Cache<OverviewKey, Overview> overviews =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .maximumSize(20)
                    .expireAfterWrite(Duration.ofSeconds(30))
                    .build();

    private Overview lists(int days, int failedRuns, List<String> hide) {
        Instant since = since(days);
        return new Overview(
                "",
                days,
                List.of(),
                listed(runs.figures(since, Optional.empty(), hide, TestRunReader.Order.FAILURES, LISTED)),
                listed(runs.figures(since, Optional.empty(), hide, TestRunReader.Order.SLOWEST, LISTED)),
                flakyTests(days),
                newestFailedRuns(failedRuns, hide));
    }

    /** The tests that flipped over the last {@code days} days, most patch sets first. */
    public List<ListedFlaky> flakyTests(int days) {
        return runs.flaky(since(days), settings.changesADay(), Optional.empty(), hidden.now(), LISTED).stream()
                .map(f -> new ListedFlaky(f, LogsUrls.test(f.testId())))
                .toList();
    }

    /** A job's tests over the window. */
    public JobTests job(String job, int days) {
        List<String> hide = hidden.now();
        Instant since = since(days);
        return new JobTests(
                job,
                days,
                listed(runs.figures(since, Optional.of(job), hide, TestRunReader.Order.FAILURES, 50)),
                listed(runs.figures(since, Optional.of(job), hide, TestRunReader.Order.SLOWEST, 50)));
    }

    /** One test's page, if any run of it is shown. */
    public Optional<TestPage> test(String testId, int days) {
        List<String> hide = hidden.now();
        List<TestRunRow> history = runs.history(testId, since(days), hide);
        // a test with no run in the window still has a page, if it ran before it
        if (history.isEmpty() && !runs.exists(testId, hide)) {
            return Optional.empty();
        }
        long passes = history.stream().filter(TestRunRow::passed).count();
        long failures = history.stream().filter(TestRunRow::failed).count();
        long skips = history.size() - passes - failures;
        double[] timed = history.stream()
                .filter(r -> !"skip".equals(r.status()))
                .flatMap(r -> r.duration().stream())
                .mapToDouble(Double::doubleValue)
                .toArray();
        Optional<Double> mean = timed.length == 0 ? Optional.empty() : Optional.of(round(mean(timed, 0, timed.length)));
        List<Failure> failed = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0 && failed.size() < 20; i--) {
            TestRunRow run = history.get(i);
            if (run.failed()) {
                failed.add(failure(runs.withLine(run)));
            }
        }
        Flakiness flakiness = runs.flaky(since(days), settings.changesADay(), Optional.of(testId), hide, 1).stream()
                .findFirst()
                .map(f -> new Flakiness(true, f.patchSets(), f.worstDay()))
                .orElse(new Flakiness(false, 0, 0));
        return Optional.of(new TestPage(
                testId,
                days,
                passes + failures,
                passes,
                failures,
                skips,
                passes + failures == 0 ? 0 : Math.round(1000.0 * failures / (passes + failures)) / 10.0,
                mean,
                points(history),
                daily(history, days),
                failed,
                flakiness,
                startedFailing(history)));
    }

    /**
     * openstack-health's answer for a test ({@code /test_runs/ID}): per run time, the run time with the
     * rolling mean and standard deviation ({@code numeric}), the run and its status ({@code data}), and
     * the failed runs' builds ({@code failed_runs}).
     */
    public Optional<Map<String, Object>> openstackHealth(String testId, int days) {
        return test(testId, days).map(page -> {
            Map<String, Object> numeric = new LinkedHashMap<>();
            Map<String, Object> data = new LinkedHashMap<>();
            List<String> failedRuns = new ArrayList<>();
            for (Point p : page.points()) {
                String at = p.start().toString();
                if (p.seconds().isPresent()) {
                    Map<String, Object> figures = new LinkedHashMap<>();
                    figures.put("run_time", p.seconds().get());
                    figures.put(
                            "avg_run_time", p.rollingMean().orElse(p.seconds().get()));
                    figures.put("std_dev_run_time", p.rollingStd().orElse(0.0));
                    numeric.put(at, figures);
                }
                data.put(at, Map.of("run_id", p.build(), "status", p.status()));
                if ("fail".equals(p.status()) || "uxsuccess".equals(p.status())) {
                    failedRuns.add(p.build());
                }
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("numeric", numeric);
            answer.put("data", data);
            answer.put("failed_runs", failedRuns);
            return answer;
        });
    }

    private static List<Listed> listed(List<TestFigures> figures) {
        return figures.stream()
                .map(f -> new Listed(f, LogsUrls.test(f.testId())))
                .toList();
    }

    private List<FailedRun> newestFailedRuns(int count, List<String> hide) {
        Map<String, List<TestRunRow>> byBuild = new LinkedHashMap<>();
        for (TestRunRow run : runs.failuresOfNewestFailedBuilds(count, hide)) {
            byBuild.computeIfAbsent(run.buildUuid(), b -> new ArrayList<>()).add(run);
        }
        List<FailedRun> failed = new ArrayList<>();
        byBuild.forEach((uuid, failures) -> {
            TestRunRow first = failures.get(0);
            failed.add(new FailedRun(
                    uuid,
                    LogsUrls.folder(first.root()),
                    first.job(),
                    LogsUrls.job(first.job()),
                    first.project(),
                    change(first),
                    first.start(),
                    failures.stream()
                            .limit(50)
                            .map(f -> new FailedTest(f.testId(), LogsUrls.test(f.testId()), logUrl(f)))
                            .toList(),
                    knownFailures(uuid)));
        });
        return failed;
    }

    private Failure failure(TestRunRow run) {
        return new Failure(
                run.start(),
                run.job(),
                run.project(),
                run.branch(),
                run.pipeline(),
                change(run),
                LogsUrls.folder(run.root()),
                logUrl(run),
                knownFailures(run.buildUuid()));
    }

    private List<KnownFailure> knownFailures(String uuid) {
        return builds.knownFailures(uuid).stream()
                .map(id -> new KnownFailure(id, LogsUrls.signature(id)))
                .toList();
    }

    private static String change(TestRunRow run) {
        return run.change().map(c -> c + "," + run.patchSet().orElse(0)).orElse("");
    }

    private static String logUrl(TestRunRow run) {
        String key = (run.root().endsWith("/") ? run.root() : run.root() + "/") + run.logFile();
        return run.logLine() > 0 ? LogsUrls.line(key, run.logLine()) : LogsUrls.file(key);
    }

    private static List<Point> points(List<TestRunRow> history) {
        List<Point> points = new ArrayList<>(history.size());
        RollingWindow window = new RollingWindow(ROLLING);
        for (TestRunRow run : history) {
            Optional<Double> seconds = "skip".equals(run.status()) ? Optional.empty() : run.duration();
            seconds.ifPresent(window::add);
            points.add(new Point(
                    run.start(),
                    run.status(),
                    seconds.map(TestHistory::round),
                    window.empty() ? Optional.empty() : Optional.of(round(window.mean())),
                    window.empty() ? Optional.empty() : Optional.of(round(window.spread())),
                    run.buildUuid(),
                    LogsUrls.folder(run.root())));
        }
        return points;
    }

    private List<Day> daily(List<TestRunRow> history, int days) {
        Map<String, long[]> byDay = new TreeMap<>();
        Instant start = since(days);
        for (int d = 0; d < days; d++) {
            byDay.put(
                    start.plus(Duration.ofDays(d))
                            .atZone(ZoneOffset.UTC)
                            .toLocalDate()
                            .toString(),
                    new long[3]);
        }
        for (TestRunRow run : history) {
            long[] counts = byDay.computeIfAbsent(
                    run.start().atZone(ZoneOffset.UTC).toLocalDate().toString(), d -> new long[3]);
            counts[run.passed() ? 0 : run.failed() ? 1 : 2]++;
        }
        List<Day> daily = new ArrayList<>();
        byDay.forEach((day, c) -> daily.add(new Day(day, c[0], c[1], c[2])));
        return daily;
    }

    /**
     * The build since which merged code fails the test on a branch: the newest runs without a change
     * (post-merge, periodic) fail, and the run before them passed.
     */
    private Optional<Breakage> startedFailing(List<TestRunRow> history) {
        Map<String, List<TestRunRow>> byBranch = new LinkedHashMap<>();
        for (TestRunRow run : history) {
            if (run.change().isEmpty() && !"skip".equals(run.status())) {
                byBranch.computeIfAbsent(run.project() + "\n" + run.branch(), k -> new ArrayList<>())
                        .add(run);
            }
        }
        for (List<TestRunRow> merged : byBranch.values()) {
            int i = merged.size() - 1;
            if (i < 0 || !merged.get(i).failed()) {
                continue;
            }
            while (i > 0 && merged.get(i - 1).failed()) {
                i--;
            }
            if (i == 0) {
                continue; // failing since before the window: no passing run to compare with
            }
            TestRunRow firstFailed = merged.get(i);
            TestRunRow lastPassed = merged.get(i - 1);
            String commits =
                    lastPassed.newrev().isBlank() || firstFailed.newrev().isBlank()
                            ? ""
                            : brand.link(
                                    Site.GIT,
                                    "/" + StoreKeys.urlPath(firstFailed.project()) + "/+log/" + lastPassed.newrev()
                                            + ".." + firstFailed.newrev());
            return Optional.of(new Breakage(
                    firstFailed.project(),
                    firstFailed.branch(),
                    firstFailed.start(),
                    LogsUrls.folder(firstFailed.root()),
                    lastPassed.newrev(),
                    firstFailed.newrev(),
                    commits));
        }
        return Optional.empty();
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
