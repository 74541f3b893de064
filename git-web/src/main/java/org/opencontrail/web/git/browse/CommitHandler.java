package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.revwalk.RevWalk;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.location.Revision;

/**
 * {@code /+/REV}: a commit, its message and its diff against its first parent ({@code ?format=JSON}
 * as Gitiles' JSON, {@code ?format=TEXT} as a patch in base64); {@code /+/REV^![/PATH]} is the
 * same page, named as a diff, limited to a path when given one.
 */
@Singleton
final class CommitHandler implements ViewHandler {

    private final ViewResponses responses;
    private final CommitView commits;

    CommitHandler(ViewResponses responses, CommitView commits) {
        this.responses = responses;
        this.commits = commits;
    }

    @Override
    public Set<GitLocation.Kind> kinds() {
        return Set.of(GitLocation.Kind.REVISION);
    }

    @Override
    public HttpResponse<?> handle(ViewRequest request) throws IOException {
        Revision revision = request.revision();
        GitLocation view = request.view();
        if (request.format().equals("TEXT")) {
            byte[] patch = commits.patch(request.mirror(), revision.commit(), view.path());
            return HttpResponse.ok(Base64.getEncoder().encodeToString(patch))
                    .contentType(MediaType.TEXT_PLAIN_TYPE)
                    .header(HttpHeaders.CACHE_CONTROL, ViewResponses.cacheControl(revision.byId()));
        }
        boolean all = request.all();
        PageCache.Key key = PageCache.Key.of(view, "commit|" + (all ? "all" : ""));
        CommitView.Page page = responses.model(
                key,
                CommitView.Page.class,
                () -> commits.commit(request.mirror(), revision.commit(), all, view.path()));
        if (request.format().equals("JSON")) {
            try (RevWalk walk = new RevWalk(request.repository())) {
                return responses.json(GitJson.CommitJson.of(
                        page, walk.parseCommit(revision.commit()).getTree().name()));
            }
        }
        boolean split = "split".equals(request.params().get("view"));
        String here = view.toUrl();
        return responses.cached(
                request,
                key.with("page", String.valueOf(split)),
                revision.byId(),
                () -> responses.html(
                        request,
                        "commit",
                        "log",
                        request.project() + ": " + page.subject(),
                        Map.of(
                                "page",
                                page,
                                "split",
                                split,
                                "unifiedUrl",
                                here + (all ? "?all" : ""),
                                "splitUrl",
                                here + "?view=split" + (all ? "&all" : ""),
                                "allUrl",
                                here + (split ? "?view=split&all" : "?all"))));
    }
}
