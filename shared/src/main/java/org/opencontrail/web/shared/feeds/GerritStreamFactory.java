package org.opencontrail.web.shared.feeds;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.HealthIndicator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.opencontrail.web.shared.gerrit.stream.GerritBackfill;
import org.opencontrail.web.shared.gerrit.stream.GerritEventListener;
import org.opencontrail.web.shared.gerrit.stream.GerritSettings;
import org.opencontrail.web.shared.gerrit.stream.GerritSshSettings;
import org.opencontrail.web.shared.gerrit.stream.GerritStream;
import org.opencontrail.web.shared.replay.EventRecorder;
import org.opencontrail.web.shared.replay.RecordedEvent;
import org.opencontrail.web.shared.source.SourceHealthIndicator;
import org.opencontrail.web.shared.source.SourceMetrics;
import org.opencontrail.web.shared.source.SourceRegistry;

/**
 * Makes Gerrit's stream (started with the app) when {@code gerrit.ssh.host} is set and Kafka is not (with
 * Kafka, the relay's leader alone holds the stream: {@link GerritKafkaFactory}), subscribes every
 * {@link GerritEventListener} bean, and exports its health ({@code gerrit-stream}) and metrics.
 */
@Factory
@Requires(property = "gerrit.ssh.host")
@Requires(missingProperty = "kafka.bootstrap-servers")
class GerritStreamFactory {

    private final Clock clock;

    GerritStreamFactory(Clock clock) {
        this.clock = clock;
    }

    @Context
    @Bean(preDestroy = "close")
    GerritStream gerritStream(
            GerritSshSettings ssh,
            GerritSettings web,
            List<GerritEventListener> listeners,
            MeterRegistry registry,
            SourceRegistry sources,
            VisibleFeeds feeds,
            Optional<EventRecorder> recorder) {
        GerritStream stream = new GerritStream(ssh, GerritBackfill.of(web), clock, RandomGenerator.getDefault());
        if (web.openChanges() && web.hasRest()) {
            stream.loadOpenChanges(web.backfillWindow());
        }
        listeners.forEach(listener -> stream.subscribe(feeds.gerrit(listener)));
        recorder.ifPresent(r -> stream.tap(line -> r.record(RecordedEvent.GERRIT, line)));
        SourceMetrics.register(registry, stream.health(), clock);
        sources.register(stream.health());
        FunctionCounter.builder(
                        "suite_gerrit_meta_refs_dropped",
                        stream,
                        s -> s.counters().filteredMeta())
                .description("ref-updated events of refs/changes/*/meta, dropped early")
                .register(registry);
        FunctionCounter.builder(
                        "suite_gerrit_unknown_events", stream, s -> s.counters().unknownEvents())
                .description("events of types this suite does not know, kept raw")
                .register(registry);
        FunctionCounter.builder(
                        "suite_gerrit_duplicates_dropped",
                        stream,
                        s -> s.counters().duplicates())
                .description("events seen twice (live and in a backfill), delivered once")
                .register(registry);
        FunctionCounter.builder(
                        "suite_gerrit_backfilled_events",
                        stream,
                        s -> s.counters().backfilled())
                .description("events recovered by backfill after a gap")
                .register(registry);
        FunctionCounter.builder(
                        "suite_source_dropped_for_slow_listeners",
                        stream,
                        s -> s.counters().dropped())
                .description("events a slow listener lost because its queue was full")
                .tag("source", GerritStream.SOURCE)
                .register(registry);
        return stream;
    }

    @Singleton
    @Named(GerritStream.SOURCE)
    HealthIndicator gerritStreamHealth(GerritStream stream) {
        return new SourceHealthIndicator(stream.health(), clock, () -> {
            Map<String, Object> details = new LinkedHashMap<>();
            GerritStream.Counters counters = stream.counters();
            details.put("backfill", stream.backfillSource());
            details.put("backfilledEvents", counters.backfilled());
            details.put("unknownEvents", counters.unknownEvents());
            details.put("duplicatesDropped", counters.duplicates());
            details.put("droppedForSlowListeners", counters.dropped());
            stream.openChangesLoadedAt().ifPresent(at -> details.put("openChangesLoadedAt", at.toString()));
            details.put("openChangeEvents", counters.openChangeEvents());
            return details;
        });
    }
}
