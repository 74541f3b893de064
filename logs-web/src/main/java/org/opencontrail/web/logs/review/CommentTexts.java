package org.opencontrail.web.logs.review;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.opencontrail.web.branding.Brand;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.logs.database.ReviewCommentRow;
import org.opencontrail.web.logs.urls.LogsUrls;

/**
 * A failed buildset's comment from what this site says of its failed builds now
 * ({@link BuildVerdicts}, as the Checks tab hears it): where each one's logs are, the known failures
 * it matched, and for one that none matched, its first error.
 */
@Requires(missingProperty = "logs.command") // a command (import, reindex) neither matches nor comments
@Singleton
final class CommentTexts {

    private final BuildVerdicts verdicts;
    private final Brand brand;

    CommentTexts(BuildVerdicts verdicts, Brand brand) {
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
        return verdicts.of(build.uuid())
                .map(verdict -> new KnownFailuresComment.FailedJob(
                        build.job(),
                        verdict.logsUrl(),
                        verdict.failures(),
                        verdict.failures().isEmpty()
                                ? verdict.firstError()
                                        .map(BuildVerdicts.FirstError::url)
                                        .orElse("")
                                : ""))
                // a build that never reached this site: its page says where it is once it does
                .orElseGet(() -> new KnownFailuresComment.FailedJob(
                        build.job(),
                        brand.link(Site.LOGS, LogsUrls.build(build.uuid())),
                        verdicts.known(build.uuid()),
                        ""));
    }
}
