package org.opencontrail.web.logs.ingest;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * The {@code ingest} component of {@code /health}: builds waiting, how far behind, stored and failed,
 * and how many are being retried and why (S3 or a log server misbehaving). Always UP: the site serves.
 */
@Singleton
final class IngestHealthIndicator implements HealthIndicator {

    private final IngestStatus status;

    IngestHealthIndicator(IngestStatus status) {
        this.status = status;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        IngestStatus.Report report = status.report(0);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pending", report.pending());
        details.put("behindSeconds", report.behindSeconds());
        details.put("done", report.done());
        details.put("failed", report.failed());
        details.put("bytesStored", report.bytes());
        details.put("retrying", report.retrying());
        details.put("problem", report.problem());
        report.sources()
                .forEach(source -> details.put(
                        "source." + source.name(),
                        Map.of(
                                "builds",
                                source.builds(),
                                "pending",
                                source.pending(),
                                "last",
                                String.valueOf(source.last()))));
        return Publishers.just(
                HealthResult.builder("ingest", HealthStatus.UP).details(details).build());
    }
}
