package org.opencontrail.web.status.checks;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Gerrit's {@code FetchResponse} of the Checks API ({@code polygerrit-ui/app/api/checks.ts}), as
 * JSON: times as ISO-8601 text, which the plugin turns into dates; enums by their names. Empty
 * texts and lists are left out of the JSON, as the API's optional fields.
 */
@Serdeable
public record ChecksAnswer(
        String responseCode, String errorMessage, String summaryMessage, List<Link> links, List<Run> runs) {

    /**
     * A run of a job: one per attempt.
     *
     * @param externalId         the build's uuid, or the item and job while no build exists
     * @param status             SCHEDULED, RUNNING or COMPLETED
     * @param finishedTimestamp  when it ended; while it runs, when it is expected to
     */
    @Serdeable
    public record Run(
            int change,
            int patchset,
            int attempt,
            String externalId,
            String checkName,
            String checkDescription,
            String status,
            String statusDescription,
            String statusLink,
            String scheduledTimestamp,
            String startedTimestamp,
            String finishedTimestamp,
            List<Result> results) {}

    /**
     * What a completed run found.
     *
     * @param category ERROR (a voting failure), WARNING (a non-voting one), INFO (not run), SUCCESS
     * @param summary  the first error line of a failure, or how it ended
     * @param message  markdown: its known failures, linked
     * @param tags     its known failures
     */
    @Serdeable
    public record Result(
            String externalId, String category, String summary, String message, List<Tag> tags, List<Link> links) {}

    /** A label on a result. */
    @Serdeable
    public record Tag(String name, String tooltip, String color) {}

    /** A link of a result or of the answer; {@code icon} is one of the API's {@code LinkIcon}s. */
    @Serdeable
    public record Link(String url, String tooltip, boolean primary, String icon) {}
}
