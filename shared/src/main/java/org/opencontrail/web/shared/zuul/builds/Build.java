package org.opencontrail.web.shared.zuul.builds;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A finished (or running) build as Zuul's builds API and MQTT results describe it.
 *
 * @param uuid         build uuid
 * @param job          job name
 * @param result       SUCCESS, FAILURE, POST_FAILURE, TIMED_OUT, ... empty while running
 * @param voting       whether its result counts
 * @param pipeline     pipeline it ran in
 * @param project      project of the change or ref
 * @param branch       branch
 * @param change       change number, for changes
 * @param patchSet     patch set number, for changes
 * @param ref          git ref (refs/heads/... for post, refs/changes/... for changes)
 * @param newrev       commit id, for ref updates
 * @param logUrl       where its logs are
 * @param startTime    when it started
 * @param endTime      when it ended
 * @param duration     how long it ran
 * @param nodeset      nodeset it ran on
 * @param errorDetail  Zuul's reason for an error result
 * @param buildsetUuid the buildset it belongs to
 */
public record Build(
        String uuid,
        String job,
        Optional<String> result,
        boolean voting,
        String pipeline,
        String project,
        String branch,
        Optional<Integer> change,
        Optional<Integer> patchSet,
        String ref,
        String newrev,
        String logUrl,
        Optional<Instant> startTime,
        Optional<Instant> endTime,
        Optional<Duration> duration,
        String nodeset,
        String errorDetail,
        String buildsetUuid) {

    /** The first seven characters of the uuid, as log paths use them. */
    public String shortUuid() {
        return uuid.length() > 7 ? uuid.substring(0, 7) : uuid;
    }
}
