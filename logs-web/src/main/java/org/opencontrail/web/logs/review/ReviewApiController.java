package org.opencontrail.web.logs.review;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/review/builds?uuid=A&uuid=B}: what the review is told of each build (status-web's
 * Checks tab asks it for a patch set's builds at once): where its logs are, its known failures and
 * its first error. Builds this site does not have or show are left out. Public, as the builds API:
 * any origin may read it.
 */
@Requires(missingProperty = "logs.command") // a command (import, reindex) neither matches nor comments
@Controller("/api/review")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReviewApiController {

    /** The most builds asked at once: a patch set's jobs and their attempts. */
    static final int MOST_BUILDS = 200;

    /** The builds found, in the order asked. */
    @Serdeable
    record Verdicts(List<BuildVerdicts.Verdict> builds) {}

    private final BuildVerdicts verdicts;

    ReviewApiController(BuildVerdicts verdicts) {
        this.verdicts = verdicts;
    }

    @Get(uri = "/builds", produces = MediaType.APPLICATION_JSON)
    Verdicts builds(@Nullable @QueryValue("uuid") List<String> uuids) {
        List<String> asked = uuids == null ? List.of() : List.copyOf(new LinkedHashSet<>(uuids));
        if (asked.size() > MOST_BUILDS) {
            throw new HttpStatusException(
                    HttpStatus.BAD_REQUEST, "At most " + MOST_BUILDS + " builds at once, not " + asked.size());
        }
        return new Verdicts(
                asked.stream().map(verdicts::of).flatMap(Optional::stream).toList());
    }
}
