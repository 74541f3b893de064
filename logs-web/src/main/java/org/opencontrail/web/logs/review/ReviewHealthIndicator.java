package org.opencontrail.web.logs.review;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencontrail.web.logs.database.DatabaseException;
import org.opencontrail.web.logs.database.ReviewCommentRows;
import org.reactivestreams.Publisher;

/**
 * The {@code review} component of {@code /health}: the known-failures comments this replica posted,
 * those Gerrit refused (400, 409: not asked again) and why, those waiting for their builds or for
 * Gerrit, and every replica's comments by state. Always UP: the site serves without Gerrit.
 */
@Requires(missingProperty = "logs.command") // a command (import, reindex) neither matches nor comments
@Singleton
final class ReviewHealthIndicator implements HealthIndicator {

    private final KnownFailuresReporter reporter;
    private final ReviewCommentRows rows;
    private final ReviewSettings settings;

    ReviewHealthIndicator(KnownFailuresReporter reporter, ReviewCommentRows rows, ReviewSettings settings) {
        this.reporter = reporter;
        this.rows = rows;
        this.settings = settings;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("enabled", settings.enabled());
        details.put("posting", reporter.active());
        if (reporter.active()) {
            details.put("posted", reporter.posted());
            details.put("refused", reporter.refused());
            details.put("lastRefusal", reporter.lastRefusal());
            details.put("givenUp", reporter.givenUp());
            details.put("failedTries", reporter.failedTries());
            details.put("waitingForBuilds", reporter.waitingForBuilds());
            details.put("waitingForGerrit", reporter.waitingForGerrit());
            try {
                details.put("everyReplica", rows.counts());
            } catch (DatabaseException e) {
                details.put("everyReplica", "the builds database does not answer");
            }
        }
        details.put("problem", reporter.problem());
        return Publishers.just(
                HealthResult.builder("review", HealthStatus.UP).details(details).build());
    }
}
