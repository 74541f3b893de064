package org.opencontrail.web.logs.flaky;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencontrail.web.logs.search.BadQuery;
import org.opencontrail.web.logs.search.BuildFacts;
import org.opencontrail.web.logs.search.FileFacts;
import org.opencontrail.web.logs.search.QueryLanguage;
import org.opencontrail.web.logs.search.SearchIndex;
import org.opencontrail.web.logs.search.SearchResult;
import org.opencontrail.web.logs.search.SearchService;
import org.opencontrail.web.logs.testruns.TestHistory;
import org.opencontrail.web.logs.urls.LogsUrls;
import org.opencontrail.web.shared.zuul.ZuulResult;

/**
 * Which jobs and tests fail and pass on the same code: per job, its results day by day and its pass
 * rate; every patch set on which the job failed and then passed with nothing changed (a recheck);
 * and the tests that failed in those failed runs (read from their logs: tempest, stestr, testr,
 * unittest, pytest), by how many rechecks each one failed.
 */
@Singleton
public final class FlakyJobs {

    static final int DAYS = 30;

    /**
     * A failure that a recheck of the same patch set turned into a pass.
     *
     * @param job       the job
     * @param project   the project
     * @param change    change,patch set
     * @param failedUrl the failed build's folder
     * @param passedUrl the passing build's folder
     * @param result    the failed build's result
     * @param passedAt  when it passed
     */
    @Serdeable
    public record Recheck(
            String job,
            String project,
            String change,
            String failedUrl,
            String passedUrl,
            String result,
            Instant passedAt) {}

    /**
     * One job's figures over the last {@link #DAYS} days.
     *
     * @param job      the job
     * @param builds   its builds
     * @param passed   those that passed
     * @param rechecks failures a recheck of the same patch set passed
     * @param daily    builds per day by result, oldest day first
     */
    @Serdeable
    public record Job(String job, long builds, long passed, long rechecks, Map<String, long[]> daily) {

        public int passRate() {
            return builds == 0 ? 0 : (int) Math.round(100.0 * passed / builds);
        }
    }

    /**
     * A test that failed in runs a recheck passed.
     *
     * @param test     its id
     * @param rechecks failed runs later passed on the same patch set in which it failed
     * @param jobs     the jobs
     * @param lastSeen the newest such failure's recheck
     * @param example  one of its failure lines in the viewer
     */
    @Serdeable
    public record FlakyTest(String test, int rechecks, List<String> jobs, Instant lastSeen, String example) {

        /** Its jobs as one line: "job-a, job-b". */
        public String jobList() {
            return String.join(", ", jobs);
        }
    }

    /**
     * The page: the first day drawn, jobs with most rechecks first, the newest rechecks, the flakiest
     * tests, and the "recheck" comments per project and week.
     */
    @Serdeable
    public record Report(
            Instant start,
            List<Job> jobs,
            List<Recheck> rechecks,
            List<FlakyTest> tests,
            RecheckWeeks.Weeks recheckComments,
            List<TestHistory.ListedFlaky> flakyTests) {}

    /** A failed test as test runners print it: its dotted id (or pytest node id) next to a failure word. */
    private static final Pattern FAILED_TEST = Pattern.compile(
            "(?:\\b(?:FAIL|FAILED|ERROR|failure):?\\s+([\\w.]+\\.test_\\w+|[\\w./-]+\\.py::[\\w:\\[\\]-]+))"
                    + "|(?:([\\w.]+\\.test_\\w+)(?:\\[[^\\]]*\\])?\\s.*\\.\\.\\.\\s+(?:FAIL|FAILED|ERROR)\\b)");

    private final SearchIndex index;
    private final SearchService search;
    private final QueryLanguage.Parsed failureLines;
    private final RecheckWeeks recheckWeeks;
    private final TestHistory testHistory;

    FlakyJobs(
            SearchIndex index,
            SearchService search,
            QueryLanguage language,
            RecheckWeeks recheckWeeks,
            TestHistory testHistory)
            throws BadQuery {
        this.recheckWeeks = recheckWeeks;
        this.testHistory = testHistory;
        this.index = index;
        this.search = search;
        this.failureLines = language.parse("message:(FAIL OR FAILED OR ERROR OR failure) AND message:test*");
    }

