package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencontrail.web.branding.BrandDialect;
import org.opencontrail.web.branding.Pages;

/**
 * How every view answers: pages in the layout with the project's header, rendered once and kept
 * in the page cache, 304 for a client that has the page, cache headers by whether the address
 * names a commit by id, and Gitiles' JSON.
 */
@Singleton
final class ViewResponses {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "public, max-age=0, must-revalidate";
    static final MediaType HTML = Pages.HTML;

    private final PageCache cache;
    private final Pages pages;
    private final SiteLinks links;
    private final GitJson json;

    ViewResponses(PageCache cache, Pages pages, SiteLinks links, GitJson json) {
        this.cache = cache;
        this.pages = pages;
        this.links = links;
        this.json = json;
    }

    /** A page's model, from the cache when it was made before. */
    <T> T model(PageCache.Key key, Class<T> type, PageCache.Loader<? extends T> loader) throws IOException {
        return cache.get(key, type, loader);
    }

    /** An HTML page in the layout, with the project's header, rendered to text. */
    String html(ViewRequest request, String template, String tab, String title, Map<String, Object> model)
            throws IOException {
        Map<String, Object> full = new LinkedHashMap<>(model);
        ProjectHeader header = ProjectHeader.of(request.mirror(), request.defaultBranch(), links, tab);
        full.put("header", header);
        full.put(BrandDialect.PAGE_DESCRIPTION, header.pageDescription());
        full.put("title", title);
        return pages.render("git/" + template, full, request.http());
    }

    /** A fragment or page rendered as it is, without the project's header. */
    String bare(ViewRequest request, String template, Map<String, Object> model) throws IOException {
        return pages.render("git/" + template, model, request.http());
    }

    /**
     * A page that shows one state of the repository: 304 when the client has this version,
     * otherwise the rendered page, from the cache when it was rendered before.
     */
    MutableHttpResponse<?> cached(
            ViewRequest request, PageCache.Key key, boolean immutable, PageCache.Loader<String> render)
            throws IOException {
        PageCache.Key page = key.with("html", request.defaultBranch());
        String etag = "\"" + ETags.of(page.toString()) + "\"";
        if (etag.equals(request.http().getHeaders().get(HttpHeaders.IF_NONE_MATCH))) {
            return HttpResponse.notModified().header(HttpHeaders.ETAG, etag);
        }
        return HttpResponse.ok(cache.text(page, render))
                .contentType(HTML)
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, immutable ? IMMUTABLE : REVALIDATE);
    }

    /** A page that follows refs (summary, refs): rendered at most every few seconds and after each fetch. */
    MutableHttpResponse<?> moving(ViewRequest request, PageCache.Key key, PageCache.Loader<String> render)
            throws IOException {
        return HttpResponse.ok(cache.text(key.with("html", request.defaultBranch()), render))
                .contentType(HTML)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    MutableHttpResponse<?> json(Object value) {
        return HttpResponse.ok(json.write(value)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** Cache-Control for an answer about a revision: for ever when the address named it by id. */
    static String cacheControl(boolean byId) {
        return byId ? IMMUTABLE : REVALIDATE;
    }

    /** The site's own address, for links that leave the page (feeds). */
    String site() {
        return links.cloneUrl("").replaceAll("/$", "");
    }
}
