package org.opencontrail.web.shared.gerrit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.fixtures.FreePort;
import org.opencontrail.web.fixtures.KafkaBroker;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.event.GerritEventParser;
import org.opencontrail.web.shared.gerrit.event.ParseOutcome;
import org.opencontrail.web.shared.gerrit.stream.GerritBackfill;
import org.opencontrail.web.shared.kafka.KafkaSettings;
import org.opencontrail.web.shared.source.SourceState;

/** Gerrit's events read from a real Kafka 4 broker, as Gerrit's events-kafka plugin writes them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("kafka")
class GerritKafkaSourceTest {

    private KafkaBroker kafka;
    private List<String> session;

    @BeforeAll
    void startKafka() throws Exception {
        kafka = KafkaBroker.start();
        try (InputStream in =
                getClass().getResourceAsStream("/gerrit/real-gerrit-3.11.0/stream/session-demo-hello.jsonl")) {
            session = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }
    }

    @AfterAll
    void stopKafka() throws Exception {
        kafka.close();
    }

    /** A replica's reader: each replica has a consumer group of its own, or they would share the events out. */
    private GerritKafkaSource source(String bootstrap, String topic, Duration replay) {
        return new GerritKafkaSource(
                new KafkaSettings(bootstrap, Map.of()),
                new GerritKafkaSettings(topic, "", replay, 1, (short) 0, Duration.ofSeconds(30)),
                "test-" + topic + "-" + replay.toSeconds(),
                GerritBackfill.NONE,
                1000,
                Clock.systemUTC(),
                new SplittableRandom(3));
    }

    private static List<GerritEvent> parsed(List<String> lines) {
        GerritEventParser parser = new GerritEventParser();
        return lines.stream()
                .map(parser::parseLine)
                .filter(ParseOutcome.Parsed.class::isInstance)
                .map(outcome -> ((ParseOutcome.Parsed) outcome).event())
                .filter(event -> !(event instanceof GerritEvent.RefUpdated ref
                        && ref.refUpdate().refName().endsWith("/meta")))
                .toList();
    }

    @Test
    void everyEventOfARealSessionArrivesOnceInOrderAndWhatIsNotAnEventIsSkipped() throws Exception {
        String topic = "gerrit-session";
        kafka.send(topic, "k", session.toArray(String[]::new));
        kafka.send(topic, "k", "{\"type\":\"patchset-created\",", "", session.get(0)); // cut, empty, and a repeat
        try (GerritKafkaSource source = source(kafka.bootstrapServers(), topic, Duration.ofHours(1))) {
            List<GerritEvent> events = new CopyOnWriteArrayList<>();
            source.subscribe(events::add);
            source.start();

            List<GerritEvent> expected = parsed(session);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> events.size() >= expected.size()
                            && source.health().state() == SourceState.CONNECTED
                            && source.lag() == 0);
            await("no event more")
                    .during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> events.size() == expected.size());
            assertThat(events).containsExactlyElementsOf(expected);
            assertThat(source.health().status().malformedLines()).isEqualTo(2);
            assertThat(source.duplicates()).isEqualTo(1);
            assertThat(source.lastEventCreatedOn())
                    .isEqualTo(expected.get(expected.size() - 1).createdOn());
            assertThat(source.health().status().healthy()).isTrue();
        }
    }

    @Test
    void aReplicaReadsBackAsFarAsItsReplayAndThenWhatComes() throws Exception {
        String topic = "gerrit-replay";
        kafka.send(topic, "k", session.get(0));
        Thread.sleep(50); // the pace itself: the record is older than the moment the fresh reader starts from
        try (GerritKafkaSource fresh = source(kafka.bootstrapServers(), topic, Duration.ZERO);
                GerritKafkaSource withReplay = source(kafka.bootstrapServers(), topic, Duration.ofMinutes(10))) {
            List<GerritEvent> onlyNew = new CopyOnWriteArrayList<>();
            List<GerritEvent> all = new CopyOnWriteArrayList<>();
            fresh.subscribe(onlyNew::add);
            withReplay.subscribe(all::add);
            fresh.start();
            withReplay.start();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> fresh.awaitCaughtUp(Duration.ZERO) && withReplay.awaitCaughtUp(Duration.ZERO));

            kafka.send(topic, "k", session.get(1));
            List<GerritEvent> both = parsed(session.subList(0, 2));
            await().atMost(Duration.ofSeconds(30)).until(() -> all.size() == 2 && onlyNew.size() == 1);
            assertThat(all).containsExactlyElementsOf(both);
            assertThat(onlyNew).containsExactly(both.get(1));
        }
    }

    @Test
    void withNoBrokerTheSourceSaysItIsNotConnected() throws Exception {
        try (GerritKafkaSource source = source("127.0.0.1:" + FreePort.next(), "gerrit", Duration.ofHours(1))) {
            source.start();
            await("never connected")
                    .during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> source.health().state() != SourceState.CONNECTED);
            assertThat(source.health().status().healthy()).isFalse();
        }
    }
}
