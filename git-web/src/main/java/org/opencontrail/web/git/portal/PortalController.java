package org.opencontrail.web.git.portal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencontrail.web.branding.Pages;
import org.opencontrail.web.git.browse.PageCache;
import org.opencontrail.web.git.browse.SiteLinks;
import org.opencontrail.web.git.mirror.Mirrors;
import org.opencontrail.web.shared.source.SourceRegistry;

/** The site's front page: the portal of every public project; its JSON (Gitiles' project list) and the feed of recent merges. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class PortalController {

    private final PortalView portal;
    private final Mirrors mirrors;
    private final SourceRegistry sources;
    private final SiteLinks links;
    private final PageCache cache;
    private final Pages pages;

    PortalController(
            PortalView portal, Mirrors mirrors, SourceRegistry sources, SiteLinks links, PageCache cache, Pages pages) {
        this.portal = portal;
        this.mirrors = mirrors;
        this.sources = sources;
        this.links = links;
        this.cache = cache;
        this.pages = pages;
    }

    @Get(produces = {MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
    HttpResponse<?> portal(HttpRequest<?> request, @Nullable @QueryValue String format) throws IOException {
        if ("JSON".equalsIgnoreCase(format)) {
            Map<String, ProjectJson> projects = new LinkedHashMap<>();
            mirrors.all()
                    .forEach(m -> projects.put(
                            m.name(),
                            new ProjectJson(
                                    m.name(),
                                    links.cloneUrl(m.name()),
                                    m.project().description())));
            return HttpResponse.ok(projects).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        // Rendered at most every few seconds and after each fetch that moved a ref: the feeds' ages on it may lag as
        // much.
        String page = cache.text(PageCache.Key.siteWide("portal"), () -> {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("groups", portal.groups());
            model.put("projects", mirrors.all().size());
            model.put("failing", mirrors.failing().size());
            model.put("source", mirrors.listSource());
            model.put("feeds", sources.feeds());
            return pages.render("portal", model, request);
        });
        return HttpResponse.ok(page).contentType(Pages.HTML).header("Cache-Control", "no-cache");
    }

    @Get(uri = "/merges.atom", produces = "application/atom+xml")
    HttpResponse<String> merges() throws IOException {
        return HttpResponse.ok(portal.merges(links.cloneUrl("").replaceAll("/$", "")))
                .contentType("application/atom+xml;charset=utf-8");
    }

    /** A project as Gitiles lists it at {@code /?format=JSON}, by name. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ProjectJson(
            String name, @JsonProperty("clone_url") String cloneUrl, String description) {}
}
