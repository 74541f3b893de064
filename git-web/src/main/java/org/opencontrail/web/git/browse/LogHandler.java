package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.location.Revision;

/** {@code /+log[/[A..]REV[/PATH]]}: the history of a revision, a range, or a path within either, by pages. */
@Singleton
final class LogHandler implements ViewHandler {

    private final ViewResponses responses;
    private final LogView logs;

    LogHandler(ViewResponses responses, LogView logs) {
        this.responses = responses;
        this.logs = logs;
    }

    @Override
    public Set<GitLocation.Kind> kinds() {
        return Set.of(GitLocation.Kind.LOG);
    }

    @Override
    public HttpResponse<?> handle(ViewRequest request) throws IOException {
        GitLocation view = request.view();
        String project = request.project();
        LogQuery query = LogQuery.of(request.params());
        Revision start = view.revision();
        // a range's start, when it has one (the first parent of a root commit is none)
        Optional<ObjectId> without = Optional.ofNullable(view.oldRevision()).map(Revision::commit);
        byte[] path = view.path();
        PageCache.Key key = PageCache.Key.of(view, query.toString());
        LogView.Page page =
                responses.model(key, LogView.Page.class, () -> logs.log(request.mirror(), start, without, path, query));
        if (request.format().equals("JSON")) {
            return responses.json(new GitJson.LogJson(
                    page.commits().stream().map(GitJson.LogEntry::of).toList(), page.next()));
        }
        String base = view.toUrl();
        String nextBase = page.nextPath().equals(page.path())
                ? base
                : new GitLocation(
                                GitLocation.Kind.LOG,
                                project,
                                start,
                                view.oldRevision(),
                                page.nextPath().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                "",
                                view.parentOnly())
                        .toUrl();
        String named = (view.oldRevision() == null ? "" : view.oldRevision().name() + "..") + start.name();
        return responses.cached(
                request,
                key,
                start.byId()
                        && (view.oldRevision() == null || view.oldRevision().byId()),
                () -> responses.html(
                        request,
                        "log",
                        "log",
                        project + ": log of " + named + (path.length == 0 ? "" : " " + view.pathText()),
                        Map.of(
                                "page",
                                page,
                                "baseUrl",
                                base,
                                "nextUrl",
                                page.nextQuery().isEmpty() ? "" : nextBase + page.nextQuery(),
                                "permalink",
                                without.isPresent()
                                        ? ""
                                        : GitLocation.log(
                                                        project, start.commit().name(), path)
                                                .toUrl(),
                                "crumbs",
                                TreeView.crumbs(project, start.name(), path),
                                "atomUrl",
                                GitLocation.atom(project, start.name()).toUrl())));
    }
}
