package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevWalk;
import org.opencontrail.web.git.http.PipedBody;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.location.Revision;
import org.opencontrail.web.shared.http.SecurityHeaders;

/** {@code /+raw/REV/PATH}: the bytes of a file, as a type that cannot run in the site's name. */
@Singleton
final class RawHandler implements ViewHandler {

    private static final long RAW_IN_MEMORY = 4L * 1024 * 1024;

    private final PipedBody bodies;

    RawHandler(PipedBody bodies) {
        this.bodies = bodies;
    }

    @Override
    public Set<GitLocation.Kind> kinds() {
        return Set.of(GitLocation.Kind.RAW);
    }

    @Override
    public HttpResponse<?> handle(ViewRequest request) throws IOException {
        Revision revision = request.revision();
        byte[] path = request.view().path();
        try (ObjectReader reader = request.repository().newObjectReader();
                RevWalk walk = new RevWalk(reader)) {
            ObjectId tree = walk.parseCommit(revision.commit()).getTree();
            TreePaths.Found file = TreePaths.find(reader, tree, path)
                    .filter(f -> !f.tree())
                    .orElseThrow(() -> ViewRequest.notFound("No such file at " + revision.name() + "."));
            var loader = reader.open(file.id(), Constants.OBJ_BLOB);
            MediaType type;
            try (var head = loader.openStream()) {
                type = RawTypes.of(
                        request.view().pathText(), head.readNBytes(8000)); // git's own binary test looks this far
            }
            // small files at once, large ones streamed from the pack as they are read
            Object body = loader.getSize() <= RAW_IN_MEMORY
                    ? loader.getBytes()
                    : bodies.of(
                            "raw " + request.project() + " " + revision.name(),
                            out -> request.repository().open(file.id()).copyTo(out));
            return SecurityHeaders.storedContent(HttpResponse.ok(body)
                    .contentType(type)
                    .header(HttpHeaders.CACHE_CONTROL, ViewResponses.cacheControl(revision.byId())));
        }
    }
}
