package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.revwalk.RevWalk;
import org.opencontrail.web.git.ci.CommitCi;
import org.opencontrail.web.git.ci.CommitCiLookup;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.location.Revision;

/**
 * {@code /+ci/ID}: the review, gate run and post jobs of a commit, asked at each view (the lookup
 * keeps answers two minutes); {@code ?fragment=1} is the part the commit page fills in.
 */
@Singleton
final class CiHandler implements ViewHandler {

    private final ViewResponses responses;
    private final CommitCiLookup ci;

    CiHandler(ViewResponses responses, CommitCiLookup ci) {
        this.responses = responses;
        this.ci = ci;
    }

    @Override
    public Set<GitLocation.Kind> kinds() {
        return Set.of(GitLocation.Kind.CI);
    }

    @Override
    public HttpResponse<?> handle(ViewRequest request) throws IOException {
        Revision revision = request.revision();
        String project = request.project();
        CommitCi answer;
        try (RevWalk walk = new RevWalk(request.repository())) {
            answer = ci.of(CommitCiLookup.Question.of(project, walk.parseCommit(revision.commit())));
        }
        if (request.format().equals("JSON")) {
            return responses.json(GitJson.CiJson.of(revision.commit().name(), answer));
        }
        String body = request.has("fragment")
                ? responses.bare(request, "ci", Map.of("ci", answer, "fragment", true))
                : responses.html(
                        request,
                        "ci",
                        "log",
                        project + ": CI of " + revision.commit().name().substring(0, 10),
                        Map.of(
                                "ci",
                                answer,
                                "commit",
                                revision.commit().name(),
                                "commitUrl",
                                GitLocation.revision(project, revision.commit().name())
                                        .toUrl()));
        return HttpResponse.ok(body).contentType(ViewResponses.HTML).header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }
}
