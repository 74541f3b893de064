package org.opencontrail.web.status.infra;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpRequest;
import org.opencontrail.web.branding.Pages;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /infra}: is the CI itself healthy; {@code /api/infra} for tools. */
@Controller
final class InfraController {

    private final InfraReports reports;

    private final Pages pages;

    InfraController(InfraReports reports, Pages pages) {
        this.reports = reports;
        this.pages = pages;
    }

    @Get("/infra")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> html(HttpRequest<?> request) {
        return pages.ok("infra", Map.of("infra", reports.report()), request);
    }

    @Get("/api/infra")
    @Produces(MediaType.APPLICATION_JSON)
    Map<String, Object> json() {
        InfraReport report = reports.report();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", report.problems().isEmpty());
        json.put("at", report.at().toString());
        json.put("conditions", report.conditions().stream()
                .map(c -> Map.of("key", c.key(), "ok", c.ok(), "title", c.title(), "detail", c.detail())).toList());
        report.zuulQueues().ifPresent(q -> json.put("zuulEventQueues", Map.of("trigger", q.trigger(), "result", q.result(),
                "management", q.management(), "triggerPaused", q.triggerPaused(), "resultPaused", q.resultPaused(),
                "statusAgeSeconds", q.statusAgeSeconds())));
        json.put("stalledQueues", report.stalled().stream().map(s -> Map.of("pipeline", s.pipeline(), "queue", s.queue(),
                "waitingJobs", s.waiting(), "since", s.since().toString())).toList());
        json.put("waitingJobs", report.waitingJobs());
        report.nodes().ifPresent(n -> json.put("nodes", Map.of("byState", n.byState(), "byLabel", n.byLabel(), "total", n.total(),
                "readAt", n.readAt().toString(), "problem", n.problem())));
        json.put("feeds", report.feeds().stream().map(f -> Map.of("name", f.name(), "state", f.state(), "healthy", f.healthy(),
                "lastEvent", f.lastEvent(), "reconnects", f.reconnects(), "problem", f.problem())).toList());
        return json;
    }

}
