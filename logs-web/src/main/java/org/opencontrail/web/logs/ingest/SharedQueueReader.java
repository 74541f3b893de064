package org.opencontrail.web.logs.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.shared.kafka.KafkaSettings;
import org.opencontrail.web.shared.kafka.TopicReader;
import org.opencontrail.web.shared.retry.Backoff;
import org.opencontrail.web.shared.source.Source;
import org.opencontrail.web.shared.source.SourceHealth;
import org.opencontrail.web.shared.text.Excerpts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes builds off the queue the replicas share, in one consumer group: each build is fetched,
 * stored and indexed by the one replica its partition is given to, and acknowledged (its offset
 * committed) only once it is finished here. When its partitions move to another replica (one
 * joined or left), it first finishes and acknowledges what it holds, so that no build is fetched
 * twice; a replica that dies leaves its unacknowledged builds to the next, which skips any the
 * store already holds as finished.
 */
public final class SharedQueueReader implements Source, TopicReader.Handler {

    public static final String SOURCE = "ingest-queue";
    private static final Logger LOG = LoggerFactory.getLogger(SharedQueueReader.class);
    private static final Duration WAIT_POLL = Duration.ofMillis(200);
    /** The longest a rebalance waits for this replica's builds: the group's own limit (max.poll.interval.ms) is 5 minutes. */
    private static final Duration HANDOVER_WAIT = Duration.ofMinutes(4);

    /** One build taken from the queue, and where it was. */
    private record Taken(TopicPartition partition, long offset, CompletableFuture<BuildRecord> done) {}

    private final IngestTopic topic;
    private final IngestQueue queue;
    private final BuildRecords records;
    private final SourceHealth health;
    private final TopicReader reader;
    /** The builds of the poll being worked on; only the reader's thread touches it. */
    private final List<Taken> taken = new ArrayList<>();

    /** Completed when the app stops: a handover waiting for builds this replica will not finish gives up at once. */
    private final CompletableFuture<Void> closing = new CompletableFuture<>();
    /** Builds unfinished while the group waits for this replica to give its partitions up. */
    private volatile int handingOver;

    SharedQueueReader(
            KafkaSettings kafka,
            IngestTopic topic,
            IngestQueue queue,
            BuildRecords records,
            IngestSettings ingest,
            Clock clock) {
        this.topic = topic;
        this.queue = queue;
        this.records = records;
        this.health = new SourceHealth(SOURCE, clock);
        IngestKafkaSettings settings = topic.settings();
        long session = settings.sessionTimeout().toMillis();
        this.reader = new TopicReader(
                kafka,
                settings.topic(),
                settings.groupId(),
                Map.of(
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        // builds the workers can take at once; the next poll waits until they are finished
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(Math.max(1, ingest.workers() * 2)),
                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(session),
                        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, String.valueOf(Math.max(100, session / 3))),
                this,
                health,
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom()));
    }

    public SourceHealth health() {
        return health;
    }

    public long lag() {
        return reader.lag();
    }

    /** Builds this replica is finishing before its partitions move; the whole group waits meanwhile. */
    public int handingOver() {
        return handingOver;
    }

    @Override
    public void start() {
        if (queue.working()) {
            reader.start();
        }
    }

    @Override
    public void close() {
        closing.complete(null);
        reader.close();
    }

    @Override
    public void beforeReading() {
        try {
            topic.makeTopics();
        } catch (IllegalStateException e) {
            LOG.warn("Could not make the ingest topics: {}", e.getMessage());
        }
    }

    /**
     * Hands the builds of one poll to the workers and waits, its partitions paused but its place in the
     * group kept by polling, until every one is finished; then acknowledges them.
     */
    @Override
    public void records(KafkaConsumer<String, String> consumer, ConsumerRecords<String, String> batch) {
        take(batch);
        while (!taken.isEmpty() && !allDone()) {
            consumer.pause(consumer.assignment());
            take(consumer.poll(WAIT_POLL)); // partitions given meanwhile are not paused yet
        }
        acknowledge(consumer);
        consumer.resume(consumer.assignment());
    }

    /** Before its partitions go elsewhere, finishes what it holds (unless the app stops) and acknowledges it. */
    @Override
    public void revoked(KafkaConsumer<String, String> consumer, Collection<TopicPartition> partitions) {
        if (taken.isEmpty()) {
            return;
        }
        if (!closing.isDone()) {
            handingOver = (int) taken.stream().filter(t -> !t.done().isDone()).count();
            try {
                // the wait ends when the app stops too: the group's rebalance waits for this replica meanwhile
                CompletableFuture.anyOf(
                                CompletableFuture.allOf(
                                        taken.stream().map(Taken::done).toArray(CompletableFuture[]::new)),
                                closing)
                        .get(HANDOVER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("Handing partitions over with builds unfinished: another replica takes them up");
            } finally {
                handingOver = 0;
            }
        }
        acknowledge(consumer);
    }

    private boolean allDone() {
        return taken.stream().allMatch(t -> t.done().isDone());
    }

    /** Commits, per partition, up to the first build not finished; forgets what it commits. */
    private void acknowledge(KafkaConsumer<String, String> consumer) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, Boolean> blocked = new HashMap<>();
        for (Taken t : taken) {
            if (blocked.getOrDefault(t.partition(), false)) {
                continue;
            }
            if (t.done().isDone()) {
                offsets.put(t.partition(), new OffsetAndMetadata(t.offset() + 1));
            } else {
                blocked.put(t.partition(), true);
            }
        }
        taken.removeIf(t -> t.done().isDone());
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
        } catch (KafkaException e) {
            // the partitions went to another replica meanwhile: it takes these builds again and finds them finished
            LOG.info(
                    "Builds finished here were not acknowledged ({}): another replica will find them done",
                    e.getMessage());
        }
    }

    private void take(ConsumerRecords<String, String> batch) {
        for (ConsumerRecord<String, String> record : batch) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            try {
                BuildRecord queued =
                        records.json().read(String.valueOf(record.value()).getBytes(StandardCharsets.UTF_8));
                health.event();
                taken.add(new Taken(partition, record.offset(), fetchUnlessFinished(queued)));
            } catch (java.io.IOException | RuntimeException e) {
                health.malformed();
                taken.add(new Taken(partition, record.offset(), CompletableFuture.completedFuture(null)));
                LOG.warn(
                        "Skipped a value on {} (partition {}, offset {}) that is not a build: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        Excerpts.of(String.valueOf(e.getMessage())));
            }
        }
    }

    /**
     * A build the store already holds as finished (another replica did it) is not fetched again. Its
     * replica may have died before telling the others (this one has no record of it): it is told again,
     * and every replica, this one too, keeps and indexes it as one finished elsewhere.
     */
    private CompletableFuture<BuildRecord> fetchUnlessFinished(BuildRecord queued) throws java.io.IOException {
        Optional<BuildRecord> known = records.get(queued.build().uuid());
        if (known.isEmpty() || !known.get().state().finished()) {
            Optional<BuildRecord> finished =
                    records.finishedInStore(queued.build().uuid());
            if (finished.isPresent() && finished.get().state() == IngestState.DONE) {
                topic.announce(finished.get());
                return CompletableFuture.completedFuture(finished.get());
            }
        }
        return queue.fetchHere(queued.build(), queued.source());
    }
}
