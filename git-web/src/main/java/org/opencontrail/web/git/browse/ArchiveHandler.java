package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevWalk;
import org.opencontrail.web.git.http.PipedBody;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.location.Revision;
import org.opencontrail.web.shared.http.WorkLimits;

/**
 * {@code /+archive/REV[/PATH].tar.gz} (or {@code .zip}): a revision's files, or one folder's,
 * streamed as they are read; an archive holds its own turn of work until it is written.
 */
@Singleton
final class ArchiveHandler implements ViewHandler {

    private final PipedBody bodies;
    private final WorkLimits limits;

    ArchiveHandler(PipedBody bodies, WorkLimits limits) {
        this.bodies = bodies;
        this.limits = limits;
    }

    @Override
    public Set<GitLocation.Kind> kinds() {
        return Set.of(GitLocation.Kind.ARCHIVE);
    }

    @Override
    public boolean ownTurn() {
        return true;
    }

    @Override
    public HttpResponse<?> handle(ViewRequest request) throws IOException {
        GitLocation view = request.view();
        Revision revision = view.revision();
        byte[] path = view.path();
        ObjectId folder;
        try (ObjectReader reader = request.repository().newObjectReader();
                RevWalk walk = new RevWalk(reader)) {
            folder = TreePaths.find(reader, walk.parseCommit(revision.commit()).getTree(), path)
                    .filter(TreePaths.Found::tree)
                    .orElseThrow(() -> ViewRequest.notFound("No such folder at " + revision.name() + "."))
                    .id();
        }
        String project = request.project();
        String base = project.substring(project.lastIndexOf('/') + 1) + "-"
                + revision.name().replaceAll("[^A-Za-z0-9._-]+", "-")
                + (path.length == 0 ? "" : "-" + view.pathText().replaceAll("[^A-Za-z0-9._-]+", "-"));
        String format = view.extension();
        var body = bodies.of(
                "archive of " + project + " " + revision.name(),
                limits.enter("archive"),
                out -> Archives.write(request.repository(), revision.commit(), folder, base + "/", format, out));
        return HttpResponse.ok(body)
                .contentType(format.equals(GitLocation.ZIP) ? "application/zip" : "application/gzip")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + base + "." + format + "\"")
                .header(HttpHeaders.CACHE_CONTROL, ViewResponses.cacheControl(revision.byId()));
    }
}
