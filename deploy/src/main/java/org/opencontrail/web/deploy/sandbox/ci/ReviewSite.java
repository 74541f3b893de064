package org.opencontrail.web.deploy.sandbox.ci;

/**
 * Where Zuul reports on changes: the sandbox's own simulated Gerrit, or a real one through its
 * REST API (Zuul mode). Called on the world's thread, under its lock.
 */
public interface ReviewSite {

    /** Zuul's report on a change's patch set: a review message with a Verified vote. */
    void report(SandboxItem item, String message, int verified);

    /** Submits a change that passed the gate; the merge itself is told by the review site's events. */
    void submit(SandboxItem item);
}
