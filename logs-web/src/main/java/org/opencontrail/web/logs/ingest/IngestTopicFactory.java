package org.opencontrail.web.logs.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.HealthIndicator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.search.SearchIndex;
import org.opencontrail.web.shared.cluster.Replica;
import org.opencontrail.web.shared.kafka.KafkaSettings;
import org.opencontrail.web.shared.source.SourceHealthIndicator;
import org.opencontrail.web.shared.source.SourceMetrics;
import org.opencontrail.web.shared.source.SourceRegistry;

/**
 * With {@code kafka.bootstrap-servers} set, logs-web's replicas share their ingest: the queue's reader
 * ({@code ingest-queue} in /health) and the finished builds' reader ({@code finished-builds}), each
 * started once the app is up.
 */
@Factory
@Requires(property = "kafka.bootstrap-servers")
class IngestTopicFactory {

    private final Clock clock;

    IngestTopicFactory(Clock clock) {
        this.clock = clock;
    }

    @Singleton
    @Bean(preDestroy = "close")
    SharedQueueReader sharedQueueReader(
            KafkaSettings kafka,
            IngestTopic topic,
            IngestQueue queue,
            BuildRecords records,
            IngestSettings ingest,
            SourceRegistry sources,
            MeterRegistry registry) {
        SharedQueueReader reader = new SharedQueueReader(kafka, topic, queue, records, ingest, clock);
        sources.register(reader.health());
        SourceMetrics.register(registry, reader.health(), clock);
        Gauge.builder("suite_kafka_consumer_lag", reader, SharedQueueReader::lag)
                .description("events on the topic this replica has not read yet")
                .tag("topic", topic.settings().topic())
                .register(registry);
        Gauge.builder("logs_ingest_handover_builds", reader, SharedQueueReader::handingOver)
                .description("builds this replica finishes before its partitions go to another; the group waits")
                .register(registry);
        return reader;
    }

    @Singleton
    @Bean(preDestroy = "close")
    FinishedBuildsReader finishedBuildsReader(
            KafkaSettings kafka,
            IngestTopic topic,
            IngestQueue queue,
            BuildRecords records,
            BeanProvider<SearchIndex> index,
            @Named("ingest") ExecutorService workers,
            Replica replica,
            SourceRegistry sources,
            MeterRegistry registry) {
        FinishedBuildsReader reader = new FinishedBuildsReader(
                kafka, topic, replica.app() + "-" + replica.id(), queue, records, index, workers, clock);
        sources.register(reader.health());
        SourceMetrics.register(registry, reader.health(), clock);
        Gauge.builder("suite_kafka_consumer_lag", reader, FinishedBuildsReader::lag)
                .description("events on the topic this replica has not read yet")
                .tag("topic", topic.settings().finishedTopic())
                .register(registry);
        return reader;
    }

    @Singleton
    @Named(SharedQueueReader.SOURCE)
    HealthIndicator sharedQueueHealth(SharedQueueReader reader, IngestTopic topic) {
        return new SourceHealthIndicator(reader.health(), clock, () -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("topic", topic.settings().topic());
            details.put("group", topic.settings().groupId());
            details.put("lag", reader.lag());
            return details;
        });
    }

    @Singleton
    @Named(FinishedBuildsReader.SOURCE)
    HealthIndicator finishedBuildsHealth(FinishedBuildsReader reader, IngestTopic topic) {
        return new SourceHealthIndicator(reader.health(), clock, () -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("topic", topic.settings().finishedTopic());
            details.put("lag", reader.lag());
            details.put("adopted", reader.adopted());
            details.put("indexFailures", reader.indexFailures());
            return details;
        });
    }
}
