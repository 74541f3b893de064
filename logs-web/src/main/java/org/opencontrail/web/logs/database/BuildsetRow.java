package org.opencontrail.web.logs.database;

import java.time.Instant;
import java.util.Optional;

/**
 * A buildset as the builds database holds it: one ref (a change's patch set, or a branch at a
 * commit), its result and Zuul's report.
 *
 * @param id       its row's id, Zuul's {@code _id}
 * @param result   as Zuul reported it, or as its builds so far say; empty until then
 * @param reported whether Zuul reported the result
 * @param message  Zuul's report, empty when none came
 */
public record BuildsetRow(
        long id,
        String uuid,
        Optional<String> result,
        boolean reported,
        String message,
        String pipeline,
        String project,
        String branch,
        Optional<Integer> change,
        Optional<Integer> patchSet,
        String ref,
        String newrev,
        String eventId,
        Optional<Instant> eventTimestamp,
        Optional<Instant> firstBuildStartTime,
        Optional<Instant> lastBuildEndTime) {}
