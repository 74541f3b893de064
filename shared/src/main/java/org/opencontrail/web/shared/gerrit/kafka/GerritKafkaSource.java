package org.opencontrail.web.shared.gerrit.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.event.GerritEventParser;
import org.opencontrail.web.shared.gerrit.event.ParseOutcome;
import org.opencontrail.web.shared.gerrit.stream.EventGate;
import org.opencontrail.web.shared.gerrit.stream.GerritBackfill;
import org.opencontrail.web.shared.kafka.KafkaConfig;
import org.opencontrail.web.shared.retry.Backoff;
import org.opencontrail.web.shared.source.EventFanout;
import org.opencontrail.web.shared.source.EventListener;
import org.opencontrail.web.shared.source.Source;
import org.opencontrail.web.shared.source.SourceHealth;
import org.opencontrail.web.shared.source.SourceState;
import org.opencontrail.web.shared.text.Excerpts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Gerrit's events from a Kafka topic: the one Gerrit's events-kafka plugin writes, or the one the
 * relay's leader fills from the SSH stream. Each replica reads every event in a consumer group of its
 * own, starting {@code replay} before it started; events seen twice (a relay handover, a replay that
 * meets the open changes loaded from REST) are handed on once; values that are not events are counted
 * and skipped.
 */
public final class GerritKafkaSource implements Source {

