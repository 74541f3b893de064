package org.opencontrail.web.logs.review;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.branding.Brand;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.logs.anomaly.Anomalies;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.ConsoleFiles;
import org.opencontrail.web.logs.database.ReviewCommentRow;
import org.opencontrail.web.logs.failures.KnownFailures;
import org.opencontrail.web.logs.failures.Signatures;
import org.opencontrail.web.logs.urls.LogsUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failed buildset's comment from what this site knows of its failed builds now: where each one's
 * logs are, the known failures it matched (each with its bug, or its signature's page), and for
 * one that none matched, the line of its console that stands out most from passing builds'.
 */
@Singleton
final class CommentTexts {

    private static final Logger LOG = LoggerFactory.getLogger(CommentTexts.class);

    private final BuildRecords records;
    private final KnownFailures knownFailures;
    private final Signatures signatures;
    private final Anomalies anomalies;
    private final Brand brand;

    CommentTexts(
            BuildRecords records,
            KnownFailures knownFailures,
            Signatures signatures,
            Anomalies anomalies,
            Brand brand) {
        this.records = records;
        this.knownFailures = knownFailures;
        this.signatures = signatures;
        this.anomalies = anomalies;
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
        List<KnownFailuresComment.Known> known = knownFailures.matching(build.uuid()).stream()
                .map(id -> new KnownFailuresComment.Known(id, bugOrPage(id)))
                .toList();
        return new KnownFailuresComment.FailedJob(
                build.job(),
                brand.link(
                        Site.LOGS,
                        stored.map(record -> LogsUrls.folder(record.root())).orElse(LogsUrls.build(build.uuid()))),
                known,
                known.isEmpty() ? stored.flatMap(this::firstAnomaly).orElse("") : "");
    }

    private String bugOrPage(String id) {
        String bug = signatures.bugUrl(id);
        return bug.isBlank() ? brand.link(Site.LOGS, LogsUrls.signature(id)) : bug;
    }

    /** The line of the build's console that stands out most, linked. */
    private Optional<String> firstAnomaly(BuildRecord record) {
        Optional<String> console = ConsoleFiles.of(
                record.files().stream().map(BuildRecord.StoredFile::path).toList());
        if (console.isEmpty()) {
            return Optional.empty();
        }
        try {
            return anomalies
                    .of(record.root() + console.get())
                    .flatMap(report -> report.anomalies().stream().findFirst())
                    .map(found -> brand.link(Site.LOGS, found.url()));
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "The anomalies of build {} could not be read: {}",
                    record.build().uuid(),
                    e.toString());
            return Optional.empty();
        }
    }
}
