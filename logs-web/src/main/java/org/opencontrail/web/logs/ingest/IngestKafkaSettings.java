package org.opencontrail.web.logs.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The ingest queue shared by logs-web's replicas, when {@code kafka.bootstrap-servers} is set.
 *
 * @param topic             builds to fetch: one consumer group, so each is fetched, stored and indexed by one replica
 * @param finishedTopic     every finished build's record (compacted, by uuid): every replica keeps it, and indexes
 *                          the build from the store when its index is its own
 * @param groupId           the group of the replicas that fetch
 * @param partitions        partitions of the topics when they are made: the most replicas that fetch at once
 * @param replicationFactor copies of each partition when the topics are made; 0: the brokers' default
 * @param sessionTimeout    a replica that died silently loses its builds to another after about this
 */
@ConfigurationProperties("logs.ingest.kafka")
public record IngestKafkaSettings(
        @Bindable(defaultValue = "logs-ingest") String topic,
        @Bindable(defaultValue = "logs-builds") String finishedTopic,
        @Bindable(defaultValue = "logs-web-ingest") String groupId,
        @Bindable(defaultValue = "12") int partitions,
        @Bindable(defaultValue = "0") short replicationFactor,
        @Bindable(defaultValue = "10s") Duration sessionTimeout) {}
