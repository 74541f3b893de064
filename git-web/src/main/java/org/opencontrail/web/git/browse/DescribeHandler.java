package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.NameRevCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.location.Revision;
import org.opencontrail.web.shared.http.BadRequest;

/**
 * {@code /+describe/REV}: a revision named from its tags, as text or ({@code ?format=JSON}) as
 * Gitiles' {@code {"REV": "NAME"}}. By default the nearest tag before it, as {@code git describe}
 * names it ({@code v1.0-2-gabcdef0}, lightweight tags too); with Gitiles' {@code ?contains}, the
 * first annotated tag that contains it, as {@code git name-rev} names it ({@code v2.0~3}), or
 * with {@code ?contains&tags} any tag and {@code ?contains&all} any ref.
 */
@Singleton
final class DescribeHandler implements ViewHandler {

    private final ViewResponses responses;

    DescribeHandler(ViewResponses responses) {
        this.responses = responses;
    }

    @Override
    public Set<GitLocation.Kind> kinds() {
        return Set.of(GitLocation.Kind.DESCRIBE);
    }

    @Override
    public HttpResponse<?> handle(ViewRequest request) throws IOException {
        Revision revision = request.revision();
        String name = (request.has("contains") ? contained(request, revision) : described(request, revision))
                .orElseThrow(() -> ViewRequest.notFound("No tag names " + revision.name() + "."));
        if (request.format().equals("JSON")) {
            return responses.json(Map.of(revision.name(), name)).header(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
        return HttpResponse.ok(name + "\n")
                .contentType(MediaType.of("text/plain;charset=utf-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    private static Optional<String> described(ViewRequest request, Revision revision) throws IOException {
        try (Git git = Git.wrap(request.repository())) {
            return Optional.ofNullable(
                    git.describe().setTarget(revision.commit()).setTags(true).call());
        } catch (GitAPIException e) {
            throw new IOException(e);
        }
    }

    private static Optional<String> contained(ViewRequest request, Revision revision) throws IOException {
        boolean all = request.has("all");
        boolean tags = request.has("tags");
        if (all && tags) {
            throw new BadRequest("Ask for all refs or for tags, not both.");
        }
        try (Git git = Git.wrap(request.repository())) {
            NameRevCommand names = git.nameRev().add(revision.commit());
            if (all) {
                names.addPrefix(Constants.R_REFS);
            } else if (tags) {
                names.addPrefix(Constants.R_TAGS);
            } else {
                names.addAnnotatedTags();
            }
            return Optional.ofNullable(names.call().get(revision.commit()));
        } catch (GitAPIException e) {
            throw new IOException(e);
        }
    }
}
