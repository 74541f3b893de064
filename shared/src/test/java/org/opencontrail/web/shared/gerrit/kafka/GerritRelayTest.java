package org.opencontrail.web.shared.gerrit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.KafkaBroker;
import org.opencontrail.web.fixtures.LocalZooKeeper;
import org.opencontrail.web.shared.cluster.Replica;
import org.opencontrail.web.shared.cluster.ZooKeeperSettings;
import org.opencontrail.web.shared.gerrit.event.EventKey;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.stream.GerritBackfill;
import org.opencontrail.web.shared.gerrit.stream.GerritSshSettings;
import org.opencontrail.web.shared.gerrit.stream.GerritStream;
import org.opencontrail.web.shared.kafka.KafkaSettings;
import org.opencontrail.web.shared.ssh.OpenSshServer;
import org.opencontrail.web.shared.testing.FaultyProxy;

/**
 * Two replicas relay a real OpenSSH "Gerrit" through a real Kafka broker, electing their leader in a
 * real ZooKeeper. The leader is cut off from ZooKeeper (its connection refused, as a dead machine's
 * would be): the other replica leads within 10 s, and each replica has every event Gerrit sent, once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("kafka")
class GerritRelayTest {

    private Path dir;
    private Path events;
    private KafkaBroker kafka;
    private LocalZooKeeper zooKeeper;
    private OpenSshServer gerrit;
    private Path key;
    private Path knownHosts;
    private int sent;
    private String topic;
    private int tests;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        kafka = KafkaBroker.start();
        zooKeeper = LocalZooKeeper.start();
        events = dir.resolve("events.jsonl");
        Files.writeString(events, "");
        key = OpenSshServer.keygen(dir.resolve("client/id_ed25519"), "ed25519", "RFC4716", "");
        Path hostKey = OpenSshServer.keygen(dir.resolve("host/ssh_host_ed25519_key"), "ed25519", "RFC4716", "");
        gerrit = OpenSshServer.start(
                dir.resolve("sshd"),
                List.of(hostKey),
                Optional.empty(),
                List.of(Files.readString(Path.of(key + ".pub"))),
                events);
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, gerrit.keyscan(false));
    }

    /** Each test has a topic of its own, and a Gerrit that has sent nothing yet. */
    @BeforeEach
    void freshTopicAndGerrit() throws Exception {
        topic = "gerrit-relayed-" + ++tests;
        Files.writeString(events, "");
        sent = 0;
    }

    @AfterAll
    void stop() throws Exception {
        gerrit.close();
        zooKeeper.close();
        kafka.close();
    }

    /** Gerrit sends these: merges of distinct commits, one a second. */
    private void gerritSends(int count) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int n = sent++;
            lines.append("""
                    {"type":"ref-updated","submitter":{"name":"Zuul","username":"zuul"},"refUpdate":{"oldRev":"%040x","newRev":"%040x","refName":"refs/heads/master","project":"Juniper/contrail-controller"},"eventCreatedOn":%d}
                    """.formatted(n, n + 1, 1_700_000_000L + n));
        }
        Files.writeString(events, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** One replica: its reader of the topic, its relay, and ZooKeeper reached through a proxy the test can cut. */
    private final class ReplicaUnderTest implements AutoCloseable {
        final String id;
        final FaultyProxy zooKeeperLink;
        final GerritKafkaSource reader;
        final GerritRelay relay;
        final List<GerritEvent> received = new CopyOnWriteArrayList<>();

        ReplicaUnderTest(String id) throws Exception {
            this(id, false, kafka);
        }

        /**
         * @param keyMissing whether this replica's SSH settings name a key that is not there
         * @param brokers    the Kafka it relays through
         */
        ReplicaUnderTest(String id, boolean keyMissing, KafkaBroker brokers) throws Exception {
            this.id = id;
            zooKeeperLink = new FaultyProxy(zooKeeper.port());
            KafkaSettings kafkaConfig = new KafkaSettings(brokers.bootstrapServers(), Map.of());
            GerritKafkaSettings topicConfig =
                    new GerritKafkaSettings(topic, "", Duration.ofDays(1), 1, (short) 0, Duration.ofSeconds(3));
            reader = new GerritKafkaSource(
                    kafkaConfig,
                    topicConfig,
                    "status-web-" + id,
                    GerritBackfill.NONE,
                    1000,
                    Clock.systemUTC(),
                    new SplittableRandom(1));
            reader.subscribe(received::add);
            String keyFile = keyMissing ? dir.resolve("no-such-key").toString() : key.toString();
            GerritSshSettings ssh = new GerritSshSettings(
                    "127.0.0.1",
                    gerrit.port(),
                    System.getProperty("user.name"),
                    keyFile,
                    "",
                    knownHosts.toString(),
                    GerritSshSettings.HostKeyPolicy.STRICT,
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(5),
                    Duration.ofMillis(200),
                    Duration.ofSeconds(1),
                    List.of(),
                    1000);
            ZooKeeperSettings election = new ZooKeeperSettings(
                    "127.0.0.1:" + zooKeeperLink.port(), "/test", Duration.ofSeconds(3), Duration.ofSeconds(3));
            relay = new GerritRelay(
                    kafkaConfig,
                    topicConfig,
                    election,
                    new Replica("status-web", id),
                    () -> new GerritStream(ssh, GerritBackfill.NONE, Clock.systemUTC(), new SplittableRandom(2)),
                    reader,
                    Clock.systemUTC());
            reader.start();
            relay.start();
        }

        @Override
        public void close() throws Exception {
            relay.close();
            reader.close();
            zooKeeperLink.close();
        }
    }

    private static void assertEveryEventOnce(ReplicaUnderTest replica, int expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> replica.received.size() >= expected);
        List<EventKey> keys = replica.received.stream().map(GerritEvent::key).toList();
        assertThat(new HashSet<>(keys))
                .as("replica %s: nothing twice", replica.id)
                .hasSize(keys.size());
        assertThat(keys).as("replica %s: every event Gerrit sent", replica.id).hasSize(expected);
    }

    /** Each replica has every event once, and a second later still no more: nothing arrives twice late. */
    private static void assertEveryEventOnceAndNoMore(int expected, ReplicaUnderTest... replicas) {
        for (ReplicaUnderTest replica : replicas) {
            assertEveryEventOnce(replica, expected);
        }
        await("nothing arrives twice late")
                .during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> {
                    for (ReplicaUnderTest replica : replicas) {
                        assertThat(replica.received)
                                .as("replica %s", replica.id)
                                .hasSize(expected);
                    }
                });
    }

    @Test
    void oneLeaderRelaysForAllAndAnotherTakesOverWithinTenSecondsLosingNothing() throws Exception {
        gerritSends(20);
        try (ReplicaUnderTest a = new ReplicaUnderTest("a");
                ReplicaUnderTest b = new ReplicaUnderTest("b")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> a.relay.leading() ^ b.relay.leading());
            ReplicaUnderTest leader = a.relay.leading() ? a : b;
            ReplicaUnderTest follower = leader == a ? b : a;
            assertEveryEventOnce(a, 20);
            assertEveryEventOnce(b, 20);
            assertThat(follower.relay.status().leader()).contains("status-web/" + leader.id);
            assertThat(follower.relay.status().participants())
                    .containsExactlyInAnyOrder("status-web/a", "status-web/b");
            assertThat(follower.relay.status().healthy()).isTrue();

            gerritSends(10);
            Instant cut = Instant.now();
            leader.zooKeeperLink.set(new FaultyProxy.Refuse());
            gerritSends(10); // while nobody may lead
            await().atMost(Duration.ofSeconds(10)).until(follower.relay::leading);
            Duration handover = Duration.between(cut, Instant.now());
            await().atMost(Duration.ofSeconds(10)).until(() -> !leader.relay.leading());
            gerritSends(10);

            assertEveryEventOnceAndNoMore(50, a, b);
            assertThat(handover).isLessThan(Duration.ofSeconds(10));
            assertThat(follower.relay.status().timesLed()).isEqualTo(1);
        }
    }

    @Test
    void losingTheBrokerThatLeadsTheTopicLosesNoEventAndRepeatsNone() throws Exception {
        try (KafkaBroker three = KafkaBroker.cluster(3)) {
            gerritSends(20);
            try (ReplicaUnderTest a = new ReplicaUnderTest("a", false, three);
                    ReplicaUnderTest b = new ReplicaUnderTest("b", false, three)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> a.relay.leading() ^ b.relay.leading());
                assertEveryEventOnce(a, 20);
                assertEveryEventOnce(b, 20);

                three.stopBroker(three.leaderOf(topic));
                gerritSends(20);

                assertEveryEventOnceAndNoMore(40, a, b);
                ReplicaUnderTest leader = a.relay.leading() ? a : b;
                assertThat(leader.relay.status().publishFailures())
                        .as("the producer waited out the new partition leader")
                        .isZero();
            }
        }
    }

    @Test
    void aLeaderThatCannotHoldGerritsStreamStandsAsideForAnother() throws Exception {
        try (ReplicaUnderTest broken = new ReplicaUnderTest("broken", true, kafka)) {
            await().atMost(Duration.ofSeconds(20)).until(broken.relay::leading);
            try (ReplicaUnderTest working = new ReplicaUnderTest("working")) {
                await().atMost(Duration.ofSeconds(20)).until(working.relay::leading);
                assertThat(broken.relay.status().lastError())
                        .hasValueSatisfying(error ->
                                assertThat(error).contains("stood aside").contains("no-such-key"));
                assertThat(broken.relay.leading()).isFalse();
                gerritSends(5);
                assertEveryEventOnce(working, sent);
                await().atMost(GerritRelay.REJOIN_AFTER.plusSeconds(10))
                        .until(() -> broken.relay.status().participants().contains("status-web/broken"));
                assertThat(broken.relay.status().leader())
                        .as("back in the election, behind the leader")
                        .contains("status-web/working");
            }
        }
    }
}
