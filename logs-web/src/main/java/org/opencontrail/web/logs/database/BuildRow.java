package org.opencontrail.web.logs.database;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.shared.zuul.builds.Build;

/**
 * A build as the builds database holds it.
 *
 * @param id           its row's id, Zuul's {@code _id}: newer builds have higher ones
 * @param duration     seconds it ran, when known
 * @param isFinal      not retried
 * @param buildsetUuid its buildset (its own uuid when Zuul gave it none)
 * @param root         its folder in the store
 * @param state        how far logs-web got with it (queued ... done, failed)
 * @param hasManifest  whether it stored a {@code zuul-manifest.json} at its root
 */
public record BuildRow(
        long id,
        String uuid,
        String job,
        Optional<String> result,
        boolean held,
        Optional<Instant> startTime,
        Optional<Instant> endTime,
        Optional<Double> duration,
        boolean voting,
        String logUrl,
        String nodeset,
        String errorDetail,
        boolean isFinal,
        List<Build.Artifact> artifacts,
        String pipeline,
        String project,
        String branch,
        Optional<Integer> change,
        Optional<Integer> patchSet,
        String ref,
        String newrev,
        String eventId,
        String buildsetUuid,
        String root,
        String state,
        int files,
        long bytes,
        boolean hasManifest) {

    public BuildRow {
        artifacts = List.copyOf(artifacts);
    }

    BuildRow with(List<Build.Artifact> found, boolean manifest) {
        return new BuildRow(
                id,
                uuid,
                job,
                result,
                held,
                startTime,
                endTime,
                duration,
                voting,
                logUrl,
                nodeset,
                errorDetail,
                isFinal,
                found,
                pipeline,
                project,
                branch,
                change,
                patchSet,
                ref,
                newrev,
                eventId,
                buildsetUuid,
                root,
                state,
                files,
                bytes,
                manifest);
    }
}
