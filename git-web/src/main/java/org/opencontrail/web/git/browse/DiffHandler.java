package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.location.Revision;

/**
 * {@code /+/A..B[/PATH]} and {@code /+diff/...}: the commits from one revision to another and the
 * diff of their trees, limited to a path when given one; {@code REV^!} is the commit's own page.
 */
@Singleton
final class DiffHandler implements ViewHandler {

    private final ViewResponses responses;
    private final CommitView commits;
    private final CommitHandler commit;

    DiffHandler(ViewResponses responses, CommitView commits, CommitHandler commit) {
        this.responses = responses;
        this.commits = commits;
        this.commit = commit;
    }

    @Override
    public Set<GitLocation.Kind> kinds() {
        return Set.of(GitLocation.Kind.DIFF);
    }

    @Override
    public HttpResponse<?> handle(ViewRequest request) throws IOException {
        GitLocation view = request.view();
        if (view.firstParent()) {
            return commit.handle(request);
        }
        Revision from = view.oldRevision();
        Revision to = view.revision();
        boolean all = request.all();
        PageCache.Key key = PageCache.Key.of(view, "compare|" + all);
        CommitView.Compare compare = responses.model(
                key, CommitView.Compare.class, () -> commits.compare(request.mirror(), from, to, all, view.path()));
        String title = request.project() + ": " + from.name() + ".." + to.name()
                + (view.path().length == 0 ? "" : " " + view.pathText());
        return responses.cached(
                request,
                key,
                from.byId() && to.byId(),
                () -> responses.html(
                        request, "compare", "log", title, Map.of("page", compare, "allUrl", view.toUrl() + "?all")));
    }
}
