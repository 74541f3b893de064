package org.opencontrail.web.shared.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.opencontrail.web.shared.retry.Backoff;
import org.opencontrail.web.shared.source.SourceHealth;
import org.opencontrail.web.shared.source.SourceState;
import org.opencontrail.web.shared.text.Excerpts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one topic on a thread of its own for as long as the app runs, the way every reader of the
 * suite does: a consumer that fails is made again after a growing wait, the lag is asked of the
 * brokers every few seconds (which also proves that they answer), the state is kept in a
 * {@link SourceHealth}, and closing wakes the consumer so that it leaves its group at once.
 */
public final class TopicReader implements AutoCloseable {

    /** What a reader does with what it reads. */
    public interface Handler {

        /** Runs on the reader's thread before the first consumer is made (a load that must come before the topic). */
        default void beforeReading() {}

        /** Partitions were given to this consumer: it may seek where reading starts. */
        default void assigned(KafkaConsumer<String, String> consumer, Collection<TopicPartition> partitions) {}

        /** Partitions are taken from this consumer (a rebalance, or its closing): last chance to acknowledge what is done. */
        default void revoked(KafkaConsumer<String, String> consumer, Collection<TopicPartition> partitions) {}

        /** The records of one poll, on the reader's thread; it may poll again (paused) while it works. */
        void records(KafkaConsumer<String, String> consumer, ConsumerRecords<String, String> records)
                throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration LAG_CHECK = Duration.ofSeconds(2);
    private static final Duration ANSWER = Duration.ofSeconds(5);

    private final String topic;
    private final String groupId;
    private final Properties settings;
    private final Handler handler;
    private final SourceHealth health;
    private final Backoff backoff;
    private final String servers;
    private final Thread thread;
    private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;

    /**
     * @param settings the consumer's own settings beyond the servers, group and string values (offsets
     *                 committed by hand, a session timeout...)
     */
    public TopicReader(
            KafkaSettings kafka,
            String topic,
            String groupId,
            Map<String, String> settings,
            Handler handler,
            SourceHealth health,
            Backoff backoff) {
        this.topic = topic;
        this.groupId = groupId;
        this.servers = kafka.bootstrapServers();
        this.settings = kafka.client(groupId);
        this.settings.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        this.settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.settings.putAll(settings);
        this.handler = handler;
        this.health = health;
        this.backoff = backoff;
        this.thread = new Thread(this::readLoop, health.name() + "-reader");
        this.thread.setDaemon(true);
    }

    public String topic() {
        return topic;
    }

    public String groupId() {
        return groupId;
    }

    public synchronized void start() {
        if (!running) {
            running = true;
            thread.start();
        }
    }

    /** Events on the topic this reader has not read yet, over its partitions, as of the last check. */
    public long lag() {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Waits until the reader has read to the end of the topic once (true), or for at most {@code limit} (false). */
    public boolean awaitCaughtUp(Duration limit) throws InterruptedException {
        return caughtUp.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup(); // an interrupt would cut the consumer's own leaving of its group short
        } else {
            thread.interrupt();
        }
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        health.state(SourceState.STOPPED);
    }

    private void readLoop() {
        health.state(SourceState.CONNECTING);
        handler.beforeReading();
        while (running) {
            try (KafkaConsumer<String, String> opened = new KafkaConsumer<>(settings)) {
                consumer = opened;
                opened.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        handler.assigned(opened, partitions);
                    }

                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        handler.revoked(opened, partitions);
                    }
                });
                consume(opened);
            } catch (WakeupException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                String why = e.getClass().getSimpleName() + ": " + Excerpts.of(String.valueOf(e.getMessage()));
                health.error(why);
                health.state(SourceState.RECONNECTING);
                LOG.warn("Reading Kafka topic {} as group {} failed: {}", topic, groupId, why);
                try {
                    Thread.sleep(backoff.next().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            } finally {
                consumer = null;
            }
        }
    }

    private void consume(KafkaConsumer<String, String> opened) throws InterruptedException {
        long nextLagCheck = 0;
        while (running) {
            ConsumerRecords<String, String> records = opened.poll(POLL);
            if (!records.isEmpty()) {
                answered(); // records are proof enough that the brokers answer
                handler.records(opened, records);
            }
            if (System.nanoTime() >= nextLagCheck && checkLag(opened)) {
                nextLagCheck = System.nanoTime() + LAG_CHECK.toNanos();
            }
        }
    }

    /**
     * Asks the brokers for the end of each partition: the lag, and the proof that they answer. A
     * reader given no partition (more replicas than partitions, or before the group's first
     * assignment) asks for the topic's partitions instead: it is well while the brokers answer.
     */
    private boolean checkLag(KafkaConsumer<String, String> opened) {
        Set<TopicPartition> assigned = opened.assignment();
        try {
            if (assigned.isEmpty()) {
                opened.partitionsFor(topic, ANSWER);
                lag.clear();
                answered();
                return true;
            }
            Map<TopicPartition, Long> ends = opened.endOffsets(assigned, ANSWER);
            lag.keySet().retainAll(assigned);
            for (TopicPartition partition : assigned) {
                long position = opened.position(partition, ANSWER);
                lag.put(partition, Math.max(0, ends.getOrDefault(partition, position) - position));
            }
            if (lag() == 0) {
                caughtUp.countDown();
            }
            answered();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            health.error("Kafka at " + servers + " did not answer within " + ANSWER.toSeconds() + " s");
            health.state(SourceState.STALE);
        }
        return true;
    }

    private void answered() {
        health.activity();
        if (health.state() != SourceState.CONNECTED) {
            if (health.state() == SourceState.RECONNECTING || health.state() == SourceState.STALE) {
                health.reconnected();
            }
            health.state(SourceState.CONNECTED);
            LOG.info("Reading Kafka topic {} as group {}", topic, groupId);
        }
        backoff.reset();
    }
}
