package org.opencontrail.web.shared.zuul.mqtt;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.shared.zuul.builds.Build;

/**
 * One message of Zuul's MQTT reporter: an item entered, started or finished a pipeline, with the
 * buildset's builds once they ran.
 *
 * @param action         enqueue, start, success, failure, merge-conflict, no-jobs, disabled, dequeue, config-error
 * @param tenant         tenant
 * @param pipeline       pipeline
 * @param queue          change queue
 * @param project        project
 * @param branch         branch
 * @param changeUrl      the review page
 * @param change         change number, for changes
 * @param patchSet       patch set number, for changes
 * @param commitId       commit tested
 * @param owner          change owner, as Zuul names it
 * @param ref            git ref
 * @param message        the report Zuul left on the change
 * @param timestamp      when Zuul reported
 * @param enqueueTime    when the item entered the pipeline
 * @param uuid           the item's uuid
 * @param buildsetUuid   buildset uuid
 * @param buildsetResult buildset result, once finished
 * @param builds         builds of the buildset, each with this message's ref fields
 * @param retryBuilds    builds that were retried
 */
public record BuildsetResult(
        String action,
        String tenant,
        String pipeline,
        String queue,
        String project,
        String branch,
        String changeUrl,
        Optional<Integer> change,
        Optional<Integer> patchSet,
        String commitId,
        String owner,
        String ref,
        String message,
        Optional<Instant> timestamp,
        Optional<Instant> enqueueTime,
        String uuid,
        String buildsetUuid,
        Optional<String> buildsetResult,
        List<Build> builds,
        List<Build> retryBuilds) {

    /** True for the messages that close a buildset with its results. */
    public boolean finished() {
        return buildsetResult.isPresent()
                || List.of("success", "failure", "merge-conflict").contains(action);
    }
}
