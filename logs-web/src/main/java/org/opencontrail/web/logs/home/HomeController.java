package org.opencontrail.web.logs.home;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import java.util.Map;
import org.opencontrail.web.branding.Pages;
import org.opencontrail.web.logs.ingest.IngestStatus;
import org.opencontrail.web.logs.search.SearchIndex;
import org.opencontrail.web.shared.source.SourceRegistry;

/** The site's front page, with the state of the CI feeds it runs on. */
@Controller
final class HomeController {

    private final SourceRegistry sources;
    private final IngestStatus ingest;
    private final SearchIndex index;

    private final Pages views;

    HomeController(SourceRegistry sources, IngestStatus ingest, SearchIndex index, Pages views) {
        this.views = views;
        this.sources = sources;
        this.ingest = ingest;
        this.index = index;
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> home(HttpRequest<?> request) {
        IngestStatus.Report report = ingest.report(15);
        return views.ok(
                "home",
                Map.of(
                        "feeds",
                        sources.feeds(),
                        "ingest",
                        report,
                        "recent",
                        report.recent().stream().map(RecentBuild::of).toList(),
                        "indexed",
                        index.catalog().builds().size(),
                        "indexedFiles",
                        index.catalog().fileCount()),
                request);
    }
}
