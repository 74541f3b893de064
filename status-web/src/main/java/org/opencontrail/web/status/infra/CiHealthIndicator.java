package org.opencontrail.web.status.infra;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * The {@code ci} component of {@code /health}: each condition of {@code /infra} with its words.
 * A CI problem is not this site's failure (it still serves what it knows), so it reports
 * DEGRADED, which keeps the health endpoint at HTTP 200 while saying what is wrong.
 */
@Singleton
final class CiHealthIndicator implements HealthIndicator {

    static final HealthStatus DEGRADED =
            new HealthStatus("DEGRADED", "the CI has a problem; this site works", true, 500);

    private final InfraReports reports;

    CiHealthIndicator(InfraReports reports) {
        this.reports = reports;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        InfraReport report = reports.report();
        Map<String, Object> details = new LinkedHashMap<>();
        report.conditions()
                .forEach(c -> details.put(c.key(), Map.of("ok", c.ok(), "title", c.title(), "detail", c.detail())));
        return Publishers.just(HealthResult.builder("ci", report.problems().isEmpty() ? HealthStatus.UP : DEGRADED)
                .details(details)
                .build());
    }
}
