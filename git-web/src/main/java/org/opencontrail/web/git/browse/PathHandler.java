package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.location.Revision;

/**
 * {@code /+/REV/PATH}: a folder or a file at a revision; as Gitiles, {@code ?format=TEXT} is a
 * file's bytes in base64 and {@code ?format=JSON} a folder's entries.
 */
@Singleton
final class PathHandler implements ViewHandler {

    private final ViewResponses responses;
    private final TreeView trees;

    PathHandler(ViewResponses responses, TreeView trees) {
        this.responses = responses;
        this.trees = trees;
    }

    @Override
    public Set<GitLocation.Kind> kinds() {
        return Set.of(GitLocation.Kind.PATH);
    }

    @Override
    public HttpResponse<?> handle(ViewRequest request) throws IOException {
        Revision revision = request.revision();
        byte[] path = request.view().path();
        if (request.format().equals("TEXT")) {
            return blobText(request, revision, path);
        }
        if (request.format().equals("JSON")) {
            return treeJson(request, revision, path);
        }
        PageCache.Key key = PageCache.Key.of(request.view(), "");
        return responses.cached(request, key, revision.byId(), () -> {
            TreeView.Shown shown = responses.model(
                    key,
                    TreeView.Shown.class,
                    () -> trees.show(request.mirror(), revision, path)
                            .orElseThrow(() -> ViewRequest.notFound("No such path at " + revision.name() + ".")));
            String title = request.project() + ": "
                    + (path.length == 0 ? "/" : request.view().pathText());
            return responses.html(
                    request, shown instanceof TreeView.Folder ? "tree" : "blob", "tree", title, Map.of("page", shown));
        });
    }

    /** Gitiles' {@code ?format=TEXT} of a file: its bytes in base64. */
    private HttpResponse<?> blobText(ViewRequest request, Revision revision, byte[] path) throws IOException {
        try (ObjectReader reader = request.repository().newObjectReader();
                RevWalk walk = new RevWalk(reader)) {
            TreePaths.Found file = TreePaths.find(
                            reader, walk.parseCommit(revision.commit()).getTree(), path)
                    .filter(f -> !f.tree())
                    .orElseThrow(() -> ViewRequest.notFound("No such file at " + revision.name() + "."));
            byte[] bytes = reader.open(file.id(), Constants.OBJ_BLOB).getBytes(Integer.MAX_VALUE - 8);
            return HttpResponse.ok(Base64.getEncoder().encodeToString(bytes))
                    .contentType(MediaType.TEXT_PLAIN_TYPE)
                    .header(
                            "X-FYI-Content-Type",
                            RawTypes.of(request.view().pathText(), bytes).toString());
        }
    }

    /** Gitiles' JSON of a folder: its id and entries. */
    private HttpResponse<?> treeJson(ViewRequest request, Revision revision, byte[] path) throws IOException {
        try (ObjectReader reader = request.repository().newObjectReader();
                RevWalk walk = new RevWalk(reader)) {
            TreePaths.Found folder = TreePaths.find(
                            reader, walk.parseCommit(revision.commit()).getTree(), path)
                    .filter(TreePaths.Found::tree)
                    .orElseThrow(() -> ViewRequest.notFound("No such folder at " + revision.name() + "."));
            List<GitJson.TreeEntry> entries = new ArrayList<>();
            CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, folder.id());
            while (!parser.eof()) {
                entries.add(new GitJson.TreeEntry(
                        parser.getEntryRawMode(),
                        Constants.typeString(parser.getEntryFileMode().getObjectType()),
                        parser.getEntryObjectId().name(),
                        parser.getEntryPathString()));
                parser.next();
            }
            return responses.json(new GitJson.TreeJson(folder.id().name(), entries));
        }
    }
}
