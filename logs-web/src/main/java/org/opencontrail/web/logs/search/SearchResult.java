package org.opencontrail.web.logs.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import org.opencontrail.web.logs.results.ResultClasses;

/**
 * What a search found.
 *
 * @param query     the query as asked
 * @param total     matching lines
 * @param builds    distinct builds with a matching line
 * @param tookMs    milliseconds it took
 * @param timedOut  whether the query ran out of time: counts and hits are what was found until then
 * @param warnings  what in the query cannot match
 * @param offset    hits skipped
 * @param hits      the page of hits, newest builds first, in line order within a file
 * @param facets    counts of matching lines by job, project, file, result, branch (top values)
 * @param histogram matching lines over time, by build result
 * @param minLevel  the lowest level the index holds ({@code logs.search.min-level}): lines below it are stored and
 *                  shown, not searched; null when every line is searched
 */
@Serdeable
public record SearchResult(
        String query,
        long total,
        long builds,
        @JsonProperty("took_ms") long tookMs,
        @JsonProperty("timed_out") boolean timedOut,
        List<String> warnings,
        int offset,
        List<Hit> hits,
        Map<String, List<FacetValue>> facets,
        Histogram histogram,

        @JsonProperty("min_level") @io.micronaut.core.annotation.Nullable
        String minLevel) {

    /** What the search leaves out, for people: empty when it searches every line. */
    public String minLevelNote() {
        return minLevel == null
                ? ""
                : "Lines below " + minLevel + " are kept in the logs, not searched (lines with no level are searched).";
    }

    /**
     * A matching line.
     *
     * @param build     build uuid
     * @param job       its job
     * @param project   its project
     * @param result    its result
     * @param time      the build's time (ISO)
     * @param path      the file's path in the build
     * @param line      line number (1-based)
     * @param text      the line
     * @param html      the line, HTML-escaped, matches in {@code <mark>}
     * @param url       the line in the log viewer
     * @param before    lines just before it
     * @param after     lines just after it
     */
    @Serdeable
    public record Hit(
            String build,
            String job,
            String project,
            String result,
            String time,
            String path,
            long line,
            String text,
            String html,
            String url,
            List<ContextLine> before,
            List<ContextLine> after) {

        /** The class that colours its build's result. */
        public String resultClass() {
            return ResultClasses.mark(result);
        }
    }

    /** A line around a hit. */
    @Serdeable
    public record ContextLine(long line, String text) {}

    /** One value of a facet, with its count and the query that narrows to it. */
    @Serdeable
    public record FacetValue(String value, long count, String narrow) {}

    /**
     * Counts over time.
     *
     * @param start    first bucket's start (epoch ms)
     * @param interval bucket width (ms)
     * @param series   counts per bucket, by build result
     */
    @Serdeable
    public record Histogram(long start, long interval, Map<String, long[]> series) {}
}
