package org.opencontrail.web.shared.zuul.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An item in a change queue: a change (or a ref, for post and periodic pipelines) and its jobs.
 *
 * @param id             the item's id: "change,patchset" or a commit id (v2), a uuid (v3+)
 * @param refs           the changes or refs the item tests (v2: one, taken from the item itself)
 * @param live           false for items only there to support the ones behind them
 * @param active         being tested now (within the window)
 * @param itemAhead      the id of the item ahead, empty at the head
 * @param itemsBehind    the ids of the items behind
 * @param failingReasons why the item is failing, empty while it is not
 * @param enqueueTime    when it entered the queue
 * @param remainingTime  Zuul's estimate of the time left, empty when Zuul has none
 * @param zuulRef        the speculative ref Zuul built
 * @param jobs           its jobs
 */
public record QueueItem(
        String id,
        List<ItemRef> refs,
        boolean live,
        boolean active,
        Optional<String> itemAhead,
        List<String> itemsBehind,
        List<String> failingReasons,
        Optional<Instant> enqueueTime,
        Optional<Duration> remainingTime,
        String zuulRef,
        List<Job> jobs) {

    /** The first ref: what the item is about, for display. */
    public Optional<ItemRef> ref() {
        return refs.stream().findFirst();
    }

    /**
     * One change or ref of an item.
     *
     * @param id       "change,patchset" or a commit id
     * @param project  project name
     * @param url      the review (or commit) page
     * @param ref      the git ref tested, when sent
     * @param owner    the owner's name, when sent
     * @param change   change number, for changes
     * @param patchSet patch set number, for changes
     */
    public record ItemRef(
            String id,
            String project,
            String url,
            String ref,
            String owner,
            Optional<Integer> change,
            Optional<Integer> patchSet) {}

    /**
     * A job of an item.
     *
     * @param name          job name
     * @param uuid          build uuid, once a build exists
     * @param result        SUCCESS, FAILURE, ... empty while running or queued
     * @param voting        whether its result counts
     * @param url           live console while running, else the build's page
     * @param reportUrl     where the finished build's logs are
     * @param elapsed       time run so far (or in all, once finished)
     * @param remaining     Zuul's estimate of time left
     * @param estimated     the job's usual duration
     * @param startTime     when the build started
     * @param endTime       when it ended
     * @param canceled      canceled (a change ahead failed)
     * @param queued        waiting for a node (v3+)
     * @param tries         attempt number, 1 for the first (v2 "retry" counts retries: tries = retry + 1)
     * @param waitingStatus why it waits, as Zuul says it (v3+)
     * @param dependencies  jobs it waits for (v3+ job graph)
     * @param nodeName      the node it runs on, when sent
     */
    public record Job(
            String name,
            String uuid,
            Optional<String> result,
            boolean voting,
            String url,
            String reportUrl,
            Optional<Duration> elapsed,
            Optional<Duration> remaining,
            Optional<Duration> estimated,
            Optional<Instant> startTime,
            Optional<Instant> endTime,
            boolean canceled,
            boolean queued,
            int tries,
            String waitingStatus,
            List<String> dependencies,
            String nodeName) {

        public boolean finished() {
            return result.isPresent();
        }

        /** Started: it has a start time or has run for a while (v2 sends only the elapsed time). */
        public boolean started() {
            return startTime.isPresent() || elapsed.filter(e -> !e.isZero()).isPresent();
        }

        /** Neither finished nor started: waiting for a node or for the jobs it depends on. */
        public boolean waiting() {
            return !finished() && !started();
        }
    }
}
