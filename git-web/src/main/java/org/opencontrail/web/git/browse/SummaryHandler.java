package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.opencontrail.web.git.ci.DirectPushes;
import org.opencontrail.web.git.ci.Replication;
import org.opencontrail.web.git.location.GitLocation;

/** {@code /PROJECT/}: the summary (and its JSON); {@code /PROJECT} and {@code /PROJECT/+/} redirect to it. */
@Singleton
final class SummaryHandler implements ViewHandler {

    private final ViewResponses responses;
    private final SummaryView summaries;
    private final Replication replication;
    private final DirectPushes pushes;
    private final SiteLinks links;

    SummaryHandler(
            ViewResponses responses,
            SummaryView summaries,
            Replication replication,
            DirectPushes pushes,
            SiteLinks links) {
        this.responses = responses;
        this.summaries = summaries;
        this.replication = replication;
        this.pushes = pushes;
        this.links = links;
    }

    @Override
    public Set<GitLocation.Kind> kinds() {
        return Set.of(GitLocation.Kind.SUMMARY);
    }

    @Override
    public HttpResponse<?> handle(ViewRequest request) throws IOException {
        String project = request.project();
        if (!request.address().command().isEmpty() || !request.address().trailingSlash()) {
            return HttpResponse.status(HttpStatus.MOVED_PERMANENTLY)
                    .header(HttpHeaders.LOCATION, request.view().toUrl());
        }
        if (request.format().equals("JSON")) {
            return responses.json(new GitJson.ProjectJson(
                    project,
                    links.cloneUrl(project),
                    request.mirror().project().description(),
                    replication.of(project),
                    pushes.of(project).stream().map(DirectPushes.Shown::push).toList()));
        }
        PageCache.Key key = PageCache.Key.following(request.view(), "");
        return responses.moving(
                request,
                key,
                () -> responses.html(
                        request,
                        "summary",
                        "summary",
                        project,
                        Map.of(
                                "page",
                                responses.model(key, SummaryView.Page.class, () -> summaries.summary(request.mirror())),
                                "replication",
                                replication.of(project),
                                "pushes",
                                pushes.of(project))));
    }
}