    public static final String SOURCE = "gerrit-kafka";
    private static final Logger LOG = LoggerFactory.getLogger(GerritKafkaSource.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** How often the end of the topic is asked for: the lag, and the proof that a broker answers. */
    private static final Duration LAG_CHECK = Duration.ofSeconds(2);

    private final KafkaConfig kafka;
    private final GerritKafkaConfig config;
    private final String groupId;
    private final GerritBackfill openChanges;
    private final Clock clock;
    private final SourceHealth health;
    private final EventFanout<GerritEvent> fanout;
    private final EventGate gate = new EventGate();
    private final GerritEventParser parser = new GerritEventParser();
    private final Backoff backoff;
    private final Thread reader;
    /** Where this replica has read to, per partition: a rebalance resumes there, not at the group's commit. */
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile Consumer<String> tap = line -> { };
    private volatile Instant startedAt = Instant.EPOCH;
    private volatile boolean loadOpenChanges;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;

    /**
     * @param openChanges loads every open change from Gerrit's REST API before the topic is read, when
     *                    {@link #loadOpenChanges()} is asked for
     */
    public GerritKafkaSource(KafkaConfig kafka, GerritKafkaConfig config, String groupId, GerritBackfill openChanges,
                             int queueCapacity, Clock clock, RandomGenerator random) {
        this.kafka = kafka;
        this.config = config;
        this.groupId = groupId;
        this.openChanges = openChanges;
        this.clock = clock;
        this.health = new SourceHealth(SOURCE, clock);
        this.fanout = new EventFanout<>(SOURCE, queueCapacity);
        this.health.backlog(fanout::backlog);
        this.backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), random);
        this.reader = new Thread(this::readLoop, SOURCE + "-reader");
        this.reader.setDaemon(true);
    }

    public void subscribe(EventListener<GerritEvent> listener) {
        fanout.subscribe(listener);
    }

    /** Before the topic, every open change's history from REST, so a replica knows what is older than the replay. */
    public void loadOpenChanges() {
        this.loadOpenChanges = true;
    }

    /** Also hands every value that is an event, as read, to a recorder. */
    public void tap(Consumer<String> recorder) {
        this.tap = recorder;
    }

    /**
     * Waits until this replica has read the topic to its end once (true), or for at most {@code limit}
     * (false): a new relay leader backfills from the last event read, so it must have read them.
     */
    public boolean awaitCaughtUp(Duration limit) throws InterruptedException {
        return caughtUp.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    public SourceHealth health() {
        return health;
    }

    public String groupId() {
        return groupId;
    }

    public String topic() {
        return config.topic();
    }

    /** Events on the topic this replica has not read yet, over its partitions, as of the last check. */
    public long lag() {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The server's time of the latest event handed on: where a new relay leader backfills from. */
    public Instant lastEventCreatedOn() {
        return gate.lastEventCreatedOn();
    }

    public long duplicates() {
        return gate.duplicates();
    }

    public long dropped() {
        return fanout.dropped();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        startedAt = clock.instant();
        reader.start();
    }

    @Override
    public synchronized void close() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup(); // an interrupt would cut the consumer's own leaving of its group short
        } else {
            reader.interrupt();
        }
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fanout.close();
        health.state(SourceState.STOPPED);
    }

    private void readLoop() {
        health.state(SourceState.CONNECTING);
        if (loadOpenChanges) {
            loadOpenChangesOnce();
        }
        while (running) {
            try (KafkaConsumer<String, String> opened = new KafkaConsumer<>(consumerSettings())) {
                consumer = opened;
                opened.subscribe(List.of(config.topic()), new StartingPoint(opened));
                consume(opened);
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                String why = e.getClass().getSimpleName() + ": " + Excerpts.of(String.valueOf(e.getMessage()));
                health.error(why);
                health.state(SourceState.RECONNECTING);
                LOG.warn("Reading Gerrit's events from Kafka topic {} failed: {}", config.topic(), why);
                fanout.gap();
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

    private void consume(KafkaConsumer<String, String> opened) {
        long nextLagCheck = 0;
        while (running) {
            ConsumerRecords<String, String> records = opened.poll(POLL);
            for (ConsumerRecord<String, String> record : records) {
                accept(record);
                positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            }
            if (System.nanoTime() >= nextLagCheck) {
                nextLagCheck = System.nanoTime() + LAG_CHECK.toNanos();
                checkLag(opened);
            }
        }
    }

    /** Asks the brokers for the end of each partition: the lag, and the proof that they answer. */
    private void checkLag(KafkaConsumer<String, String> opened) {
        Set<TopicPartition> assigned = opened.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, Long> ends = opened.endOffsets(assigned, Duration.ofSeconds(5));
            lag.keySet().retainAll(assigned);
            for (TopicPartition partition : assigned) {
                long position = opened.position(partition, Duration.ofSeconds(5));
                lag.put(partition, Math.max(0, ends.getOrDefault(partition, position) - position));
            }
            health.activity();
            if (lag() == 0) {
                caughtUp.countDown();
            }
            if (health.state() != SourceState.CONNECTED) {
                if (health.state() == SourceState.RECONNECTING || health.state() == SourceState.STALE) {
                    health.reconnected();
                }
                health.state(SourceState.CONNECTED);
                LOG.info("Reading Gerrit's events from Kafka topic {} as group {}", config.topic(), groupId);
            }
            backoff.reset();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            health.error("Kafka at " + kafka.bootstrapServers() + " did not answer within 5 s");
            health.state(SourceState.STALE);
        }
    }

    private void accept(ConsumerRecord<String, String> record) {
        String value = record.value();
        ParseOutcome outcome = parser.parseLine(value == null ? "" : value);
        if (outcome instanceof ParseOutcome.Parsed parsed) {
            health.event();
            tap.accept(value);
            if (gate.admit(parsed.event())) {
                fanout.publish(parsed.event());
            }
        } else {
            health.malformed();
            String why = outcome instanceof ParseOutcome.Malformed malformed ? malformed.reason() : "empty value";
            LOG.warn("Skipped a value on {} (partition {}, offset {}) that is not a Gerrit event: {}", record.topic(),
                    record.partition(), record.offset(), why);
        }
    }

    private void loadOpenChangesOnce() {
        while (running) {
            try {
                List<GerritEvent> events = openChanges.openChanges();
                long delivered = events.stream().filter(gate::admit).peek(fanout::publish).count();
                LOG.info("Open changes from {}: {} events, {} new", openChanges.describe(), events.size(), delivered);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                Duration wait = backoff.next();
                LOG.warn("Loading open changes from {} failed, trying again in {} ms: {}", openChanges.describe(), wait.toMillis(),
                        e.getMessage());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        backoff.reset();
    }

    private Properties consumerSettings() {
        Properties settings = kafka.client(groupId);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // the group's offsets only show operators the lag (kafka-consumer-groups); where to read is decided here
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");
        return settings;
    }

    /**
     * Where reading starts on a partition: where this replica left it if it read it before (a
     * rebalance, a reconnect), else at the first event stored since {@code replay} before the start.
     */
    private final class StartingPoint implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, String> owner;

        StartingPoint(KafkaConsumer<String, String> owner) {
            this.owner = owner;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> byTime = new HashMap<>();
            long since = startedAt.minus(config.replay()).toEpochMilli();
            for (TopicPartition partition : partitions) {
                Long position = positions.get(partition);
                if (position != null) {
                    owner.seek(partition, position);
                } else {
                    byTime.put(partition, since);
                }
            }
            if (byTime.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndTimestamp> found = owner.offsetsForTimes(byTime);
            for (TopicPartition partition : byTime.keySet()) {
                OffsetAndTimestamp offset = found.get(partition);
                if (offset != null) {
                    owner.seek(partition, offset.offset());
                } else {
                    owner.seekToEnd(List.of(partition));
                }
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }
    }
}
