package org.opencontrail.web.status.pipeline;

import io.micronaut.core.annotation.Introspected;

/**
 * One job of an item.
 *
 * @param name        job name
 * @param result      SUCCESS, FAILURE, ... or "running", "queued"
 * @param resultClass css class (colour and shape of its mark)
 * @param symbol      a mark that differs by shape, not only colour
 * @param voting      whether it counts
 * @param tries       attempt number
 * @param waiting     what a queued job waits for, empty otherwise
 * @param percent     progress, 0 to 100
 * @param elapsed     time run so far or in all
 * @param url         live console while running, logs once finished; empty when none
 * @param startedAt   when a running job started (epoch ms), 0 otherwise: the page advances its clock from it
 * @param totalMs     how long a running job is expected to take in all, 0 when unknown
 */
@Introspected
public record JobRow(
        String name,
        String result,
        String resultClass,
        String symbol,
        boolean voting,
        int tries,
        String waiting,
        int percent,
        String elapsed,
        String url,
        long startedAt,
        long totalMs) {

    public boolean running() {
        return result.equals("running");
    }

    /** The {@code data-started} attribute: null leaves it out unless the job is running. */
    public Long dataStarted() {
        return startedAt > 0 ? startedAt : null;
    }

    /** The {@code data-total} attribute: null leaves it out when no one knows how long the job takes. */
    public Long dataTotal() {
        return totalMs > 0 ? totalMs : null;
    }

    /**
     * The job without what only the passing of time changes (elapsed, progress): two snapshots whose
     * jobs are equal in this form need no update sent, as the page's own clock moves those.
     */
    public JobRow stable() {
        return running()
                ? new JobRow(name, result, resultClass, symbol, voting, tries, waiting, 0, "", url, 0, 0)
                : this;
    }
}
