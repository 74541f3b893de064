package org.opencontrail.web.logs.search;

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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencontrail.web.branding.Pages;
import org.opencontrail.web.branding.chart.StackedBars;
import org.opencontrail.web.logs.results.ResultClasses;
import org.opencontrail.web.shared.text.Durations;

/**
 * {@code /search} for people: the form, a page of hits in context, facets that narrow the query, the
 * histogram by build result, links to the other pages. A bad query answers 400 with the form and
 * where the query fails; a query that runs out of time answers with what it found and says so.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class SearchPageController {

    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final SearchService search;
    private final SearchRequests requests;
    private final Pages views;

    SearchPageController(SearchService search, SearchRequests requests, Pages views) {
        this.search = search;
        this.requests = requests;
        this.views = views;
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
        SearchPage.Form form = new SearchPage.Form(
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
            SearchResult result = search.search(
                    requests.of(q, range, from, to, level, SearchPage.Paging.offsetOf(number), SearchRequests.PAGE));
            model.put("result", result);
            model.put("paging", SearchPage.Paging.of(form, number, result.total()));
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

    private Map<String, List<SearchPage.FacetLink>> facets(SearchPage.Form form, SearchResult result) {
        Map<String, List<SearchPage.FacetLink>> facets = new LinkedHashMap<>();
        result.facets().forEach((name, values) -> {
            List<SearchPage.FacetLink> links = new ArrayList<>();
            for (SearchResult.FacetValue value : values) {
                links.add(new SearchPage.FacetLink(
                        value.value(), value.count(), form.url("(" + form.q() + ") AND " + value.narrow(), 1)));
            }
            facets.put(name, links);
        });
        return facets;
    }

    private static SearchPage.Chart chart(SearchResult.Histogram histogram) {
        int buckets = histogram.series().values().stream()
                .mapToInt(v -> v.length)
                .max()
                .orElse(0);
        if (buckets == 0) {
            return null;
        }
        DateTimeFormatter format = histogram.interval() >= Duration.ofDays(1).toMillis() ? DAY : HOUR;
        return new SearchPage.Chart(
                StackedBars.ofResults(
                        "Matching lines over time, by build result",
                        histogram.series(),
                        buckets,
                        b -> format.format(Instant.ofEpochMilli(histogram.start() + b * histogram.interval())),
                        ResultClasses::chart),
                Durations.words(Duration.ofMillis(histogram.interval())));
    }
}
