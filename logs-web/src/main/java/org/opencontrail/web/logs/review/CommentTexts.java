package org.opencontrail.web.logs.review;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.branding.Brand;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.database.ReviewCommentRow;
import org.opencontrail.web.logs.urls.LogsUrls;

/**
 * A failed buildset's comment from what this site knows of its failed builds now: where each one's
 * logs are, the known failures it matched, and for one that none matched, its first error.
 */
@Requires(missingProperty = "logs.command") // a command (import, reindex) neither matches nor comments
@Singleton
final class CommentTexts {

    private final BuildRecords records;
    private final BuildVerdicts verdicts;
    private final Brand brand;

    CommentTexts(BuildRecords records, BuildVerdicts verdicts, Brand brand) {
        this.records = records;
        this.verdicts = verdicts;
        this.brand = brand;
    }

    String text(ReviewCommentRow row) {
        return KnownFailuresComment.text(
                new KnownFailuresComment.Buildset(
                        row.buildsetUuid(), brand.link(Site.LOGS, LogsUrls.buildset(row.buildsetUuid()))),
                row.builds().stream().map(this::job).toList(),
                brand.link(Site.LOGS, LogsUrls.fingerprints()),
                brand.link(Site.LOGS, LogsUrls.failures()));
    }

    private KnownFailuresComment.FailedJob job(ReviewCommentRow.FailedBuild build) {
        // matched once its files are stored and indexed, a moment before its record says done
        Optional<BuildRecord> stored =
                records.get(build.uuid()).filter(record -> !record.files().isEmpty());
        List<KnownFailuresComment.Known> known = verdicts.known(build.uuid());
        return new KnownFailuresComment.FailedJob(
                build.job(),
                brand.link(
                        Site.LOGS,
                        stored.map(record -> LogsUrls.folder(record.root())).orElse(LogsUrls.build(build.uuid()))),
                known,
                known.isEmpty()
                        ? stored.flatMap(verdicts::firstError)
                                .map(BuildVerdicts.FirstError::url)
                                .orElse("")
                        : "");
    }
}
