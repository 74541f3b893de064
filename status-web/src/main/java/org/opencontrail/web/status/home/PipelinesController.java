package org.opencontrail.web.status.home;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.hateoas.JsonError;
import io.micronaut.json.JsonMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.opencontrail.web.branding.Pages;
import org.opencontrail.web.shared.source.SourceRegistry;
import org.opencontrail.web.shared.zuul.status.ZuulStatusWriter;
import org.opencontrail.web.status.pipeline.PipelineState;
import org.opencontrail.web.status.pipeline.PipelinesPageBuilder;
import org.opencontrail.web.status.stream.PipelineEvents;

/** The pipelines overview, {@code /}, and its JSON for tools, {@code /api/status} (Zuul v3 shape). */
@Controller
final class PipelinesController {

    private final PipelinesPageBuilder pages;
    private final PipelineState state;
    private final SourceRegistry sources;
    private final PipelineEvents events;
    private final Clock clock;
    private final Pages views;
    private final ZuulStatusWriter writer;

    PipelinesController(
            PipelinesPageBuilder pages,
            PipelineState state,
            SourceRegistry sources,
            PipelineEvents events,
            Clock clock,
            Pages views,
            JsonMapper json) {
        this.writer = new ZuulStatusWriter(json);
        this.clock = clock;
        this.views = views;
        this.pages = pages;
        this.state = state;
        this.sources = sources;
        this.events = events;
    }

    @Get("/")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> overview(HttpRequest<?> request, @RequestBean FilterParams filters) {
        // The stream position is read before the page is built: the page may already hold a diff it
        // will be sent again, and applying a diff twice changes nothing.
        long streamPosition = events.latest();
        Instant now = clock.instant();
        return views.ok(
                "home",
                Map.of(
                        "page",
                        pages.build(filters.toFilters(), now),
                        "feeds",
                        sources.feeds(),
                        "streamSince",
                        streamPosition,
                        "serverNow",
                        now.toEpochMilli()),
                request);
    }

    @Get("/api/status")
    @Produces(MediaType.APPLICATION_JSON)
    HttpResponse<?> status() {
        return state.current()
                .<HttpResponse<?>>map(current -> HttpResponse.ok(writer.write(current.snapshot())))
                .orElseGet(() -> HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .body(new JsonError("No status from Zuul yet")));
    }
}
