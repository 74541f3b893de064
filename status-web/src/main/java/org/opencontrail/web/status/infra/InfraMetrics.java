package org.opencontrail.web.status.infra;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The conditions of {@code /infra} as Prometheus gauges, for alerts. */
@Context
final class InfraMetrics {

    private static final List<String> NODE_STATES =
            List.of("ready", "in-use", "building", "deleting", "failed", "hold", "used");

    InfraMetrics(MeterRegistry registry, InfraReports reports, StalledQueues stalls, NodeCapacity capacity) {
        Gauge.builder("status_ci_problems", reports, r -> r.report().problems().size())
                .description("conditions of /infra that do not hold")
                .register(registry);
        Gauge.builder("status_stalled_queues", stalls, s -> s.stalled().size())
                .description("queues with jobs waiting and no job started or finished for status.infra.stall-after")
                .register(registry);
        queue(registry, reports, "trigger", q -> q.trigger());
        queue(registry, reports, "result", q -> q.result());
        queue(registry, reports, "management", q -> q.management());
        Gauge.builder(
                        "status_zuul_queue_paused",
                        reports,
                        r -> r.report()
                                .zuulQueues()
                                .map(q -> q.triggerPaused() ? 1 : 0)
                                .orElse(0))
                .description("1 while Zuul's processing is paused")
                .tag("queue", "trigger")
                .register(registry);
        Gauge.builder(
                        "status_zuul_queue_paused",
                        reports,
                        r -> r.report()
                                .zuulQueues()
                                .map(q -> q.resultPaused() ? 1 : 0)
                                .orElse(0))
                .description("1 while Zuul's processing is paused")
                .tag("queue", "result")
                .register(registry);
        Gauge.builder(
                        "status_zuul_status_age_seconds",
                        reports,
                        r -> r.report()
                                .zuulQueues()
                                .map(q -> (double) q.statusAgeSeconds())
                                .orElse(Double.NaN))
                .description("age of the newest Zuul status")
                .register(registry);
        for (String state : NODE_STATES) {
            Gauge.builder(
                            "status_nodes",
                            capacity,
                            c -> c.nodes().map(n -> (double) n.count(state)).orElse(Double.NaN))
                    .description("test nodes by state, from the node list")
                    .tag("state", state)
                    .register(registry);
        }
    }

    private static void queue(
            MeterRegistry registry,
            InfraReports reports,
            String name,
            ToDoubleFunction<InfraReport.ZuulQueues> length) {
        Gauge.builder(
                        "status_zuul_event_queue_length",
                        reports,
                        r -> r.report().zuulQueues().map(length::applyAsDouble).orElse(Double.NaN))
                .description("events waiting in Zuul's own queue")
                .tag("queue", name)
                .register(registry);
    }
}
