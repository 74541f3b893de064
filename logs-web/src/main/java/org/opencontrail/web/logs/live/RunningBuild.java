package org.opencontrail.web.logs.live;

import java.time.Instant;
import java.util.Optional;

/**
 * A build as Zuul's status shows it while it has not ended.
 *
 * @param uuid      the build
 * @param job       its job
 * @param project   the project of its item
 * @param pipeline  its pipeline
 * @param change    its change, for a change's item
 * @param url       Zuul's link while it runs: a Jenkins build's page (Zuul v2) or a finger address (v3+)
 * @param started   whether it has started (a queued build has no console yet)
 * @param startTime when it started, when Zuul says
 */
public record RunningBuild(
        String uuid,
        String job,
        String project,
        String pipeline,
        Optional<String> change,
        String url,
        boolean started,
        Optional<Instant> startTime) {

    /** Whether its console is Jenkins' progressive text (Zuul v2 links a running job to its Jenkins build). */
    public boolean onJenkins() {
        return url.startsWith("http://") || url.startsWith("https://");
    }

    /** The Jenkins build's address, ending in a slash: Zuul links its page, its console or its full console. */
    public String jenkinsBuild() {
        String base = url.replaceFirst("(?:consoleFull|consoleText|console)/?$", "");
        return base.endsWith("/") ? base : base + "/";
    }
}
