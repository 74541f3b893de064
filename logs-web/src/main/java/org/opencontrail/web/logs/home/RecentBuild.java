package org.opencontrail.web.logs.home;

import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.urls.LogsUrls;

/**
 * A build as the front page lists it among the newest.
 *
 * @param url    its folder's page
 * @param title  its job and pipeline
 * @param change its change and patch set ("change 91245,3"), empty for other builds
 * @param result its result, empty while unknown
 * @param state  what its logs are doing (fetching...), empty once stored
 */
public record RecentBuild(String url, String title, String change, String result, String state) {

    static RecentBuild of(BuildRecord record) {
        var build = record.build();
        String change = build.change()
                .map(number -> "change " + number + "," + build.patchSet().orElse(0))
                .orElse("");
        return new RecentBuild(
                LogsUrls.folder(record.root()),
                build.job() + " · " + build.pipeline(),
                change,
                build.result().orElse(""),
                record.state() == IngestState.DONE ? "" : record.state().word());
    }
}
