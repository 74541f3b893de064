package org.opencontrail.web.shared.gerrit.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.leader.Participant;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.opencontrail.web.shared.cluster.Replica;
import org.opencontrail.web.shared.cluster.ZooKeeperSettings;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.event.GerritEventWriter;
import org.opencontrail.web.shared.gerrit.stream.GerritStream;
import org.opencontrail.web.shared.kafka.KafkaSettings;
import org.opencontrail.web.shared.kafka.Topics;
import org.opencontrail.web.shared.source.EventListener;
import org.opencontrail.web.shared.source.Source;
import org.opencontrail.web.shared.source.SourceState;
import org.opencontrail.web.shared.source.SourceStatus;
import org.opencontrail.web.shared.text.Excerpts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For a Gerrit without the events-kafka plugin: the replicas of every site elect one leader in
 * ZooKeeper (Curator's {@link LeaderLatch}), and the leader alone holds Gerrit's SSH stream (with its
 * watchdog and backfill) and puts each event on the topic that every replica reads. A new leader's
 * stream backfills from the last event its replica read off the topic, so a handover loses nothing,
 * and what it sends twice the readers drop. Without ZooKeeper the replica relays alone.
 */
public final class GerritRelay implements Source {

    public static final String NAME = "gerrit-relay";
    /** The longest a new leader waits to have read the topic before it takes the stream. */
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    /** How long a replica that could not start its stream stays out of the election, so that another leads. */
    static final Duration REJOIN_AFTER = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(GerritRelay.class);

    private final KafkaSettings kafka;
    private final GerritKafkaSettings config;
    private final ZooKeeperSettings zooKeeper;
    private final String participant;
    private final Supplier<GerritStream> streams;
    private final GerritKafkaSource topicReader;
    private final Clock clock;
    private final GerritEventWriter writer = new GerritEventWriter();
    /** Leadership changes one at a time, in the order ZooKeeper reports them. */
    private final ScheduledThreadPoolExecutor transitions;

    private final AtomicReference<GerritStream> stream = new AtomicReference<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong handovers = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile Instant leadingSince;
    /** Since when the leader's stream has not been up; only the leadership thread touches it. */
    private Instant downSince;

    private volatile KafkaProducer<String, String> producer;
    private volatile CuratorFramework curator;
    private volatile LeaderLatch latch;
    private volatile boolean running;

    /**
     * @param streams     makes a new SSH stream each time this replica comes to lead
     * @param topicReader this replica's reader of the topic: where a new leader's backfill starts
     */
    public GerritRelay(
            KafkaSettings kafka,
            GerritKafkaSettings config,
            ZooKeeperSettings zooKeeper,
            Replica replica,
            Supplier<GerritStream> streams,
            GerritKafkaSource topicReader,
            Clock clock) {
        this.kafka = kafka;
        this.config = config;
        this.zooKeeper = zooKeeper;
        this.participant = replica.app() + "/" + replica.id();
        this.streams = streams;
        this.topicReader = topicReader;
        this.clock = clock;
        this.transitions = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, NAME + "-leadership");
            t.setDaemon(true);
            return t;
        });
        // a rejoin still waiting when the relay closes is dropped
        this.transitions.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        producer = new KafkaProducer<>(producerSettings());
        if (!zooKeeper.configured()) {
            LOG.warn(
                    "zookeeper.connect is not set: this replica relays Gerrit's stream alone (each replica would, with several)");
            transitions.execute(this::lead);
            return;
        }
        curator = CuratorFrameworkFactory.builder()
                .connectString(zooKeeper.connect())
                .sessionTimeoutMs((int) zooKeeper.sessionTimeout().toMillis())
                .connectionTimeoutMs((int) zooKeeper.connectTimeout().toMillis())
                .retryPolicy(new ExponentialBackoffRetry(500, 29, 10_000))
                .build();
        curator.start();
        join();
        var unused = transitions.scheduleWithFixedDelay(this::watchStream, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * A leader that cannot hold Gerrit's stream (this replica cannot reach Gerrit, or lacks its key)
     * stands aside after {@code gerrit.kafka.stand-aside-after}, so that another replica leads; where
     * none can, the leadership goes round and each tries in turn.
     */
    private void watchStream() {
        GerritStream leading = stream.get();
        if (leading == null || leading.health().state() == SourceState.CONNECTED) {
            downSince = null;
            return;
        }
        Instant now = clock.instant();
        if (downSince == null) {
            downSince = now;
        } else if (!Duration.between(downSince, now)
                .minus(config.standAsideAfter())
                .isNegative()) {
            downSince = null;
            lastError.set("stood aside: its stream to Gerrit was not up for "
                    + config.standAsideAfter().toSeconds() + " s"
                    + leading.health()
                            .status()
                            .lastError()
                            .map(error -> " (" + error + ")")
                            .orElse(""));
            LOG.warn(
                    "{} could not hold Gerrit's stream for {} s; it stands aside for {} s",
                    participant,
                    config.standAsideAfter().toSeconds(),
                    REJOIN_AFTER.toSeconds());
            follow();
            standAside();
        }
    }

    /** Enters the election (again: a closed latch cannot be started twice). */
    private void join() {
        if (!running) {
            return;
        }
        LeaderLatch latch = new LeaderLatch(curator, electionPath(), participant, LeaderLatch.CloseMode.NOTIFY_LEADER);
        this.latch = latch;
        latch.addListener(
                new LeaderLatchListener() {
                    @Override
                    public void isLeader() {
                        LOG.info("{} leads the Gerrit relay of topic {}", participant, config.topic());
                        lead();
                    }

                    @Override
                    public void notLeader() {
                        LOG.info("{} no longer leads the Gerrit relay of topic {}", participant, config.topic());
                        follow();
                    }
                },
                transitions);
        try {
            latch.start();
        } catch (Exception e) {
            lastError.set("joining the election failed: " + e.getMessage());
            LOG.warn("Joining the Gerrit relay's election at {} failed", zooKeeper.connect(), e);
        }
    }

    /** One election per topic, whichever site each replica serves: one SSH session per Gerrit. */
    String electionPath() {
        return zooKeeper.root() + "/gerrit-relay/" + config.topic();
    }

    private void lead() {
        if (!running || stream.get() != null) {
            return;
        }
        boolean madeNow = false;
        try {
            madeNow = ensureTopic();
        } catch (RuntimeException e) {
            // the producer retries, and brokers that make topics on first use need none made
            lastError.set(e.getMessage());
            LOG.warn(
                    "{} leads but could not make sure topic {} exists: {}",
                    participant,
                    config.topic(),
                    e.getMessage());
        }
        try {
            // a topic made just now holds nothing to read first
            if (!madeNow && !topicReader.awaitCaughtUp(CATCH_UP)) {
                LOG.warn(
                        "{} leads before reading topic {} to its end: its backfill starts at {}",
                        participant,
                        config.topic(),
                        topicReader.lastEventCreatedOn());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            GerritStream next = streams.get();
            next.resumeAfter(topicReader.lastEventCreatedOn());
            next.subscribe(new Publisher());
            next.start();
            stream.set(next);
            leadingSince = clock.instant();
            handovers.incrementAndGet();
        } catch (RuntimeException e) {
            lastError.set("could not start leading: " + e.getMessage());
            LOG.warn(
                    "{} was elected but could not start relaying; it stands aside for {} s",
                    participant,
                    REJOIN_AFTER.toSeconds(),
                    e);
            standAside();
        }
    }

    /**
     * After its stream could not be made (a missing key, say): leaves the election so that another
     * replica leads, and comes back later; alone, it simply tries again later.
     */
    private void standAside() {
        LeaderLatch current = latch;
        if (current == null) {
            var unused = transitions.schedule(this::lead, REJOIN_AFTER.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        try {
            current.close(LeaderLatch.CloseMode.SILENT);
        } catch (Exception e) {
            LOG.debug("Leaving the election failed", e);
        }
        var unused = transitions.schedule(this::join, REJOIN_AFTER.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void follow() {
        GerritStream leading = stream.getAndSet(null);
        leadingSince = null;
        if (leading != null) {
            leading.close();
        }
        KafkaProducer<String, String> current = producer;
        if (current != null) {
            current.flush();
        }
    }

    /** Makes the topic when the brokers lack it, with the partitions and copies configured; whether it made it. */
    private boolean ensureTopic() {
        if (new Topics(kafka, participant)
                .ensure(config.topic(), config.partitions(), config.replicationFactor(), Map.of())) {
            LOG.info("Made Kafka topic {} ({} partitions)", config.topic(), config.partitions());
            return true;
        }
        return false;
    }

    private Properties producerSettings() {
        Properties settings = kafka.client(participant + "-relay");
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return settings;
    }

    /** Whether this replica leads now. */
    public boolean leading() {
        return stream.get() != null;
    }

    /** Who leads, as ZooKeeper says: this replica without ZooKeeper; empty while nobody does or ZooKeeper cannot be asked. */
    public Optional<String> leader() {
        LeaderLatch current = latch;
        if (current == null) {
            return leading() ? Optional.of(participant) : Optional.empty();
        }
        try {
            Participant leader = current.getLeader();
            return leader.isLeader() ? Optional.of(leader.getId()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Every replica in the election, as ZooKeeper says. */
    public List<String> participants() {
        LeaderLatch current = latch;
        if (current == null) {
            return List.of(participant);
        }
        try {
            return current.getParticipants().stream().map(Participant::getId).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    public String participant() {
        return participant;
    }

    /** What /health and /infra show of the relay. */
    public record Status(
            String participant,
            boolean leading,
            Optional<String> leader,
            List<String> participants,
            Optional<Instant> leadingSince,
            Optional<SourceStatus> stream,
            long published,
            long publishFailures,
            long timesLed,
            Optional<String> lastError) {

        /** A relay is well when somebody leads and, if it is this replica, its stream is up. */
        public boolean healthy() {
            return leader.isPresent()
                    && (!leading || stream.map(SourceStatus::healthy).orElse(false));
        }
    }

    public Status status() {
        GerritStream leading = stream.get();
        return new Status(
                participant,
                leading != null,
                leader(),
                participants(),
                Optional.ofNullable(leadingSince),
                Optional.ofNullable(leading).map(s -> s.health().status()),
                published.get(),
                failed.get(),
                handovers.get(),
                Optional.ofNullable(lastError.get()));
    }

    @Override
    public synchronized void close() {
        running = false;
        LeaderLatch current = latch;
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                LOG.debug("Closing the leader latch failed", e);
            }
        }
        transitions.execute(this::follow);
        transitions.shutdown();
        try {
            transitions.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (curator != null) {
            curator.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }

    /** Puts each event the leader's stream hands on onto the topic, keyed so that a change's events keep their order. */
    private final class Publisher implements EventListener<GerritEvent> {

        @Override
        public void onEvent(GerritEvent event) {
            String key = event instanceof GerritEvent.ChangeEvent change
                    ? change.change().project() + "~" + change.change().number()
                    : String.join(",", event.projects());
            var unused =
                    producer.send(new ProducerRecord<>(config.topic(), key, writer.line(event)), (metadata, error) -> {
                        if (error == null) {
                            published.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            lastError.set("publishing to " + config.topic() + " failed: "
                                    + Excerpts.of(String.valueOf(error.getMessage())));
                            LOG.warn("Publishing a {} event to {} failed", event.type(), config.topic(), error);
                        }
                    });
        }

        @Override
        public String listenerName() {
            return "kafka-publisher";
        }
    }
}
