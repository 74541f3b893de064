package org.opencontrail.web.logs.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Facets, distinct builds and the histogram of a search, from the lines it matched counted per
 * file: one reckoning for every engine, so that the same lines give the same figures.
 *
 * @param builds    distinct builds with a matching line
 * @param facets    counts of matching lines by job, project, file, result, branch (top values)
 * @param histogram matching lines over time, by build result
 */
public record SearchTally(
        long builds, Map<String, List<SearchResult.FacetValue>> facets, SearchResult.Histogram histogram) {

    /** Facets: name shown, and field to narrow by. */
    public static final Map<String, String> FACETS = facetFields();

    /** Bucket widths tried, smallest first: at most 60 buckets are drawn. */
    private static final long[] INTERVALS = {
        60_000L,
        300_000L,
        900_000L,
        3_600_000L,
        10_800_000L,
        21_600_000L,
        43_200_000L,
        86_400_000L,
        604_800_000L,
        2_592_000_000L
    };

    private static Map<String, String> facetFields() {
        Map<String, String> facets = new LinkedHashMap<>();
        facets.put("job", SearchFields.BUILD_NAME);
        facets.put("project", SearchFields.PROJECT);
        facets.put("file", SearchFields.FILENAME);
        facets.put("result", SearchFields.BUILD_STATUS);
        facets.put("branch", SearchFields.BUILD_BRANCH);
        return java.util.Collections.unmodifiableMap(facets);
    }

    /** The tally of matching lines counted per file id; files the catalog no longer has are left out. */
    public static SearchTally of(Map<Long, Long> linesByFile, Catalog catalog, SearchRequest request) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        FACETS.keySet().forEach(name -> counts.put(name, new HashMap<>()));
        Set<String> builds = new HashSet<>();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        List<BuildLines> perFile = new ArrayList<>();
        for (Map.Entry<Long, Long> entry : linesByFile.entrySet()) {
            FileFacts file = catalog.file(entry.getKey()).orElse(null);
            BuildFacts build = file == null ? null : catalog.build(file.uuid()).orElse(null);
            if (build == null) {
                continue;
            }
            long n = entry.getValue();
            builds.add(build.uuid());
            add(counts.get("job"), build.job(), n);
            add(counts.get("project"), build.project(), n);
            add(counts.get("file"), file.filename(), n);
            add(counts.get("result"), build.result(), n);
            add(counts.get("branch"), build.branch(), n);
            min = Math.min(min, build.time());
            max = Math.max(max, build.time());
            perFile.add(new BuildLines(build, n));
        }
        Map<String, List<SearchResult.FacetValue>> facets = new LinkedHashMap<>();
        counts.forEach((name, values) -> facets.put(
                name,
                values.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue()
                                .reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(10)
                        .map(e -> new SearchResult.FacetValue(
                                e.getKey(), e.getValue(), FACETS.get(name) + ":" + quote(e.getKey())))
                        .toList()));
        long start = request.from() != null ? request.from().toEpochMilli() : min;
        long end = request.to() != null ? request.to().toEpochMilli() : max;
        return new SearchTally(builds.size(), facets, histogram(perFile, start, end));
    }

    private record BuildLines(BuildFacts build, long lines) {}

    private static void add(Map<String, Long> counts, String value, long n) {
        counts.merge(value == null || value.isEmpty() ? "(none)" : value, n, Long::sum);
    }

    /** A value as a query term: quoted, with quotes and backslashes escaped. */
    public static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static SearchResult.Histogram histogram(List<BuildLines> perFile, long start, long end) {
        if (perFile.isEmpty() || start > end) {
            return new SearchResult.Histogram(start == Long.MAX_VALUE ? 0 : start, INTERVALS[3], Map.of());
        }
        long interval = INTERVALS[INTERVALS.length - 1];
        for (long candidate : INTERVALS) {
            if ((end - start) / candidate < 60) {
                interval = candidate;
                break;
            }
        }
        long first = Math.floorDiv(start, interval) * interval;
        int buckets = (int) (Math.floorDiv(end, interval) - Math.floorDiv(start, interval)) + 1;
        Map<String, long[]> series = new TreeMap<>();
        for (BuildLines entry : perFile) {
            int bucket = (int) Math.floorDiv(entry.build().time() - first, interval);
            if (bucket < 0 || bucket >= buckets) {
                continue;
            }
            String result =
                    entry.build().result().isEmpty() ? "UNKNOWN" : entry.build().result();
            series.computeIfAbsent(result, r -> new long[buckets])[bucket] += entry.lines();
        }
        return new SearchResult.Histogram(first, interval, series);
    }
}
