package org.opencontrail.web.logs.review;

import io.micronaut.context.annotation.ConfigurationInject;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * The known-failures comment on failed changes ({@code logs.review}), posted through the REST API
 * of {@code gerrit.url}. A class, not a record: {@code wait} and {@code notify} are the keys
 * operators know, and no record may have components of those names.
 */
@ConfigurationProperties("logs.review")
public final class ReviewSettings {

    private final boolean enabled;
    private final List<String> projects;
    private final List<String> pipelines;
    private final Duration wait;
    private final String username;
    private final String passwordFile;
    private final String notify;
    private final Duration timeout;
    private final Duration retryFor;
    private final Duration backoff;
    private final Duration lease;

    /**
     * @param enabled      whether logs-web comments at all
     * @param projects     the projects it comments on; empty: every project this site shows
     * @param pipelines    the pipelines whose failures it comments on
     * @param wait         the longest it waits for a failed build to be stored, indexed and matched
     *                     before it comments with what it knows
     * @param username     the Gerrit account that comments
     * @param passwordFile that account's HTTP password or token, read again when the file changes
     * @param notify       whom Gerrit tells of the comment: NONE, OWNER, OWNER_REVIEWERS or ALL
     * @param timeout      bound on each call to Gerrit
     * @param retryFor     how long a comment Gerrit cannot take (down, refusing the account) is tried
     *                     again before it is given up
     * @param backoff      the first wait before Gerrit is asked again, doubled at each try up to five minutes
     * @param lease        how long one replica holds a comment it is posting before another may take it
     */
    @ConfigurationInject
    public ReviewSettings(
            @Bindable(defaultValue = "false") boolean enabled,
            @Bindable(defaultValue = "") List<String> projects,
            @Bindable(defaultValue = "check,gate") List<String> pipelines,
            @Bindable(defaultValue = "10m") Duration wait,
            @Bindable(defaultValue = "") String username,
            @Bindable(defaultValue = "") String passwordFile,
            @Bindable(defaultValue = "OWNER") String notify,
            @Bindable(defaultValue = "30s") Duration timeout,
            @Bindable(defaultValue = "1d") Duration retryFor,
            @Bindable(defaultValue = "5s") Duration backoff,
            @Bindable(defaultValue = "2m") Duration lease) {
        this.enabled = enabled;
        this.projects = projects == null
                ? List.of()
                : projects.stream().filter(p -> !p.isBlank()).toList();
        this.pipelines = pipelines == null
                ? List.of()
                : pipelines.stream().filter(p -> !p.isBlank()).toList();
        this.wait = wait;
        this.username = username;
        this.passwordFile = passwordFile;
        this.notify = notify;
        this.timeout = timeout;
        this.retryFor = retryFor;
        this.backoff = backoff;
        this.lease = lease;
    }

    /** Whether a buildset of this project and pipeline gets a comment when it fails. */
    public boolean covers(String project, String pipeline) {
        return (projects.isEmpty() || projects.contains(project)) && pipelines.contains(pipeline);
    }

    public boolean enabled() {
        return enabled;
    }

    /** {@code logs.review.wait}. */
    public Duration longestWait() {
        return wait;
    }

    public String username() {
        return username;
    }

    public String passwordFile() {
        return passwordFile;
    }

    /** {@code logs.review.notify}. */
    public String whomToNotify() {
        return notify;
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration retryFor() {
        return retryFor;
    }

    public Duration backoff() {
        return backoff;
    }

    public Duration lease() {
        return lease;
    }
}
