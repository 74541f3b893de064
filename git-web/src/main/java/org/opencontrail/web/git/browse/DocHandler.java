package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.location.Revision;

/**
 * {@code /+doc/REV/PATH.md}: a Markdown file rendered as a page of its own (the file's page shows
 * it rendered above its source), its relative links made into this site's addresses.
 */
@Singleton
final class DocHandler implements ViewHandler {

    private final ViewResponses responses;
    private final TreeView trees;

    DocHandler(ViewResponses responses, TreeView trees) {
        this.responses = responses;
        this.trees = trees;
    }

    @Override
    public Set<GitLocation.Kind> kinds() {
        return Set.of(GitLocation.Kind.DOC);
    }

    @Override
    public HttpResponse<?> handle(ViewRequest request) throws IOException {
        Revision revision = request.revision();
        byte[] path = request.view().path();
        PageCache.Key key = PageCache.Key.of(request.view(), "");
        return responses.cached(request, key, revision.byId(), () -> {
            // the file page's own model, shared with it
            PageCache.Key file = PageCache.Key.of(
                    new GitLocation(GitLocation.Kind.PATH, request.project(), revision, null, path, ""), "");
            TreeView.Shown shown = responses.model(
                    file,
                    TreeView.Shown.class,
                    () -> trees.show(request.mirror(), revision, path)
                            .orElseThrow(() -> ViewRequest.notFound("No such file at " + revision.name() + ".")));
            if (!(shown instanceof TreeView.File document)
                    || document.markdown().isEmpty()) {
                throw ViewRequest.notFound(request.view().pathText() + " is not a Markdown document.");
            }
            return responses.html(
                    request,
                    "doc",
                    "tree",
                    request.project() + ": " + request.view().pathText(),
                    Map.of(
                            "page",
                            document,
                            "sourceUrl",
                            GitLocation.path(request.project(), revision.name(), path)
                                    .toUrl()));
        });
    }
}
