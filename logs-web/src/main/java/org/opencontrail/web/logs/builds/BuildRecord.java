package org.opencontrail.web.logs.builds;

import java.time.Instant;
import java.util.List;
import org.opencontrail.web.logs.store.LogLayout;
import org.opencontrail.web.shared.zuul.builds.Build;

/**
 * One build on its way into the store and after: its Zuul fields, where its files go, and how far
 * it got.
 *
 * @param build     the build as Zuul described it
 * @param root      its folder in the store
 * @param source    how it came: api, mqtt, builds-api, upload, import
 * @param state     how far it got
 * @param reason    why it failed, or the last error of a try that will be repeated; empty otherwise
 * @param attempts  tries so far
 * @param files     what was stored
 * @param received  when it was accepted
 * @param updated   when its state last changed
 */
public record BuildRecord(
        Build build,
        String root,
        String source,
        IngestState state,
        String reason,
        int attempts,
        List<StoredFile> files,
        Instant received,
        Instant updated) {

    /**
     * One stored file.
     *
     * @param path       its path under the build's folder
     * @param size       its size as the build wrote it
     * @param storedSize bytes stored
     */
    public record StoredFile(String path, long size, long storedSize) {}

    /** A new build, queued. */
    public static BuildRecord queued(Build build, String source, Instant now) {
        return new BuildRecord(build, rootOf(build), source, IngestState.QUEUED, "", 0, List.of(), now, now);
    }

    /** Its folder in the store, by the logs.openstack.org layout. */
    public static String rootOf(Build build) {
        if (build.change().isPresent() && build.change().get() > 0) {
            return LogLayout.change(
                    build.change().get(), build.patchSet().orElse(0), build.pipeline(), build.job(), build.uuid());
        }
        if (build.newrev() != null && build.newrev().matches("[0-9a-f]{40}")) {
            return LogLayout.ref(build.newrev(), build.pipeline(), build.job(), build.uuid());
        }
        return LogLayout.periodic(
                build.pipeline(),
                build.project(),
                build.branch().isBlank() ? "master" : build.branch(),
                build.job(),
                build.uuid());
    }

    public BuildRecord with(IngestState next, String why, Instant now) {
        return new BuildRecord(build, root, source, next, why, attempts, files, received, now);
    }

    public BuildRecord attempt(Instant now) {
        return new BuildRecord(build, root, source, IngestState.FETCHING, reason, attempts + 1, files, received, now);
    }

    public BuildRecord stored(List<StoredFile> stored, Instant now) {
        return new BuildRecord(
                build, root, source, IngestState.STORING, "", attempts, List.copyOf(stored), received, now);
    }

    public long bytes() {
        return files.stream().mapToLong(StoredFile::size).sum();
    }
}
