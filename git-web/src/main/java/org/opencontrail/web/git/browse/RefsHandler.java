package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.opencontrail.web.git.location.GitLocation;

/** {@code /+refs}: branches and tags, and Gitiles' JSON of them. */
@Singleton
final class RefsHandler implements ViewHandler {

    private final ViewResponses responses;
    private final RefsView refs;

    RefsHandler(ViewResponses responses, RefsView refs) {
        this.responses = responses;
        this.refs = refs;
    }

    @Override
    public Set<GitLocation.Kind> kinds() {
        return Set.of(GitLocation.Kind.REFS);
    }

    @Override
    public HttpResponse<?> handle(ViewRequest request) throws IOException {
        PageCache.Key key = PageCache.Key.following(request.view(), "");
        RefsView.Page page = responses.model(key, RefsView.Page.class, () -> refs.refs(request.mirror()));
        if (request.format().equals("JSON")) {
            Map<String, GitJson.RefJson> out = new LinkedHashMap<>();
            page.branches().forEach(r -> out.put(r.fullName(), new GitJson.RefJson(r.commit())));
            page.tags().forEach(r -> out.put(r.fullName(), new GitJson.RefJson(r.commit())));
            return responses.json(out);
        }
        return responses.moving(
                request,
                key,
                () -> responses.html(
                        request, "refs", "refs", request.project() + ": branches and tags", Map.of("page", page)));
    }
}
