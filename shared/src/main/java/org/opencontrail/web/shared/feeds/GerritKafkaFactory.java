package org.opencontrail.web.shared.feeds;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.opencontrail.web.shared.cluster.Replica;
import org.opencontrail.web.shared.cluster.ZooKeeperSettings;
import org.opencontrail.web.shared.gerrit.kafka.GerritKafkaSettings;
import org.opencontrail.web.shared.gerrit.kafka.GerritKafkaSource;
import org.opencontrail.web.shared.gerrit.kafka.GerritRelay;
import org.opencontrail.web.shared.gerrit.stream.GerritBackfill;
import org.opencontrail.web.shared.gerrit.stream.GerritEventListener;
import org.opencontrail.web.shared.gerrit.stream.GerritSettings;
import org.opencontrail.web.shared.gerrit.stream.GerritSshSettings;
import org.opencontrail.web.shared.gerrit.stream.GerritStream;
import org.opencontrail.web.shared.kafka.KafkaSettings;
import org.opencontrail.web.shared.replay.EventRecorder;
import org.opencontrail.web.shared.replay.RecordedEvent;
import org.opencontrail.web.shared.source.SourceHealthIndicator;
import org.opencontrail.web.shared.source.SourceMetrics;
import org.opencontrail.web.shared.source.SourceRegistry;
import org.opencontrail.web.shared.source.SourceStatus;

/**
 * With {@code kafka.bootstrap-servers} set, every replica reads Gerrit's events from the topic
 * ({@code gerrit-kafka} in /health, with its lag); and when {@code gerrit.ssh.host} is set too, the
 * replicas relay Gerrit's SSH stream onto it, one leader at a time ({@code gerrit-relay}).
 */
@Factory
@Requires(property = "kafka.bootstrap-servers")
class GerritKafkaFactory {

    private final Clock clock;

    GerritKafkaFactory(Clock clock) {
        this.clock = clock;
    }

    // a site that hears no Gerrit event (logs-web) reads no Gerrit topic
    @Context
    @Bean(preDestroy = "close")
    @Requires(beans = GerritEventListener.class)
    GerritKafkaSource gerritKafkaSource(
            KafkaSettings kafka,
            GerritKafkaSettings config,
            GerritSettings web,
            Replica replica,
            List<GerritEventListener> listeners,
            VisibleFeeds feeds,
            MeterRegistry registry,
            SourceRegistry sources,
            Optional<EventRecorder> recorder) {
        String group = config.groupId().isBlank() ? replica.app() + "-" + replica.id() : config.groupId();
        GerritKafkaSource source = new GerritKafkaSource(
                kafka, config, group, GerritBackfill.of(web), 10_000, clock, RandomGenerator.getDefault());
        if (web.openChanges() && web.hasRest()) {
            source.loadOpenChanges();
        }
        listeners.forEach(listener -> source.subscribe(feeds.gerrit(listener)));
        recorder.ifPresent(r -> source.tap(line -> r.record(RecordedEvent.GERRIT, line)));
        SourceMetrics.register(registry, source.health(), clock);
        sources.register(source.health());
        Gauge.builder("suite_kafka_consumer_lag", source, GerritKafkaSource::lag)
                .description("events on the topic this replica has not read yet")
                .tag("topic", config.topic())
                .register(registry);
        FunctionCounter.builder("suite_gerrit_duplicates_dropped", source, GerritKafkaSource::duplicates)
                .description("events seen twice (a relay handover, a replay), delivered once")
                .register(registry);
        FunctionCounter.builder("suite_source_dropped_for_slow_listeners", source, GerritKafkaSource::dropped)
                .description("events a slow listener lost because its queue was full")
                .tag("source", GerritKafkaSource.SOURCE)
                .register(registry);
        return source;
    }

    @Singleton
    @Named(GerritKafkaSource.SOURCE)
    @Requires(beans = GerritEventListener.class)
    HealthIndicator gerritKafkaHealth(GerritKafkaSource source) {
        return new SourceHealthIndicator(source.health(), clock, () -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("topic", source.topic());
            details.put("group", source.groupId());
            details.put("lag", source.lag());
            details.put("duplicatesDropped", source.duplicates());
            details.put("droppedForSlowListeners", source.dropped());
            return details;
        });
    }

    @Context
    @Bean(preDestroy = "close")
    @Requires(property = "gerrit.ssh.host")
    @Requires(beans = GerritEventListener.class)
    GerritRelay gerritRelay(
            KafkaSettings kafka,
            GerritKafkaSettings config,
            ZooKeeperSettings zooKeeper,
            Replica replica,
            GerritSshSettings ssh,
            GerritSettings web,
            GerritKafkaSource topicReader,
            MeterRegistry registry) {
        // the relay's stream loads no open changes: each replica loads its own from REST
        GerritRelay relay = new GerritRelay(
                kafka,
                config,
                zooKeeper,
                replica,
                () -> new GerritStream(ssh, GerritBackfill.of(web), clock, RandomGenerator.getDefault()),
                topicReader,
                clock);
        Gauge.builder("suite_gerrit_relay_leading", relay, r -> r.leading() ? 1 : 0)
                .description("1 while this replica holds Gerrit's stream for every replica")
                .register(registry);
        FunctionCounter.builder(
                        "suite_gerrit_relay_published", relay, r -> r.status().published())
                .description("events put on the topic by this replica")
                .register(registry);
        FunctionCounter.builder(
                        "suite_gerrit_relay_publish_failures",
                        relay,
                        r -> r.status().publishFailures())
                .description("events this replica could not put on the topic")
                .register(registry);
        return relay;
    }

    @Singleton
    @Named(GerritRelay.NAME)
    @Requires(property = "gerrit.ssh.host")
    @Requires(beans = GerritEventListener.class)
    HealthIndicator gerritRelayHealth(GerritRelay relay) {
        return () -> {
            GerritRelay.Status status = relay.status();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("replica", status.participant());
            details.put("leading", status.leading());
            details.put("leader", status.leader().orElse("none"));
            details.put("participants", status.participants());
            status.leadingSince().ifPresent(since -> details.put("leadingSince", since.toString()));
            status.stream()
                    .ifPresent(stream -> details.put("stream", stream.state().name()));
            status.stream().flatMap(SourceStatus::lastError).ifPresent(error -> details.put("streamError", error));
            details.put("published", status.published());
            details.put("publishFailures", status.publishFailures());
            details.put("timesLed", status.timesLed());
            status.lastError().ifPresent(error -> details.put("lastError", error));
            HealthStatus overall = status.healthy() ? HealthStatus.UP : HealthStatus.DOWN;
            return Publishers.just(HealthResult.builder(GerritRelay.NAME, overall)
                    .details(details)
                    .build());
        };
    }
}
