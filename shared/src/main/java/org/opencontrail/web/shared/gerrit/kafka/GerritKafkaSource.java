package org.opencontrail.web.shared.gerrit.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.event.GerritEventParser;
import org.opencontrail.web.shared.gerrit.event.ParseOutcome;
import org.opencontrail.web.shared.gerrit.stream.EventGate;
import org.opencontrail.web.shared.gerrit.stream.GerritBackfill;
import org.opencontrail.web.shared.kafka.KafkaSettings;
import org.opencontrail.web.shared.kafka.TopicReader;
import org.opencontrail.web.shared.retry.Backoff;
import org.opencontrail.web.shared.source.EventFanout;
import org.opencontrail.web.shared.source.EventListener;
import org.opencontrail.web.shared.source.Source;
import org.opencontrail.web.shared.source.SourceHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gerrit's events from a Kafka topic: the one Gerrit's events-kafka plugin writes, or the one the
 * relay's leader fills from the SSH stream. Each replica reads every event in a consumer group of its
 * own, starting {@code replay} before it started; events seen twice (a relay handover, a replay that
 * meets the open changes loaded from REST) are handed on once; values that are not events are counted
 * and skipped.
 */
public final class GerritKafkaSource implements Source, TopicReader.Handler {

    public static final String SOURCE = "gerrit-kafka";
    private static final Logger LOG = LoggerFactory.getLogger(GerritKafkaSource.class);

    private final GerritKafkaSettings config;
    private final GerritBackfill openChanges;
    private final Clock clock;
    private final SourceHealth health;
    private final EventFanout<GerritEvent> fanout;
    private final EventGate gate = new EventGate();
    private final GerritEventParser parser = new GerritEventParser();
    private final Backoff openChangesBackoff;
    private final TopicReader reader;
    /** Where this replica has read to, per partition: a rebalance resumes there, not at the group's commit. */
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();

    private volatile Consumer<String> tap = line -> {};
    private volatile Instant startedAt = Instant.EPOCH;
    private volatile boolean loadOpenChanges;

    /**
     * @param openChanges loads every open change from Gerrit's REST API before the topic is read, when
     *                    {@link #loadOpenChanges()} is asked for
     */
    public GerritKafkaSource(
            KafkaSettings kafka,
            GerritKafkaSettings config,
            String groupId,
            GerritBackfill openChanges,
            int queueCapacity,
            Clock clock,
            RandomGenerator random) {
        this.config = config;
        this.openChanges = openChanges;
        this.clock = clock;
        this.health = new SourceHealth(SOURCE, clock);
        this.fanout = new EventFanout<>(SOURCE, queueCapacity);
        this.health.backlog(fanout::backlog);
        this.openChangesBackoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), random);
        // the group's offsets only show operators the lag (kafka-consumer-groups); where to read is decided here
        this.reader = new TopicReader(
                kafka,
                config.topic(),
                groupId,
                Map.of(
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "latest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "true"),
                this,
                health,
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), random));
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
        return reader.awaitCaughtUp(limit);
    }

    public SourceHealth health() {
        return health;
    }

    public String groupId() {
        return reader.groupId();
    }

    public String topic() {
        return config.topic();
    }

    /** Events on the topic this replica has not read yet, over its partitions, as of the last check. */
    public long lag() {
        return reader.lag();
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
    public void start() {
        startedAt = clock.instant();
        reader.start();
    }

    @Override
    public void close() {
        reader.close();
        fanout.close();
    }

    @Override
    public void beforeReading() {
        if (loadOpenChanges) {
            loadOpenChangesOnce();
        }
    }

    @Override
    public void records(KafkaConsumer<String, String> consumer, ConsumerRecords<String, String> records) {
        for (ConsumerRecord<String, String> record : records) {
            accept(record);
            positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        }
    }

    /**
     * Where reading starts on a partition: where this replica left it if it read it before (a
     * rebalance, a reconnect), else at the first event stored since {@code replay} before the start.
     */
    @Override
    public void assigned(KafkaConsumer<String, String> consumer, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> byTime = new HashMap<>();
        long since = startedAt.minus(config.replay()).toEpochMilli();
        for (TopicPartition partition : partitions) {
            Long position = positions.get(partition);
            if (position != null) {
                consumer.seek(partition, position);
            } else {
                byTime.put(partition, since);
            }
        }
        if (byTime.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(byTime);
        for (TopicPartition partition : byTime.keySet()) {
            OffsetAndTimestamp offset = found.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset.offset());
            } else {
                consumer.seekToEnd(List.of(partition));
            }
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
            LOG.warn(
                    "Skipped a value on {} (partition {}, offset {}) that is not a Gerrit event: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    why);
        }
    }

    private void loadOpenChangesOnce() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                List<GerritEvent> events = openChanges.openChanges();
                long delivered = events.stream()
                        .filter(gate::admit)
                        .peek(fanout::publish)
                        .count();
                LOG.info("Open changes from {}: {} events, {} new", openChanges.describe(), events.size(), delivered);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                Duration wait = openChangesBackoff.next();
                LOG.warn(
                        "Loading open changes from {} failed, trying again in {} ms: {}",
                        openChanges.describe(),
                        wait.toMillis(),
                        e.getMessage());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
