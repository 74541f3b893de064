package org.opencontrail.web.logs.database;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * The {@code buildsDatabase} component of {@code /health}: builds waiting to be written into it and
 * why. Always UP: the site serves its logs and records without it (the datasource's own check says
 * whether it answers).
 */
@Singleton
final class DatabaseHealthIndicator implements HealthIndicator {

    private final DatabaseFeed feed;

    DatabaseHealthIndicator(DatabaseFeed feed) {
        this.feed = feed;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("unwritten", feed.unwritten());
        details.put("failedWrites", feed.failedWrites());
        details.put("problem", feed.problem());
        return Publishers.just(HealthResult.builder("buildsDatabase", HealthStatus.UP)
                .details(details)
                .build());
    }
}
