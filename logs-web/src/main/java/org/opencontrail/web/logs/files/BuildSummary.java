package org.opencontrail.web.logs.files;

import org.opencontrail.web.logs.failures.KnownFailures;

/**
 * A build as its folder's pages show it on top.
 *
 * @param root      its folder
 * @param url       its folder's page
 * @param project   project, empty when unknown
 * @param change    change and patch set ("91245,3"), empty for other builds
 * @param pipeline  pipeline
 * @param job       job
 * @param result    result, empty when unknown
 * @param resultCss its class (result-success, result-failure...)
 * @param duration  how long it ran, empty when unknown
 * @param reviewUrl the change on the review site, empty when none
 * @param statusUrl the change on status-web, empty when none
 * @param gitUrl    the commit on git-web, empty when unknown
 * @param state     ingest state when not done (fetching...), empty when done
 * @param failures  the known failures it shows, with their matching lines
 * @param artifacts what it published (Zuul's artifacts), those under its old log folder linked here
 */
public record BuildSummary(
        String root,
        String url,
        String project,
        String change,
        String pipeline,
        String job,
        String result,
        String resultCss,
        String duration,
        String reviewUrl,
        String statusUrl,
        String gitUrl,
        String state,
        java.util.List<KnownFailures.Shown> failures,
        java.util.List<Artifact> artifacts) {

    /**
     * Something the build published.
     *
     * @param name what Zuul calls it
     * @param url  where it is; empty when its address is not one a page may link
     */
    public record Artifact(String name, String url) {}

    /** What the pages of its logs are about, in a sentence: the job, pipeline, change, project and result. */
    public String description() {
        StringBuilder text =
                new StringBuilder("Logs of ").append(job).append(" in ").append(pipeline);
        if (!change.isEmpty()) {
            text.append(", change ").append(change);
        }
        if (!project.isEmpty()) {
            text.append(" of ").append(project);
        }
        if (!result.isEmpty()) {
            text.append(": ").append(result);
        }
        return text.append('.').toString();
    }
}
