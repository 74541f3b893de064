package org.opencontrail.web.logs.ingest;

import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.opencontrail.web.logs.builds.BuildFinished;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.shared.cluster.Replica;
import org.opencontrail.web.shared.kafka.KafkaSettings;
import org.opencontrail.web.shared.kafka.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two topics logs-web's replicas share: the queue of builds to fetch (each taken by one replica)
 * and the finished builds (every replica keeps each record). A build is accepted once the brokers
 * hold it; a record is sent when its build finishes here, and held by the brokers before the build is
 * acknowledged.
 */
@Singleton
@Requires(property = "kafka.bootstrap-servers")
public final class IngestTopic {

    private static final Logger LOG = LoggerFactory.getLogger(IngestTopic.class);
    private static final long ACCEPT_SECONDS = 10;

    private final IngestKafkaSettings settings;
    private final BuildRecords records;
    private final Topics topics;
    private final KafkaProducer<String, String> producer;
    private volatile boolean topicsMade;

    IngestTopic(KafkaSettings kafka, IngestKafkaSettings settings, BuildRecords records, Replica replica) {
        this.settings = settings;
        this.records = records;
        String client = replica.app() + "-" + replica.id();
        this.topics = new Topics(kafka, client);
        Properties producerSettings = kafka.client(client + "-ingest");
        producerSettings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerSettings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
        producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerSettings.put(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(TimeUnit.SECONDS.toMillis(ACCEPT_SECONDS)));
        producerSettings.put(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(TimeUnit.SECONDS.toMillis(ACCEPT_SECONDS)));
        producerSettings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        producerSettings.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.producer = new KafkaProducer<>(producerSettings);
    }

    public IngestKafkaSettings settings() {
        return settings;
    }

    /**
     * Makes both topics when the brokers lack them: the queue spread over the partitions, the
     * finished builds compacted to the last record of each. Called by the readers before they read.
     */
    void makeTopics() {
        if (topicsMade) {
            return;
        }
        topics.ensure(settings.topic(), settings.partitions(), settings.replicationFactor(), Map.of());
        topics.ensure(
                settings.finishedTopic(),
                settings.partitions(),
                settings.replicationFactor(),
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        topicsMade = true;
    }

    /** Puts a build on the queue and returns once the brokers hold it; throws {@link UncheckedIOException} when they do not. */
    void offer(BuildRecord queued) {
        send(settings.topic(), queued);
    }

    /** Tells every replica of a build finished here, before its place in the queue is acknowledged. */
    @EventListener
    void onFinished(BuildFinished finished) {
        announce(finished.record());
    }

    /**
     * Tells every replica that a build is finished, and returns once the brokers hold it (or gave up):
     * its place in the queue is acknowledged after this, so a replica killed in between leaves the
     * build on the queue, and the next to take it finds it finished and tells the others again.
     */
    void announce(BuildRecord record) {
        try {
            send(settings.finishedTopic(), record);
        } catch (UncheckedIOException e) {
            LOG.warn(
                    "Could not tell the other replicas that build {} finished: {}",
                    record.build().uuid(),
                    e.getCause().getMessage());
        }
    }

    /** Sends a build's record and waits until the brokers hold it; {@link UncheckedIOException} when they do not. */
    private void send(String topic, BuildRecord record) {
        try {
            producer.send(new ProducerRecord<>(topic, record.build().uuid(), text(record)))
                    .get(ACCEPT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new UncheckedIOException(
                    new IOException("Kafka did not take the build: " + cause.getMessage(), cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while handing the build to Kafka", e));
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new UncheckedIOException(new IOException("Kafka did not take the build: " + e.getMessage(), e));
        }
    }

    private String text(BuildRecord record) {
        return new String(records.json().bytes(record), StandardCharsets.UTF_8);
    }

    @PreDestroy
    void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