    public Report report(Instant now) {
        Instant start = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(DAYS - 1L));
        List<BuildFacts> builds = index.catalog().builds().stream()
                .filter(b -> !b.result().isEmpty() && !b.instant().isBefore(start))
                .sorted(Comparator.comparingLong(BuildFacts::time))
                .toList();
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Map<String, long[]>> daily = new HashMap<>();
        Map<String, List<BuildFacts>> byPatchSet = new HashMap<>();
        for (BuildFacts build : builds) {
            long[] c = counts.computeIfAbsent(build.job(), j -> new long[3]);
            c[0]++;
            c[1] += ZuulResult.passed(build.result()) ? 1 : 0;
            int day = (int) Duration.between(start, build.instant()).toDays();
            if (day >= 0 && day < DAYS) {
                daily.computeIfAbsent(build.job(), j -> new TreeMap<>())
                        .computeIfAbsent(build.result(), r -> new long[DAYS])[day]++;
            }
            if (!build.change().isEmpty()) {
                byPatchSet
                        .computeIfAbsent(
                                build.project() + "|" + build.change() + "|" + build.patchSet() + "|" + build.job(),
                                k -> new ArrayList<>())
                        .add(build);
            }
        }
        List<Recheck> rechecks = new ArrayList<>();
        Map<String, TestTally> tests = new HashMap<>();
        for (List<BuildFacts> runs : byPatchSet.values()) {
            BuildFacts failed = null;
            for (BuildFacts run : runs) {
                if (run.failed()) {
                    failed = failed == null ? run : failed;
                } else if (ZuulResult.passed(run.result()) && failed != null) {
                    rechecks.add(new Recheck(
                            run.job(),
                            run.project(),
                            run.change() + "," + run.patchSet(),
                            LogsUrls.folder(failed.root()),
                            LogsUrls.folder(run.root()),
                            failed.result(),
                            run.instant()));
                    counts.get(run.job())[2]++;
                    failedTests(failed, run, tests);
                    failed = null;
                }
            }
        }
        List<FlakyTest> flakyTests = new ArrayList<>();
        tests.forEach((id, t) -> flakyTests.add(new FlakyTest(id, t.rechecks, List.copyOf(t.jobs), t.last, t.example)));
        flakyTests.sort(Comparator.comparingInt(FlakyTest::rechecks)
                .reversed()
                .thenComparing(FlakyTest::lastSeen, Comparator.reverseOrder()));
        List<Job> jobs = new ArrayList<>();
        counts.forEach((job, c) -> jobs.add(new Job(job, c[0], c[1], c[2], daily.getOrDefault(job, Map.of()))));
        jobs.sort(Comparator.comparingLong(Job::rechecks)
                .reversed()
                .thenComparingInt(Job::passRate)
                .thenComparing(Job::job));
        rechecks.sort(Comparator.comparing(Recheck::passedAt).reversed());
        return new Report(
                start,
                jobs,
                rechecks.size() > 100 ? rechecks.subList(0, 100) : rechecks,
                flakyTests.size() > 100 ? flakyTests.subList(0, 100) : flakyTests,
                recheckWeeks.of(now),
                testHistory.flakyTests(DAYS));
    }

    /** Counts the tests a failed run says failed, once each, for the recheck that passed. */
    private void failedTests(BuildFacts failed, BuildFacts passed, Map<String, TestTally> tests) {
        List<Long> files = index.catalog().filesOf(failed.uuid()).stream()
                .map(FileFacts::id)
                .toList();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (SearchResult.Hit hit : search.firstLines(failureLines, files, 500)) {
            Matcher m = FAILED_TEST.matcher(hit.text());
            while (m.find()) {
                String id = m.group(1) != null ? m.group(1) : m.group(2);
                if (!seen.add(id)) {
                    continue;
                }
                TestTally t = tests.computeIfAbsent(id, k -> new TestTally());
                t.rechecks++;
                t.jobs.add(failed.job());
                if (t.last == null || passed.instant().isAfter(t.last)) {
                    t.last = passed.instant();
                    t.example = hit.url();
                }
            }
        }
    }

    /** A test's failures counted so far. */
    private static final class TestTally {
        private int rechecks;
        private final java.util.Set<String> jobs = new java.util.TreeSet<>();
        private Instant last;
        private String example;
    }
}
