package org.opencontrail.web.status.project;

import java.time.Clock;
import io.micronaut.http.HttpRequest;
import org.opencontrail.web.branding.Pages;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.HttpStatusException;
import org.opencontrail.web.status.change.ChangePage;
import org.opencontrail.web.status.pipeline.Filters;
import org.opencontrail.web.status.pipeline.PipelineRow;
import org.opencontrail.web.status.pipeline.PipelinesPageBuilder;
import org.opencontrail.web.status.pipeline.QueueRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /project/{name}} and {@code /api/project/{name}}: a project's items now and its jobs' recent results. */
@Controller
final class ProjectController {

    private final PipelinesPageBuilder pages;
    private final ProjectResults results;

    private final Pages views;
    private final Clock clock;

    ProjectController(PipelinesPageBuilder pages, ProjectResults results, Pages views, Clock clock) {
        this.views = views;
        this.clock = clock;
        this.pages = pages;
        this.results = results;
    }

    private ProjectPage page(String name) {
        List<ChangePage.PipelineItem> items = new ArrayList<>();
        for (PipelineRow pipeline : pages.build(new Filters(name, null, null, null, null, null, null), clock.instant()).pipelines()) {
            for (QueueRow queue : pipeline.queues()) {
                queue.items().stream().filter(item -> item.project().equals(name))
                        .forEach(item -> items.add(new ChangePage.PipelineItem(pipeline.name(), queue.name(), item)));
            }
        }
        List<JobSummary> jobs = results.of(name).entrySet().stream().map(e -> JobSummary.of(e.getKey(), e.getValue())).toList();
        ProjectPage page = new ProjectPage(name, List.copyOf(items), jobs);
        if (!page.known()) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "No project " + name + " has items or results here");
        }
        return page;
    }

    @Get("/project/{+name}")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> html(HttpRequest<?> request, String name) {
        return views.ok("project", Map.of("project", page(name), "serverNow", clock.instant().toEpochMilli()), request);
    }

    @Get("/api/project/{+name}")
    @Produces(MediaType.APPLICATION_JSON)
    HttpResponse<?> json(String name) {
        ProjectPage page = page(name);
        return HttpResponse.ok(Map.of("name", page.name(), "items", page.items().stream()
                .map(i -> Map.of("pipeline", i.pipeline(), "queue", i.queue(), "change", i.item().change(), "state", i.item().state()))
                .toList(), "jobs", page.jobs().stream().map(ProjectController::job).toList()));
    }

    private static Map<String, Object> job(JobSummary job) {
        return Map.of("name", job.name(), "passed", job.passed(), "passRate", job.passRate(), "typical", job.typical(),
                "lastResult", job.lastResult(), "runs", job.runs().stream().map(run -> Map.of("pipeline", run.pipeline(),
                        "branch", run.branch(), "change", run.change(), "patchSet", run.patchSet(), "result", run.result(),
                        "voting", run.voting(), "at", run.at().toString(),
                        "durationSeconds", run.duration().map(java.time.Duration::getSeconds).orElse(-1L), "logUrl", run.logUrl())).toList());
    }
}
