package org.opencontrail.web.logs.files;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.opencontrail.web.branding.Brand;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.failures.KnownFailures;
import org.opencontrail.web.logs.results.ResultClasses;
import org.opencontrail.web.logs.store.LogLayout;
import org.opencontrail.web.logs.store.StoreKeys;
import org.opencontrail.web.logs.urls.LogsUrls;
import org.opencontrail.web.shared.text.Durations;
import org.opencontrail.web.shared.zuul.builds.Build;

/** The summary of the build a path belongs to, from its record (or, without one, from the path alone). */
@Singleton
final class BuildSummaries {

    private final BuildRecords records;
    private final Brand brand;
    private final KnownFailures known;

    BuildSummaries(BuildRecords records, Brand brand, KnownFailures known) {
        this.known = known;
        this.records = records;
        this.brand = brand;
    }

    private static java.util.List<BuildSummary.Artifact> artifacts(BuildRecord record) {
        return record.build().artifacts().stream()
                .map(artifact -> new BuildSummary.Artifact(
                        artifact.name(),
                        LogsUrls.safe(LogsUrls.moved(
                                        artifact.url(), record.build().logUrl(), LogsUrls.folder(record.root())))
                                .orElse("")))
                .toList();
    }

    Optional<BuildSummary> of(String key) {
        return LogLayout.parse(key).map(path -> {
            Optional<BuildRecord> record = records.all().stream()
                    .filter(r -> r.root().equals(path.root()))
                    .findFirst();
            String change = path.change() > 0 ? path.change() + "," + path.patchSet() : "";
            String result = record.flatMap(r -> r.build().result()).orElse("");
            Build build = record.map(BuildRecord::build).orElse(null);
            String duration = Optional.ofNullable(build)
                    .flatMap(Build::duration)
                    .map(Durations::words)
                    .orElse("");
            String project = build != null && !build.project().isBlank() ? build.project() : path.context();
            String newrev = build != null && !build.newrev().isBlank() ? build.newrev() : path.newrev();
            String review = path.change() > 0 ? brand.reviewLink("/c/" + path.change() + "/" + path.patchSet()) : "";
            String status = path.change() > 0 ? brand.link(Site.STATUS, "/change/" + path.change()) : "";
            String git = !newrev.isBlank() && !project.isBlank()
                    ? brand.link(Site.GIT, "/" + StoreKeys.urlPath(project) + "/+/" + newrev)
                    : "";
            String state = record.map(BuildRecord::state)
                    .filter(s -> s != IngestState.DONE)
                    .map(IngestState::word)
                    .orElse("");
            var failures = record.map(r -> known.shown(r.build().uuid())).orElse(java.util.List.of());
            return new BuildSummary(
                    path.root(),
                    LogsUrls.folder(path.root()),
                    project,
                    change,
                    path.pipeline(),
                    path.job(),
                    result,
                    ResultClasses.mark(result),
                    duration,
                    review,
                    status,
                    git,
                    state,
                    failures,
                    record.map(r -> artifacts(r)).orElse(java.util.List.of()));
        });
    }
}
