package org.opencontrail.web.git.mirror;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The mirrors: where they live, where they are fetched from and how often they are looked after.
 *
 * @param dir              the folder of the bare mirrors ({@code PROJECT.git} each)
 * @param fetchUrl         where a project is fetched from, {@code {project}} standing for its name; without it, a folder
 *                         of {@code PROJECT.git}; empty: {@code gerrit.url/PROJECT}
 *                         (projects listed in {@code git.projects} bring their own URL)
 * @param sweepInterval    how often every mirror is fetched, whatever the events said
 * @param projectsInterval how often the list of public projects is read again
 * @param retryDelay       the wait before a failed fetch is tried again (doubled at each failure, up to the sweep interval)
 * @param fetchTimeout     longest a fetch may stay silent before it is abandoned
 * @param gcInterval       how often a mirror is repacked (bitmaps, commit-graph, changed-path filters)
 * @param pageCacheMb      memory for rendered pages kept (those that show one commit never change)
 * @param packCacheMb      memory for JGit's cache of pack windows and delta bases (JGit's default is 10 MB, small for a large repository)
 * @param mergeGrace       how long a branch move waits for the change-merged event that explains it, before it counts as pushed past review
 */
@ConfigurationProperties("git")
public record GitSettings(
        @Bindable(defaultValue = "git-data") String dir,
        @Bindable(defaultValue = "") String fetchUrl,
        @Bindable(defaultValue = "5m") Duration sweepInterval,
        @Bindable(defaultValue = "10m") Duration projectsInterval,
        @Bindable(defaultValue = "5s") Duration retryDelay,
        @Bindable(defaultValue = "2m") Duration fetchTimeout,
        @Bindable(defaultValue = "6h") Duration gcInterval,
        @Bindable(defaultValue = "128") int pageCacheMb,
        @Bindable(defaultValue = "256") int packCacheMb,
        @Bindable(defaultValue = "30s") Duration mergeGrace) {

    public Path root() {
        return Path.of(dir);
    }
}
