package org.opencontrail.web.logs.store;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/** The {@code log-store} component of {@code /health}: the store answers a listing of its top. */
@Singleton
final class LogStoreHealthIndicator implements HealthIndicator {

    private final LogStore store;

    LogStoreHealthIndicator(LogStore store) {
        this.store = store;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("store", store.describe());
        HealthStatus status;
        try {
            store.list("");
            status = HealthStatus.UP;
        } catch (Exception e) {
            status = HealthStatus.DOWN;
            details.put("error", e.getMessage());
        }
        return Publishers.just(
                HealthResult.builder("log-store", status).details(details).build());
    }
}
