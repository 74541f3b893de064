package org.opencontrail.web.logs.failures;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
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
import org.opencontrail.web.logs.urls.LogsUrls;

/** {@code /failures}: the known failures and how often each hits, as elastic-recheck's page did; {@code /api/failures} for tools. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class FailuresController {

    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("MMM d HH:00", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SEEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final FailureStats stats;
    private final KnownFailures known;
    private final Clock clock;

    private final Pages views;

    FailuresController(FailureStats stats, KnownFailures known, Clock clock, Pages views) {
        this.views = views;
        this.clock = clock;
        this.stats = stats;
        this.known = known;
    }

    /**
     * A known failure as the page draws it: its figures, its graph (null when suppressed or empty), a link to itself
     * on the page and a search link.
     */
    record Row(
            FailureStats.SignatureFigures figures,
            StackedBars.Chart chart,
            String firstSeen,
            String lastSeen,
            String anchorUrl,
            String searchUrl) {}

    @Get(uri = "/api/failures", produces = MediaType.APPLICATION_JSON)
    FailureStats.Figures api() {
        return stats.figures(clock.instant());
    }

    @Get("/failures")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> page(HttpRequest<?> request) {
        FailureStats.Figures figures = stats.figures(clock.instant());
        List<Row> rows = new ArrayList<>();
        int buckets = (int) FailureStats.GRAPH_SPAN.toHours();
        for (FailureStats.SignatureFigures f : figures.signatures()) {
            StackedBars.Chart chart = f.suppressGraph() || f.graph().isEmpty()
                    ? null
                    : StackedBars.ofResults(
                            "Builds matching " + f.id() + " each hour of the last 10 days, by result",
                            f.graph(),
                            buckets,
                            b -> HOUR.format(figures.graphStart().plus(FailureStats.BUCKET.multipliedBy(b))),
                            ResultClasses::chart);
            rows.add(new Row(
                    f,
                    chart,
                    seen(f.firstSeen()),
                    seen(f.lastSeen()),
                    LogsUrls.signatureAnchor(f.id()),
                    LogsUrls.search(f.query())));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("figures", figures);
        model.put("rows", rows);
        model.put("ready", known.ready());
        return views.ok("failures", model, request);
    }

    private static String seen(Instant at) {
        return at == null ? "never" : SEEN.format(at);
    }
}
