package org.opencontrail.web.shared.source;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/** Prometheus view of a source: state, event age, reconnects, malformed input and backlog. */
public final class SourceMetrics {

    private SourceMetrics() {}

    public static void register(MeterRegistry registry, SourceHealth health, Clock clock) {
        String source = health.name();
        Gauge.builder("suite_source_up", health, h -> h.status().healthy() ? 1 : 0)
                .description("1 while the source is connected and traffic flows")
                .tag("source", source)
                .register(registry);
        Gauge.builder(
                        "suite_source_last_event_age_seconds",
                        health,
                        h -> h.status()
                                .lastEventAgeSeconds(clock.instant())
                                .map(Long::doubleValue)
                                .orElse(Double.NaN))
                .description("seconds since the last event")
                .tag("source", source)
                .register(registry);
        Gauge.builder("suite_source_backlog", health, h -> h.status().backlog())
                .description("events received, not yet handled by every subscriber")
                .tag("source", source)
                .register(registry);
        FunctionCounter.builder(
                        "suite_source_reconnects", health, h -> h.status().reconnects())
                .description("connections lost and opened again")
                .tag("source", source)
                .register(registry);
        FunctionCounter.builder(
                        "suite_source_malformed_lines", health, h -> h.status().malformedLines())
                .description("input that could not be read")
                .tag("source", source)
                .register(registry);
        FunctionCounter.builder("suite_source_events", health, SourceHealth::eventCount)
                .description("events received")
                .tag("source", source)
                .register(registry);
    }
}
