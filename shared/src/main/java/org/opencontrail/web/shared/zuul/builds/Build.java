package org.opencontrail.web.shared.zuul.builds;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * @param retried      whether it was retried (Zuul's {@code final} is false then)
 * @param held         whether its nodes were held for a person to look at
 * @param artifacts    what it published, as Zuul lists it
 * @param eventId      the id of the event that triggered its buildset, empty when unknown
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
        String buildsetUuid,
        boolean retried,
        boolean held,
        List<Artifact> artifacts,
        String eventId) {

    /**
     * Something a build published: a name, where it is, and Zuul's metadata about it (its {@code type}
     * says what tools look for, e.g. {@code zuul_manifest}).
     */
    public record Artifact(String name, String url, Map<String, String> metadata) {
        public Artifact {
            metadata = Map.copyOf(metadata);
        }
    }

    public Build {
        artifacts = List.copyOf(artifacts);
    }

    /** A final, not held build that published nothing of note, with no known event: what Zuul v2 and logs-only sources give. */
    @SuppressWarnings("InlineMeSuggester") // a constructor of a record: nothing to inline into
    public Build(
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
        this(
                uuid,
                job,
                result,
                voting,
                pipeline,
                project,
                branch,
                change,
                patchSet,
                ref,
                newrev,
                logUrl,
                startTime,
                endTime,
                duration,
                nodeset,
                errorDetail,
                buildsetUuid,
                false,
                false,
                List.of(),
                "");
    }

    /** The same build, retried or not. */
    public Build retried(boolean isRetried) {
        return new Build(
                uuid,
                job,
                result,
                voting,
                pipeline,
                project,
                branch,
                change,
                patchSet,
                ref,
                newrev,
                logUrl,
                startTime,
                endTime,
                duration,
                nodeset,
                errorDetail,
                buildsetUuid,
                isRetried,
                held,
                artifacts,
                eventId);
    }

    /** The first seven characters of the uuid, as log paths use them. */
    public String shortUuid() {
        return uuid.length() > 7 ? uuid.substring(0, 7) : uuid;
    }
}
