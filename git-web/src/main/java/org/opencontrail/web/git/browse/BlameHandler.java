package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.location.Revision;

/** {@code /+blame/REV/PATH}: each line of a file with the commit that last changed it. */
@Singleton
final class BlameHandler implements ViewHandler {

    private final ViewResponses responses;
    private final BlameView blames;

    BlameHandler(ViewResponses responses, BlameView blames) {
        this.responses = responses;
        this.blames = blames;
    }

    @Override
    public Set<GitLocation.Kind> kinds() {
        return Set.of(GitLocation.Kind.BLAME);
    }

    @Override
    public HttpResponse<?> handle(ViewRequest request) throws IOException {
        Revision revision = request.revision();
        byte[] path = request.view().path();
        PageCache.Key key = PageCache.Key.of(request.view(), "");
        BlameView.Page page = responses.model(
                key,
                BlameView.Page.class,
                () -> blames.blame(request.mirror(), revision, path)
                        .orElseThrow(() -> ViewRequest.notFound("No such file at " + revision.name() + ".")));
        return responses.cached(
                request,
                key,
                revision.byId(),
                () -> responses.html(
                        request,
                        "blame",
                        "tree",
                        request.project() + ": blame of " + request.view().pathText(),
                        Map.of(
                                "page",
                                page,
                                "permalink",
                                GitLocation.blame(
                                                request.project(),
                                                revision.commit().name(),
                                                path)
                                        .toUrl())));
    }
}
