package org.opencontrail.web.status.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencontrail.web.branding.BrandDialect;
import org.opencontrail.web.branding.Pages;
import org.opencontrail.web.status.change.ChangePage;
import org.opencontrail.web.status.pipeline.Filters;
import org.opencontrail.web.status.pipeline.PipelineRow;
import org.opencontrail.web.status.pipeline.PipelinesPageBuilder;
import org.opencontrail.web.status.pipeline.QueueRow;

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
        for (PipelineRow pipeline : pages.build(new Filters(name, null, null, null, null, null, null), clock.instant())
                .pipelines()) {
            for (QueueRow queue : pipeline.queues()) {
                queue.items().stream()
                        .filter(item -> item.project().equals(name))
                        .forEach(item -> items.add(new ChangePage.PipelineItem(pipeline.name(), queue.name(), item)));
            }
        }
        List<JobSummary> jobs = results.of(name).entrySet().stream()
                .map(e -> JobSummary.of(e.getKey(), e.getValue()))
                .toList();
        ProjectPage page = new ProjectPage(name, List.copyOf(items), jobs);
        if (!page.known()) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "No project " + name + " has items or results here");
        }
        return page;
    }

    @Get("/project/{+name}")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> html(HttpRequest<?> request, String name) {
        ProjectPage page = page(name);
        return views.ok(
                "project",
                Map.of(
                        "project",
                        page,
                        "serverNow",
                        clock.instant().toEpochMilli(),
                        BrandDialect.PAGE_DESCRIPTION,
                        page.description()),
                request);
    }

    @Get("/api/project/{+name}")
    @Produces(MediaType.APPLICATION_JSON)
    ProjectJson json(String name) {
        ProjectPage page = page(name);
        return new ProjectJson(
                page.name(),
                page.items().stream()
                        .map(i -> new ItemJson(
                                i.pipeline(),
                                i.queue(),
                                i.item().change(),
                                i.item().state()))
                        .toList(),
                page.jobs().stream().map(JobJson::of).toList());
    }

    /** {@code /api/project/NAME}: the project's changes in the pipelines now and its jobs' recent builds. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ProjectJson(String name, List<ItemJson> items, List<JobJson> jobs) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ItemJson(String pipeline, String queue, String change, String state) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record JobJson(String name, int passed, int passRate, String typical, String lastResult, List<BuildJson> runs) {
        static JobJson of(JobSummary job) {
            return new JobJson(
                    job.name(),
                    job.passed(),
                    job.passRate(),
                    job.typical(),
                    job.lastResult(),
                    job.runs().stream().map(BuildJson::of).toList());
        }
    }

    /** A build of the job; {@code durationSeconds} is -1 when unknown. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record BuildJson(
            String pipeline,
            String branch,
            int change,
            int patchSet,
            String result,
            boolean voting,
            String at,
            long durationSeconds,
            String logUrl) {
        static BuildJson of(ProjectResults.Build run) {
            return new BuildJson(
                    run.pipeline(),
                    run.branch(),
                    run.change(),
                    run.patchSet(),
                    run.result(),
                    run.voting(),
                    run.at().toString(),
                    run.duration().map(java.time.Duration::getSeconds).orElse(-1L),
                    run.logUrl());
        }
    }
}
