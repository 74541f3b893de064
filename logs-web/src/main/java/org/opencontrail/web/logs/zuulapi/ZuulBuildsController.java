package org.opencontrail.web.logs.zuulapi;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencontrail.web.logs.database.BuildRow;
import org.opencontrail.web.logs.database.BuildsReader;
import org.opencontrail.web.logs.database.BuildsetRow;
import org.opencontrail.web.logs.database.HiddenProjects;
import org.opencontrail.web.logs.database.ZuulQuery;
import org.opencontrail.web.logs.store.LogsSettings;
import org.opencontrail.web.shared.gerrit.projects.PublicProjects;
import org.opencontrail.web.shared.zuul.ZuulSettings;

/**
 * Zuul's builds API over the builds database, for Zuul's own clients and pages, zuul-client,
 * logjuicer, Gerrit's checks plugins and dashboards: {@code /api/tenant/T/builds}, {@code build/UUID},
 * {@code buildsets}, {@code buildset/UUID}, {@code build-times}, and the same without the tenant
 * ({@code /api/builds}...), as a white-labelled Zuul answers them. The tenant is {@code zuul.tenant},
 * or {@code logs.tenant}; another answers 404. Builds of projects that are not public are never
 * listed, counted or found.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ZuulBuildsController {

    private final BuildsReader reader;
    private final ZuulApiAnswers answers;
    private final PublicProjects projects;
    private final HiddenProjects hidden;
    private final String tenant;

    ZuulBuildsController(
            BuildsReader reader,
            ZuulApiAnswers answers,
            PublicProjects projects,
            HiddenProjects hidden,
            ZuulSettings zuul,
            LogsSettings logs) {
        this.reader = reader;
        this.answers = answers;
        this.projects = projects;
        this.hidden = hidden;
        this.tenant = zuul.tenant().isBlank() ? logs.tenant() : zuul.tenant();
    }

    @Get(uri = "/tenant/{tenant}/builds", produces = MediaType.APPLICATION_JSON)
    List<ZuulApiJson.Build> builds(String tenant, HttpRequest<?> request) {
        checkTenant(tenant);
        return builds(request);
    }

    @Get(uri = "/builds", produces = MediaType.APPLICATION_JSON)
    List<ZuulApiJson.Build> builds(HttpRequest<?> request) {
        Map<String, List<String>> query = request.getParameters().asMap();
        ZuulQuery.Page page = ZuulQuery.page(query);
        var filter = ZuulQuery.builds(query);
        return reader.builds(filter.hiding(hidden.now()), page.skip(), page.limit()).stream()
                .map(row -> answers.build(row, Optional.empty()))
                .toList();
    }

    @Get(uri = "/tenant/{tenant}/build/{uuid}", produces = MediaType.APPLICATION_JSON)
    ZuulApiJson.Build build(String tenant, String uuid) {
        checkTenant(tenant);
        return build(uuid);
    }

    @Get(uri = "/build/{uuid}", produces = MediaType.APPLICATION_JSON)
    ZuulApiJson.Build build(String uuid) {
        BuildRow row = reader.build(uuid).filter(this::shown).orElseThrow(() -> notFound("Build not found"));
        return answers.build(row, reader.buildset(row.buildsetUuid()));
    }

    @Get(uri = "/tenant/{tenant}/buildsets", produces = MediaType.APPLICATION_JSON)
    List<ZuulApiJson.Buildset> buildsets(String tenant, HttpRequest<?> request) {
        checkTenant(tenant);
        return buildsets(request);
    }

    @Get(uri = "/buildsets", produces = MediaType.APPLICATION_JSON)
    List<ZuulApiJson.Buildset> buildsets(HttpRequest<?> request) {
        Map<String, List<String>> query = request.getParameters().asMap();
        ZuulQuery.Page page = ZuulQuery.page(query);
        var filter = ZuulQuery.buildsets(query);
        return reader.buildsets(filter.hiding(hidden.now()), page.skip(), page.limit()).stream()
                .map(row -> answers.buildset(row, List.of()))
                .toList();
    }

    @Get(uri = "/tenant/{tenant}/buildset/{uuid}", produces = MediaType.APPLICATION_JSON)
    ZuulApiJson.Buildset buildset(String tenant, String uuid) {
        checkTenant(tenant);
        return buildset(uuid);
    }

    @Get(uri = "/buildset/{uuid}", produces = MediaType.APPLICATION_JSON)
    ZuulApiJson.Buildset buildset(String uuid) {
        BuildsetRow row = reader.buildset(uuid)
                .filter(s -> projects.shows(s.project()))
                .orElseThrow(() -> notFound("Buildset not found"));
        return answers.buildset(
                row, reader.buildsOf(row).stream().filter(this::shown).toList());
    }

    @Get(uri = "/tenant/{tenant}/build-times", produces = MediaType.APPLICATION_JSON)
    List<ZuulApiJson.BuildTime> buildTimes(String tenant, HttpRequest<?> request) {
        checkTenant(tenant);
        return buildTimes(request);
    }

    @Get(uri = "/build-times", produces = MediaType.APPLICATION_JSON)
    List<ZuulApiJson.BuildTime> buildTimes(HttpRequest<?> request) {
        Map<String, List<String>> query = request.getParameters().asMap();
        ZuulQuery.Page page = ZuulQuery.page(query);
        var filter = ZuulQuery.buildTimes(query);
        return reader.buildTimes(filter.hiding(hidden.now()), page.skip(), page.limit()).stream()
                .map(answers::buildTime)
                .toList();
    }

    private boolean shown(BuildRow row) {
        return projects.shows(row.project());
    }

    /** The tenant asked for, when it is this site's; 404 otherwise, as Zuul answers. */
    private void checkTenant(String asked) {
        if (tenant.isBlank() || !tenant.equals(asked)) {
            throw notFound("Tenant " + asked + " does not exist.");
        }
    }

    private static HttpStatusException notFound(String message) {
        return new HttpStatusException(HttpStatus.NOT_FOUND, message);
    }
}
