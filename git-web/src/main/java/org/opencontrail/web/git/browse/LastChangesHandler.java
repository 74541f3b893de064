package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Set;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.location.Revision;

/**
 * {@code /+lastchanges/REV[/PATH]}: the last commit that changed each entry of a folder, as JSON;
 * the folder page fills its "last change" column from it once shown.
 */
@Singleton
final class LastChangesHandler implements ViewHandler {

    private final ViewResponses responses;
    private final LastChangesView lastChanges;

    LastChangesHandler(ViewResponses responses, LastChangesView lastChanges) {
        this.responses = responses;
        this.lastChanges = lastChanges;
    }

    @Override
    public Set<GitLocation.Kind> kinds() {
        return Set.of(GitLocation.Kind.LAST_CHANGES);
    }

    @Override
    public HttpResponse<?> handle(ViewRequest request) throws IOException {
        Revision revision = request.revision();
        byte[] path = request.view().path();
        var entries = lastChanges
                .of(request.mirror(), revision, path)
                .orElseThrow(() -> ViewRequest.notFound("No such folder at " + revision.name() + "."));
        return responses
                .json(LastChangesView.json(revision, request.view().pathText(), entries))
                .header(HttpHeaders.CACHE_CONTROL, revision.byId() ? ViewResponses.IMMUTABLE : "no-cache");
    }
}
