package org.opencontrail.web.logs.browse;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.opencontrail.web.branding.Pages;
import org.opencontrail.web.logs.database.BuildRow;
import org.opencontrail.web.logs.database.BuildsReader;
import org.opencontrail.web.logs.database.BuildsetRow;
import org.opencontrail.web.logs.database.HiddenProjects;
import org.opencontrail.web.logs.database.ZuulQuery;
import org.opencontrail.web.logs.urls.LogsUrls;
import org.opencontrail.web.shared.gerrit.projects.PublicProjects;

/**
 * Every build and buildset, as Zuul's Builds and Buildsets pages list them: {@code /builds} and
 * {@code /buildsets} with the filters of Zuul's builds API in the address, paged;
 * {@code /buildset/UUID} with its builds on a timeline; {@code /build/UUID} leads to the build's
 * logs. Builds of a project that is not public are never shown.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class BrowseController {

    private final BuildsReader reader;
    private final BuildLists lists;
    private final BuildsetPages buildsets;
    private final PublicProjects projects;
    private final HiddenProjects hidden;
    private final Pages views;

    BrowseController(
            BuildsReader reader,
            BuildLists lists,
            BuildsetPages buildsets,
            PublicProjects projects,
            HiddenProjects hidden,
            Pages views) {
        this.reader = reader;
        this.lists = lists;
        this.buildsets = buildsets;
        this.projects = projects;
        this.hidden = hidden;
        this.views = views;
    }

    @Get("/builds")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> builds(HttpRequest<?> request) {
        Map<String, List<String>> address = request.getParameters().asMap();
        Map<String, List<String>> query = BuildLists.builds(address);
        ZuulQuery.Page page = ZuulQuery.page(query);
        List<BuildRow> rows = reader.builds(ZuulQuery.builds(query).hiding(hidden()), page.skip(), page.limit());
        return views.ok("builds", Map.of("list", lists.buildsPage(address, page, rows)), request);
    }

    @Get("/buildsets")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> buildsets(HttpRequest<?> request) {
        Map<String, List<String>> address = request.getParameters().asMap();
        Map<String, List<String>> query = BuildLists.buildsets(address);
        ZuulQuery.Page page = ZuulQuery.page(query);
        List<BuildsetRow> rows =
                reader.buildsets(ZuulQuery.buildsets(query).hiding(hidden()), page.skip(), page.limit());
        return views.ok("buildsets", Map.of("list", lists.buildsetsPage(address, page, rows)), request);
    }

    @Get("/buildset/{uuid}")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> buildset(String uuid, HttpRequest<?> request) {
        BuildsetRow set = reader.buildset(uuid)
                .filter(s -> projects.shows(s.project()))
                .orElseThrow(
                        () -> new HttpStatusException(HttpStatus.NOT_FOUND, "No buildset " + uuid + " is kept here"));
        List<BuildRow> builds = reader.buildsOf(set).stream()
                .filter(b -> projects.shows(b.project()))
                .toList();
        return views.ok("buildset", Map.of("set", buildsets.page(set, builds)), request);
    }

    /** A build's logs, by its uuid: where Zuul's links and the lists lead. */
    @Get("/build/{uuid}")
    HttpResponse<?> build(String uuid) {
        BuildRow build = reader.build(uuid)
                .filter(b -> projects.shows(b.project()))
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No build " + uuid + " is kept here"));
        return HttpResponse.seeOther(URI.create(LogsUrls.folder(build.root())));
    }

    private List<String> hidden() {
        return hidden.now();
    }
}
