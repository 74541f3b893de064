package org.opencontrail.web.logs.failures;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opencontrail.web.logs.search.BuildFacts;
import org.opencontrail.web.logs.search.SearchIndex;
import org.opencontrail.web.logs.urls.LogsUrls;

/**
 * What /failures shows: per known failure, how often it hit (failed builds in the last 24 hours,
 * 10 days, 30 days), hourly over ten days by build result, the jobs and projects it hit, when it
 * was first and last seen; how many failed builds a known failure explains, overall and per job;
 * the failed builds none explains.
 */
@Singleton
public final class FailureStats {

    static final Duration GRAPH_SPAN = Duration.ofDays(10);
    static final Duration BUCKET = Duration.ofHours(1);

    /**
     * One known failure's figures.
     *
     * @param id        signature id
     * @param query     its query
     * @param bugUrl    its bug, empty when none
     * @param fails24h  failed builds it matched in the last 24 hours
     * @param fails10d  ... in the last 10 days
     * @param fails30d  ... in the last 30 days
     * @param hits      builds it matched, any result, ever
     * @param graph     hourly counts over the last 10 days by result; empty when suppressed
     * @param jobs      jobs it hit, most first, with counts
     * @param projects  projects it hit, most first, with counts
     * @param firstSeen its first matching build's time, null when none
     * @param lastSeen  its last matching build's time, null when none
     * @param suppressGraph whether its graph is not drawn
     */
    @Serdeable
    public record SignatureFigures(
            String id,
            String query,
            String bugUrl,
            long fails24h,
            long fails10d,
            long fails30d,
            long hits,
            Map<String, long[]> graph,
            Map<String, Long> jobs,
            Map<String, Long> projects,
            Instant firstSeen,
            Instant lastSeen,
            boolean suppressGraph) {}

    /** How many failed builds a known failure explains, for a job or overall. */
    @Serdeable
    public record Rate(String job, long failed, long classified) {

        public int percent() {
            return failed == 0 ? 0 : (int) Math.round(100.0 * classified / failed);
        }
    }

    /** A failed build no known failure explains. */
    @Serdeable
    public record Unclassified(
            String uuid, String job, String project, String result, String change, Instant time, String url) {}

    /**
     * Everything /failures shows.
     *
     * @param now        when it was counted
     * @param graphStart the first hour of the graphs
     * @param signatures per known failure, most hits in 10 days first
     * @param overall    classification over the failed builds of the last 10 days
     * @param perJob     the same per job, worst first
     * @param unclassified the newest failed builds of the last 10 days without a known failure
     * @param problems   signature files that could not be read
     */
    @Serdeable
    public record Figures(
            Instant now,
            Instant graphStart,
            List<SignatureFigures> signatures,
            Rate overall,
            List<Rate> perJob,
            List<Unclassified> unclassified,
            List<Signatures.Problem> problems) {}

    private final Signatures signatures;
    private final KnownFailures known;
    private final SearchIndex index;

    FailureStats(Signatures signatures, KnownFailures known, SearchIndex index) {
        this.signatures = signatures;
        this.known = known;
        this.index = index;
    }

    public Figures figures(Instant now) {
        Instant graphStart = now.minus(GRAPH_SPAN)
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .plus(BUCKET);
        int buckets = (int) GRAPH_SPAN.toHours();
        List<SignatureFigures> figures = new ArrayList<>();
        for (Signatures.Compiled compiled : signatures.all()) {
            Signature signature = compiled.signature();
            long day = 0;
            long tenDays = 0;
            long month = 0;
            long hits = 0;
            Map<String, long[]> graph = new TreeMap<>();
            Map<String, Long> jobs = new HashMap<>();
            Map<String, Long> projects = new HashMap<>();
            Instant first = null;
            Instant last = null;
            for (String uuid : known.buildsOf(signature.id())) {
                BuildFacts build = index.catalog().build(uuid).orElse(null);
                if (build == null) {
                    continue;
                }
                hits++;
                Instant at = build.instant();
                first = first == null || at.isBefore(first) ? at : first;
                last = last == null || at.isAfter(last) ? at : last;
                Duration age = Duration.between(at, now);
                if (build.failed()) {
                    day += age.compareTo(Duration.ofDays(1)) <= 0 ? 1 : 0;
                    tenDays += age.compareTo(Duration.ofDays(10)) <= 0 ? 1 : 0;
                    month += age.compareTo(Duration.ofDays(30)) <= 0 ? 1 : 0;
                }
                jobs.merge(build.job(), 1L, Long::sum);
                projects.merge(build.project(), 1L, Long::sum);
                int bucket = (int) Duration.between(graphStart, at).toHours();
                if (!signature.suppressGraph() && !at.isBefore(graphStart) && bucket < buckets) {
                    graph.computeIfAbsent(
                                    build.result().isEmpty() ? "UNKNOWN" : build.result(), r -> new long[buckets])[
                            bucket]++;
                }
            }
            figures.add(new SignatureFigures(
                    signature.id(),
                    signature.query(),
                    signatures.bugUrl(signature.id()),
                    day,
                    tenDays,
                    month,
                    hits,
                    graph,
                    top(jobs),
                    top(projects),
                    first,
                    last,
                    signature.suppressGraph()));
        }
        figures.sort(Comparator.comparingLong(SignatureFigures::fails10d)
                .reversed()
                .thenComparing(SignatureFigures::hits, Comparator.reverseOrder())
                .thenComparing(SignatureFigures::id));

        Map<String, long[]> byJob = new TreeMap<>();
        List<BuildFacts> unexplained = new ArrayList<>();
        long failed = 0;
        long classified = 0;
        for (BuildFacts build : index.catalog().builds()) {
            if (!build.failed() || Duration.between(build.instant(), now).compareTo(GRAPH_SPAN) > 0) {
                continue;
            }
            boolean explained = !known.of(build.uuid()).isEmpty();
            failed++;
            classified += explained ? 1 : 0;
            long[] counts = byJob.computeIfAbsent(build.job(), j -> new long[2]);
            counts[0]++;
            counts[1] += explained ? 1 : 0;
            if (!explained) {
                unexplained.add(build);
            }
        }
        List<Rate> perJob = new ArrayList<>();
        byJob.forEach((job, counts) -> perJob.add(new Rate(job, counts[0], counts[1])));
        perJob.sort(Comparator.comparingInt(Rate::percent).thenComparing(Rate::failed, Comparator.reverseOrder()));
        List<Unclassified> newest = unexplained.stream()
                .sorted(Comparator.comparingLong(BuildFacts::time).reversed())
                .limit(50)
                .map(b -> new Unclassified(
                        b.uuid(),
                        b.job(),
                        b.project(),
                        b.result(),
                        b.change().isEmpty() ? "" : b.change() + "," + b.patchSet(),
                        b.instant(),
                        LogsUrls.folder(b.root())))
                .toList();
        return new Figures(
                now, graphStart, figures, new Rate("", failed, classified), perJob, newest, signatures.problems());
    }

    private static Map<String, Long> top(Map<String, Long> counts) {
        Map<String, Long> top = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(8)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }
}
