package org.opencontrail.web.shared.gerrit.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Gerrit's events on Kafka, read when {@code kafka.bootstrap-servers} is set.
 *
 * @param topic             the topic Gerrit's events-kafka plugin writes (its default is {@code gerrit}), or the relay
 * @param groupId           this replica's consumer group; empty: the site's name and the replica's, so that every
 *                          replica reads every event
 * @param replay            a replica reads the topic from this long before it started, as a stream's backfill would
 * @param partitions        partitions of the topic when the relay makes it (one keeps every change's events in order)
 * @param replicationFactor copies of each partition when the relay makes the topic; 0: the brokers' default
 * @param standAsideAfter   a relay leader whose stream to Gerrit has not been up for this long leaves the election
 *                          for a while, so that a replica that can reach Gerrit leads
 */
@ConfigurationProperties("gerrit.kafka")
public record GerritKafkaSettings(
        @Bindable(defaultValue = "gerrit") String topic,
        @Bindable(defaultValue = "") String groupId,
        @Bindable(defaultValue = "1d") Duration replay,
        @Bindable(defaultValue = "1") int partitions,
        @Bindable(defaultValue = "0") short replicationFactor,
        @Bindable(defaultValue = "30s") Duration standAsideAfter) {}
