package org.opencontrail.web.logs.flaky;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.opencontrail.web.logs.search.BuildFacts;
import org.opencontrail.web.logs.search.LogIndex;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which jobs fail and pass on the same code: per job, its results day by day and its pass rate,
 * and every patchset on which the job failed and then passed with nothing changed (a recheck).
 */
@Singleton
public final class FlakyJobs {

    static final int DAYS = 30;

    /**
     * A failure that a recheck of the same patchset turned into a pass.
     *
     * @param job       the job
     * @param project   the project
     * @param change    change,patchset
     * @param failedUrl the failed build's folder
     * @param passedUrl the passing build's folder
     * @param result    the failed build's result
     * @param passedAt  when it passed
     */
    @Serdeable
    public record Recheck(String job, String project, String change, String failedUrl, String passedUrl, String result, Instant passedAt) {
    }

    /**
     * One job's figures over the last {@link #DAYS} days.
     *
     * @param job      the job
     * @param builds   its builds
     * @param passed   those that passed
     * @param rechecks failures a recheck of the same patchset passed
     * @param daily    builds per day by result, oldest day first
     */
    @Serdeable
    public record Job(String job, long builds, long passed, long rechecks, Map<String, long[]> daily) {

        public int passRate() {
            return builds == 0 ? 0 : (int) Math.round(100.0 * passed / builds);
        }
    }

    /** The page: the first day drawn, jobs with most rechecks first, the newest rechecks. */
    @Serdeable
    public record Report(Instant start, List<Job> jobs, List<Recheck> rechecks) {
    }

    private final LogIndex index;

    FlakyJobs(LogIndex index) {
        this.index = index;
    }

    public Report report(Instant now) {
        Instant start = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(DAYS - 1L));
        List<BuildFacts> builds = index.catalog().builds().stream()
                .filter(b -> !b.result().isEmpty() && !b.instant().isBefore(start)).sorted(Comparator.comparingLong(BuildFacts::time)).toList();
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Map<String, long[]>> daily = new HashMap<>();
        Map<String, List<BuildFacts>> byPatchset = new HashMap<>();
        for (BuildFacts build : builds) {
            long[] c = counts.computeIfAbsent(build.job(), j -> new long[3]);
            c[0]++;
            c[1] += build.result().equals("SUCCESS") ? 1 : 0;
            int day = (int) Duration.between(start, build.instant()).toDays();
            if (day >= 0 && day < DAYS) {
                daily.computeIfAbsent(build.job(), j -> new TreeMap<>()).computeIfAbsent(build.result(), r -> new long[DAYS])[day]++;
            }
            if (!build.change().isEmpty()) {
                byPatchset.computeIfAbsent(build.project() + "|" + build.change() + "|" + build.patchset() + "|" + build.job(), k -> new ArrayList<>())
                        .add(build);
            }
        }
        List<Recheck> rechecks = new ArrayList<>();
        for (List<BuildFacts> runs : byPatchset.values()) {
            BuildFacts failed = null;
            for (BuildFacts run : runs) {
                if (run.failed()) {
                    failed = failed == null ? run : failed;
                } else if (run.result().equals("SUCCESS") && failed != null) {
                    rechecks.add(new Recheck(run.job(), run.project(), run.change() + "," + run.patchset(), "/" + failed.root(), "/" + run.root(),
                            failed.result(), run.instant()));
                    counts.get(run.job())[2]++;
                    failed = null;
                }
            }
        }
        List<Job> jobs = new ArrayList<>();
        counts.forEach((job, c) -> jobs.add(new Job(job, c[0], c[1], c[2], daily.getOrDefault(job, Map.of()))));
        jobs.sort(Comparator.comparingLong(Job::rechecks).reversed().thenComparingInt(Job::passRate).thenComparing(Job::job));
        rechecks.sort(Comparator.comparing(Recheck::passedAt).reversed());
        return new Report(start, jobs, rechecks.size() > 100 ? rechecks.subList(0, 100) : rechecks);
    }
}
