package org.opencontrail.web.shared.source;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;

/**
 * One /health component for one source: UP while connected and traffic or keepalive replies
 * flow, DOWN while reconnecting or stale, with details that hold no secrets.
 */
public class SourceHealthIndicator implements HealthIndicator {

    private final SourceHealth health;
    private final Clock clock;
    private final Supplier<Map<String, Object>> extraDetails;

    public SourceHealthIndicator(SourceHealth health, Clock clock, Supplier<Map<String, Object>> extraDetails) {
        this.health = health;
        this.clock = clock;
        this.extraDetails = extraDetails;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        SourceStatus status = health.status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", status.state().name());
        status.lastEventAgeSeconds(clock.instant()).ifPresent(age -> details.put("lastEventAgeSeconds", age));
        details.put("reconnects", status.reconnects());
        details.put("malformedLines", status.malformedLines());
        details.put("backlog", status.backlog());
        status.lastError().ifPresent(error -> details.put("lastError", error));
        details.putAll(extraDetails.get());
        HealthStatus overall = status.healthy() ? HealthStatus.UP : HealthStatus.DOWN;
        return Publishers.just(
                HealthResult.builder(status.name(), overall).details(details).build());
    }
}
