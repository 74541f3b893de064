package org.opencontrail.web.logs.files;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.opencontrail.web.branding.BrandDialect;
import org.opencontrail.web.branding.Pages;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.lines.TextSniffer;
import org.opencontrail.web.logs.report.BuildReports;
import org.opencontrail.web.logs.report.JobHistory;
import org.opencontrail.web.logs.report.LogsTrees;
import org.opencontrail.web.logs.store.Listing;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.logs.store.Sizes;
import org.opencontrail.web.logs.store.StoredObject;
import org.opencontrail.web.logs.urls.LogsUrls;
import reactor.core.publisher.Flux;

/**
 * Every stored file at the same path as its key, as logs.openstack.org served them: folders as
 * directory pages with their build's summary, text logs as HTML (streamed, filtered, linked to the
 * line), the original bytes for tools ({@code ?raw}, {@code Accept: text/plain}, curl, wget), and
 * binary files for download only.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class LogViewController {

    private static final String LINES = "<!--lines-->";

    private final LogStore store;
    private final Pages views;
    private final BuildSummaries summaries;
    private final BuildReports reports;
    private final JobHistory history;
    private final RenderedHeads heads;
    private final LogsTrees trees;

    LogViewController(
            LogStore store,
            Pages views,
            BuildSummaries summaries,
            RenderedHeads heads,
            BuildReports reports,
            JobHistory history,
            LogsTrees trees) {
        this.trees = trees;
        this.reports = reports;
        this.history = history;
        this.store = store;
        this.views = views;
        this.summaries = summaries;
        this.heads = heads;
    }

    @Get(uri = "/{first:[0-9a-f][0-9a-f]?}/{+rest}", produces = MediaType.ALL)
    HttpResponse<?> layout(String first, String rest, HttpRequest<?> request) throws IOException {
        return serve(first + "/" + rest, request);
    }

    @Get(uri = "/{first:periodic[a-z0-9_-]*}/{+rest}", produces = MediaType.ALL)
    HttpResponse<?> periodic(String first, String rest, HttpRequest<?> request) throws IOException {
        return serve(first + "/" + rest, request);
    }

    private HttpResponse<?> serve(String path, HttpRequest<?> request) throws IOException {
        // The router drops a trailing slash from {+rest}: the request's own path says whether a folder was asked for.
        String key = request.getPath().endsWith("/") && !path.endsWith("/") ? path + "/" : path;
        if (key.endsWith("/")) {
            return folder(key, request);
        }
        Optional<StoredObject> object = store.head(key);
        if (object.isEmpty()) {
            if (!store.list(key).isEmpty()) {
                return HttpResponse.redirect(java.net.URI.create(LogsUrls.folder(key)));
            }
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "No file or folder " + key + " is stored here");
        }
        return wantsRaw(request) ? RawFiles.serve(store, object.get(), request) : page(object.get(), request);
    }

    static boolean wantsRaw(HttpRequest<?> request) {
        if (request.getParameters().contains("raw")) {
            return true;
        }
        String agent = request.getHeaders()
                .get(HttpHeaders.USER_AGENT, String.class)
                .orElse("")
                .toLowerCase(Locale.ROOT);
        if (agent.startsWith("curl/") || agent.startsWith("wget/")) {
            return true;
        }
        String accept =
                request.getHeaders().get(HttpHeaders.ACCEPT, String.class).orElse("");
        return (!accept.isEmpty() && !accept.contains("text/html") && !accept.contains("*/*"))
                || accept.equals("text/plain");
    }

    private HttpResponse<?> folder(String key, HttpRequest<?> request) throws IOException {
        Listing listing = store.list(key);
        if (listing.isEmpty()) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "No folder " + key + " is stored here");
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("listing", listing);
        model.put("entries", Entry.of(listing));
        model.put("crumbs", Crumb.of(key));
        Optional<BuildSummary> build = summaries.of(key);
        putBuild(model, build);
        // a build's own folder also shows what the build did, when it kept its job-output.json
        boolean root = build.isPresent() && LogsUrls.folder(build.get().root()).equals(LogsUrls.folder(key));
        model.put("report", root ? reports.of(key).orElse(null) : null);
        model.put("history", root ? history.of(build.get().job(), build.get().project()) : null);
        model.put("tree", root ? trees.of(key).orElse(null) : null);
        model.put("artifacts", root ? build.get().artifacts() : java.util.List.of());
        return views.ok("directory", model, request);
    }

    /** The build a page belongs to, and what the page is about for its description, when the page is of a build. */
    private static void putBuild(Map<String, Object> model, Optional<BuildSummary> build) {
        model.put("build", build.orElse(null));
        build.ifPresent(b -> model.put(BrandDialect.PAGE_DESCRIPTION, b.description()));
    }

    private HttpResponse<?> page(StoredObject object, HttpRequest<?> request) throws IOException {
        byte[] head = new byte[8192];
        int length;
        try (InputStream in = new BufferedInputStream(store.open(object.key())
                .orElseThrow(() -> new HttpStatusException(
                        HttpStatus.NOT_FOUND, "No file " + object.key() + " is stored here")))) {
            length = in.readNBytes(head, 0, head.length);
        }
        TextSniffer.Sniffed sniffed = TextSniffer.sniff(head, length);
        String rawUrl = LogsUrls.raw(object.key());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("file", object);
        model.put("crumbs", Crumb.of(object.key()));
        model.put("rawUrl", rawUrl);
        model.put("anomaliesUrl", LogsUrls.anomalies(object.key()));
        putBuild(model, summaries.of(object.key()));
        model.put("size", Sizes.human(object.size()));
        if (sniffed.binary()) {
            return views.ok("binary", model, request);
        }
        Severity filter = Severity.filter(request.getParameters().get("level"));
        model.put("filter", filter.name());
        model.put("levels", LevelOption.all(filter));
        model.put("encoding", sniffed.charset().name());
        String page = views.render("log", model, request);
        int split = page.indexOf(LINES);
        LogRenderer.Request render = new LogRenderer.Request(
                page.substring(0, split), page.substring(split + LINES.length()), sniffed, filter, rawUrl);
        Flux<byte[]> body = LogRenderer.render(
                () -> store.open(object.key()).orElseThrow(),
                render,
                heads,
                new RenderedHeads.Key(
                        object.key(),
                        filter,
                        object.storedSize(),
                        object.lastModified().toEpochMilli()));
        return HttpResponse.ok(body).contentType(Pages.HTML);
    }
}
