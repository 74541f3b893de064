package org.opencontrail.web.logs.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.opencontrail.web.branding.Pages;
import org.opencontrail.web.branding.chart.StackedBars;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.results.ResultClasses;
import org.opencontrail.web.logs.urls.LogsUrls;
import org.opencontrail.web.shared.text.Durations;

/**
 * {@code /search} for people and {@code GET /api/search} for tools: the query, a time range
 * ({@code range=24h|7d|30d}, or {@code from} and {@code to}), a lowest level, a page. A bad query
 * answers 400 with where and why; a query that runs out of time answers with what it found and
 * says so.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class SearchController {

    private static final int PAGE = 50;
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final SearchService search;
    private final Catalog catalog;
    private final Clock clock;

    private final Pages views;

    SearchController(SearchService search, SearchIndex index, Clock clock, Pages views) {
        this.views = views;
        this.clock = clock;
        this.search = search;
        this.catalog = index.catalog();
    }

    @Get(uri = "/api/search", produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> api(
            @QueryValue("q") @Nullable String q,
            @QueryValue @Nullable String range,
            @QueryValue @Nullable String from,
            @QueryValue @Nullable String to,
            @QueryValue @Nullable String level,
            @QueryValue @Nullable Integer offset,
            @QueryValue @Nullable Integer size)
            throws BadQuery {
        SearchRequest request = request(
                q, range, from, to, level, offset == null ? 0 : offset, size == null ? PAGE : Math.min(size, 1000));
        return HttpResponse.ok(search.search(request));
    }

    /**
     * A search sent in a body, for queries too long for a URL (signatures can be).
     *
     * @param q      the query
     * @param range  24h, 7d, 30d or all
     * @param from   builds from this time
     * @param to     builds up to this time
     * @param level  lowest level of the lines
     * @param offset hits skipped
     * @param size   hits returned
     */
    @io.micronaut.serde.annotation.Serdeable
    record Body(
            @Nullable String q,
            @Nullable String range,
            @Nullable String from,
            @Nullable String to,
            @Nullable String level,
            @Nullable Integer offset,
            @Nullable Integer size) {}

    @io.micronaut.http.annotation.Post(
            uri = "/api/search",
            consumes = MediaType.APPLICATION_JSON,
            produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> apiPost(@io.micronaut.http.annotation.Body Body body) throws BadQuery {
        return api(body.q(), body.range(), body.from(), body.to(), body.level(), body.offset(), body.size());
    }

    /** The fields a query may name, with a word on each, for completion. */
    @Get(uri = "/api/search/fields", produces = MediaType.APPLICATION_JSON)
    FieldsJson fields() {
        return new FieldsJson(SearchFields.DESCRIBED, SearchFields.ALIASES);
    }

    /** The fields a query may name (each with a word on it), and the other names they answer to. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record FieldsJson(Map<String, String> fields, Map<String, String> aliases) {}

    /** The most common values of a build or file field, for completion. */
    @Get(uri = "/api/search/values", produces = MediaType.APPLICATION_JSON)
    List<String> values(@QueryValue String field, @QueryValue @Nullable String prefix) {
        String resolved = SearchFields.resolve(field).orElse("");
        String start = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT);
        Map<String, Long> counts = new java.util.HashMap<>();
        for (BuildFacts build : catalog.builds()) {
            String value = switch (resolved) {
                case SearchFields.BUILD_NAME -> build.job();
                case SearchFields.PROJECT -> build.project();
                case SearchFields.BUILD_BRANCH -> build.branch();
                case SearchFields.BUILD_QUEUE -> build.pipeline();
                case SearchFields.BUILD_STATUS -> build.result();
                case SearchFields.BUILD_NODE -> build.node();
                default -> null;
            };
            if (value != null
                    && !value.isEmpty()
                    && value.toLowerCase(Locale.ROOT).startsWith(start)) {
                counts.merge(value, 1L, Long::sum);
            }
        }
        if (resolved.equals(SearchFields.LOGLEVEL)) {
            for (Severity severity : Severity.values()) {
                if (severity != Severity.NONE
                        && severity.name().toLowerCase(Locale.ROOT).startsWith(start)) {
                    counts.put(severity.name(), (long) Severity.CRITICAL.compareTo(severity) + 1);
                }
            }
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(20)
                .map(Map.Entry::getKey)
                .toList();
    }

    @Get("/search")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> page(
            HttpRequest<?> http,
            @QueryValue("q") @Nullable String q,
            @QueryValue @Nullable String range,
            @QueryValue @Nullable String from,
            @QueryValue @Nullable String to,
            @QueryValue @Nullable String level,
            @QueryValue @Nullable Integer page) {
        int number = page == null || page < 1 ? 1 : page;
        Form form = new Form(
                q == null ? "" : q,
                range == null ? "" : range,
                from == null ? "" : from,
                to == null ? "" : to,
                level == null ? "" : level.toUpperCase(Locale.ROOT));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("form", form);
        model.put("fields", SearchFields.DESCRIBED);
        if (form.q().isBlank()) {
            return views.ok("search", model, http);
        }
        try {
            SearchResult result = search.search(request(q, range, from, to, level, Paging.offsetOf(number), PAGE));
            model.put("result", result);
            model.put("paging", Paging.of(form, number, result.total()));
            model.put("chart", chart(result.histogram()));
            model.put("facets", facets(form, result));
            return views.ok("search", model, http);
        } catch (BadQuery e) {
            model.put("problem", QueryProblem.of(e));
            model.put(
                    "caret",
                    e.position() >= 0
                            ? " ".repeat(Math.min(e.position(), form.q().length())) + "^"
                            : "");
            return views.status(HttpStatus.BAD_REQUEST, "search", model, http);
        }
    }

    /**
     * What the form holds, to draw it again and make links that keep it.
     */
    record Form(String q, String range, String from, String to, String level) {

        /** The same search's answer as JSON. */
        public String jsonUrl() {
            return LogsUrls.searchJson(q);
        }

        /** A page of this search, or of another query narrowed alike. */
        String url(String query, int page) {
            return LogsUrls.search(query, range, from, to, level, page);
        }
    }

    /** A facet value as a link that narrows the query to it. */
    record FacetLink(String value, long count, String url) {}

    /** A page link; {@code url} empty for the current page or a gap. */
    record PageLink(String label, String url, boolean current) {}

    /**
     * Where a page of hits stands among the others.
     *
     * @param start the number of its first hit, counted from 1 (the list's {@code start})
     * @param links the links to the other pages: previous, the pages around it and at both ends, next; none when
     *              every hit fits on one page
     */
    record Paging(long start, List<PageLink> links) {

        static Paging of(Form form, int current, long total) {
            long last = Math.max(1, Math.min((total + PAGE - 1) / PAGE, SearchRequest.MAX_WINDOW / PAGE));
            List<PageLink> links = new ArrayList<>();
            if (last > 1) {
                if (current > 1) {
                    links.add(new PageLink("Previous", form.url(form.q(), current - 1), false));
                }
                for (long n = 1; n <= last; n++) {
                    if (n == 1 || n == last || Math.abs(n - current) <= 2) {
                        links.add(new PageLink(
                                Long.toString(n), n == current ? "" : form.url(form.q(), (int) n), n == current));
                    } else if (Math.abs(n - current) == 3) {
                        links.add(new PageLink("\u2026", "", false));
                    }
                }
                if (current < last) {
                    links.add(new PageLink("Next", form.url(form.q(), current + 1), false));
                }
            }
            return new Paging(offsetOf(current) + 1L, List.copyOf(links));
        }

        /** The hits before a page. */
        static int offsetOf(int page) {
            return (page - 1) * PAGE;
        }
    }

    /** The histogram drawn, and the width of its bars in words. */
    record Chart(StackedBars.Chart drawn, String interval) {}

    private Map<String, List<FacetLink>> facets(Form form, SearchResult result) {
        Map<String, List<FacetLink>> facets = new LinkedHashMap<>();
        result.facets().forEach((name, values) -> {
            List<FacetLink> links = new ArrayList<>();
            for (SearchResult.FacetValue value : values) {
                links.add(new FacetLink(
                        value.value(), value.count(), form.url("(" + form.q() + ") AND " + value.narrow(), 1)));
            }
            facets.put(name, links);
        });
        return facets;
    }

    private static Chart chart(SearchResult.Histogram histogram) {
        int buckets = histogram.series().values().stream()
                .mapToInt(v -> v.length)
                .max()
                .orElse(0);
        if (buckets == 0) {
            return null;
        }
        DateTimeFormatter format = histogram.interval() >= Duration.ofDays(1).toMillis() ? DAY : HOUR;
        return new Chart(
                StackedBars.ofResults(
                        "Matching lines over time, by build result",
                        histogram.series(),
                        buckets,
                        b -> format.format(Instant.ofEpochMilli(histogram.start() + b * histogram.interval())),
                        ResultClasses::chart),
                Durations.words(Duration.ofMillis(histogram.interval())));
    }

    private SearchRequest request(String q, String range, String from, String to, String level, int offset, int size)
            throws BadQuery {
        Instant start = null;
        Instant end = null;
        if (range != null && !range.isBlank() && !range.equals("all")) {
            start = clock.instant()
                    .minus(span(range)
                            .orElseThrow(() ->
                                    new BadQuery(-1, "unknown range " + range + ": write 24h, 7d, 30d or all", q)));
        }
        if (from != null && !from.isBlank()) {
            start = Times.parse(from, false).orElseThrow(() -> notATime("from", from, q));
        }
        if (to != null && !to.isBlank()) {
            end = Times.parse(to, true).orElseThrow(() -> notATime("to", to, q));
        }
        Severity severity = level == null || level.isBlank()
                ? Severity.NONE
                : Severity.parse(level)
                        .orElseThrow(() -> new BadQuery(
                                -1, "unknown level " + level + ": DEBUG INFO AUDIT TRACE WARNING ERROR CRITICAL", q));
        return new SearchRequest(q == null ? "" : q, start, end, severity, offset, size);
    }

    private static Optional<Duration> span(String range) {
        String r = range.strip().toLowerCase(Locale.ROOT);
        try {
            if (r.endsWith("h")) {
                return Optional.of(Duration.ofHours(Long.parseLong(r.substring(0, r.length() - 1))));
            }
            if (r.endsWith("d")) {
                return Optional.of(Duration.ofDays(Long.parseLong(r.substring(0, r.length() - 1))));
            }
            if (r.endsWith("m")) {
                return Optional.of(Duration.ofMinutes(Long.parseLong(r.substring(0, r.length() - 1))));
            }
        } catch (NumberFormatException e) {
            // not a range: the caller says so
        }
        return Optional.empty();
    }

    private static BadQuery notATime(String name, String text, String query) {
        return new BadQuery(-1, name + " is not a time: " + text + " (" + Times.FORMS + ")", query);
    }
}
