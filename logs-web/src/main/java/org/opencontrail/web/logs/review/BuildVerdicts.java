package org.opencontrail.web.logs.review;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Requires;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.branding.Brand;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.logs.anomaly.Anomalies;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.ConsoleFiles;
import org.opencontrail.web.logs.failures.KnownFailures;
import org.opencontrail.web.logs.failures.Signatures;
import org.opencontrail.web.logs.urls.LogsUrls;
import org.opencontrail.web.shared.gerrit.projects.PublicProjects;
import org.opencontrail.web.shared.zuul.ZuulResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this site says of a build on the review, for the comment and for status-web's Checks tab
 * alike: where its logs are, the known failures it matched (each with its bug, or its signature's
 * page), and for a failed one the line of its console that stands out most from passing builds'
 * (its first error), found once and kept a while.
 */
@Requires(missingProperty = "logs.command") // a command (import, reindex) neither matches nor comments
@Singleton
public final class BuildVerdicts {

    private static final Logger LOG = LoggerFactory.getLogger(BuildVerdicts.class);
    /** Longest first-error line given: Gerrit's Checks tab shows about 80 characters of a summary. */
    static final int LINE_LIMIT = 200;

    /**
     * A build as the review is told of it.
     *
     * @param uuid       the build
     * @param job        its job
     * @param result     its result
     * @param stored     whether its logs are stored here
     * @param logsUrl    its logs' folder once stored, else its page
     * @param failures   the known failures it matched
     * @param firstError the line of its console that stands out most, for a failed build whose logs
     *                   are stored and have one
     */
    @Serdeable
    public record Verdict(
            String uuid,
            String job,
            String result,
            boolean stored,
            String logsUrl,
            List<KnownFailuresComment.Known> failures,
            Optional<FirstError> firstError) {}

    /**
     * A line of a log, linked.
     *
     * @param line its number
     * @param text what it says, at most {@link #LINE_LIMIT} characters
     * @param url  the line in the log viewer
     */
    @Serdeable
    public record FirstError(long line, String text, String url) {}

    private final BuildRecords records;
    private final KnownFailures knownFailures;
    private final Signatures signatures;
    private final Anomalies anomalies;
    private final PublicProjects projects;
    private final Brand brand;
    private final Cache<String, Optional<FirstError>> firstErrors = Caffeine.newBuilder()
            .maximumSize(5_000)
            .expireAfterWrite(Duration.ofMinutes(30))
            .build();

    BuildVerdicts(
            BuildRecords records,
            KnownFailures knownFailures,
            Signatures signatures,
            Anomalies anomalies,
            PublicProjects projects,
            Brand brand) {
        this.records = records;
        this.knownFailures = knownFailures;
        this.signatures = signatures;
        this.anomalies = anomalies;
        this.projects = projects;
        this.brand = brand;
    }

    /** The verdict on a build this site has and shows. */
    public Optional<Verdict> of(String uuid) {
        return records.get(uuid)
                .filter(record -> projects.shows(record.build().project()))
                .map(this::of);
    }

    private Verdict of(BuildRecord record) {
        String uuid = record.build().uuid();
        // matched once its files are stored and indexed, a moment before its record says done
        boolean stored = !record.files().isEmpty();
        boolean failed = record.build().result().map(ZuulResult::failed).orElse(false);
        return new Verdict(
                uuid,
                record.build().job(),
                record.build().result().orElse(""),
                stored,
                brand.link(Site.LOGS, stored ? LogsUrls.folder(record.root()) : LogsUrls.build(uuid)),
                failed ? known(uuid) : List.of(),
                failed && stored ? firstError(record) : Optional.empty());
    }

    /** The known failures a build matched, each with its bug or its signature's page. */
    List<KnownFailuresComment.Known> known(String uuid) {
        return knownFailures.matching(uuid).stream()
                .map(id -> new KnownFailuresComment.Known(id, bugOrPage(id)))
                .toList();
    }

    private String bugOrPage(String id) {
        String bug = signatures.bugUrl(id);
        return bug.isBlank() ? brand.link(Site.LOGS, LogsUrls.signature(id)) : bug;
    }

    /** The line of the build's console that stands out most, kept once found. */
    private Optional<FirstError> firstError(BuildRecord record) {
        return firstErrors.get(record.build().uuid(), uuid -> findFirstError(record));
    }

    private Optional<FirstError> findFirstError(BuildRecord record) {
        Optional<String> console = ConsoleFiles.of(
                record.files().stream().map(BuildRecord.StoredFile::path).toList());
        if (console.isEmpty()) {
            return Optional.empty();
        }
        try {
            return anomalies
                    .of(record.root() + console.get())
                    .flatMap(report -> report.anomalies().stream().findFirst())
                    .map(found -> new FirstError(
                            found.line(),
                            found.text().length() > LINE_LIMIT
                                    ? found.text().substring(0, LINE_LIMIT) + "..."
                                    : found.text(),
                            brand.link(Site.LOGS, found.url())));
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "The anomalies of build {} could not be read: {}",
                    record.build().uuid(),
                    e.toString());
            return Optional.empty();
        }
    }
}
