package org.opencontrail.web.logs.ingest;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.failures.KnownFailures;
import org.opencontrail.web.shared.gerrit.projects.PublicProjects;

/**
 * {@code GET /api/builds/{uuid}}: where a build handed in is ({@code queued, fetching, storing,
 * indexing, done, failed} with the reason), its fields, files and sizes, and the known failures it
 * shows ({@code failures}: signature ids). A build of a project that is not public is not found.
 */
@Controller("/api/builds")
@ExecuteOn(TaskExecutors.BLOCKING)
final class BuildStateController {

    private final BuildRecords records;
    private final KnownFailures known;
    private final PublicProjects projects;

    BuildStateController(BuildRecords records, KnownFailures known, PublicProjects projects) {
        this.records = records;
        this.known = known;
        this.projects = projects;
    }

    @Get(uri = "/{uuid}", produces = MediaType.APPLICATION_JSON)
    String build(String uuid) {
        BuildRecord record = records.get(uuid)
                .filter(r -> projects.shows(r.build().project()))
                .orElseThrow(
                        () -> new HttpStatusException(HttpStatus.NOT_FOUND, "no build " + uuid + " was received here"));
        return records.json().text(records.json().write(record).withFailures(known.of(uuid)));
    }
}
