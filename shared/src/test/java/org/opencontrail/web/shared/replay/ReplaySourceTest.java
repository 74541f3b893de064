package org.opencontrail.web.shared.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResult;

class ReplaySourceTest {

    @TempDir
    Path dir;

    @Test
    void whatTheRecorderWritesIsPlayedBackInOrderAtTheChosenSpeed() throws Exception {
        Path file = dir.resolve("day.jsonl");
        Instant start = Instant.parse("2026-11-24T10:00:00Z");
        try (EventRecorder first = new EventRecorder(file, Clock.fixed(start, ZoneOffset.UTC))) {
            first.record(
                    RecordedEvent.GERRIT,
                    "{\"type\":\"patchset-created\",\"change\":{\"number\":1},\"eventCreatedOn\":1}");
        }
        try (EventRecorder later = new EventRecorder(file, Clock.fixed(start.plusSeconds(2), ZoneOffset.UTC))) {
            later.record(RecordedEvent.ZUUL_MQTT, "{\"action\":\"start\",\"pipeline\":\"check\",\"change\":1}");
            later.record(
                    RecordedEvent.GERRIT,
                    "{\"type\":\"comment-added\",\"change\":{\"number\":1},\"comment\":\"recheck\"}");
        }
        Files.writeString(file, "not a recorded event\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(Files.readAllLines(file))
                .hasSize(4)
                .first()
                .asString()
                .isEqualTo(
                        "{\"at\":\"2026-11-24T10:00:00Z\",\"source\":\"gerrit\",\"event\":{\"type\":\"patchset-created\",\"change\":{\"number\":1},\"eventCreatedOn\":1}}");

        List<GerritEvent> gerrit = new CopyOnWriteArrayList<>();
        List<BuildsetResult> results = new CopyOnWriteArrayList<>();
        try (ReplaySource replay =
                new ReplaySource(new ReplaySettings(file.toString(), 10, false), Clock.systemUTC())) {
            replay.subscribeGerrit(gerrit::add);
            replay.subscribeResults(results::add);
            long started = System.nanoTime();
            replay.start();

            await().atMost(Duration.ofSeconds(5)).until(() -> gerrit.size() == 2 && results.size() == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("2 s recorded at 10x")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(190));
            assertThat(gerrit).extracting(GerritEvent::type).containsExactly("patchset-created", "comment-added");
            assertThat(results.get(0).action()).isEqualTo("start");
            await().atMost(Duration.ofSeconds(2))
                    .until(() -> replay.health().status().malformedLines() == 1);
        }
    }

    @Test
    void aLineLongerThanAnyEventIsSkippedWithoutHoldingItAndTheRestPlays() throws Exception {
        Path file = dir.resolve("huge.jsonl");
        try (EventRecorder recorder =
                new EventRecorder(file, Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC))) {
            recorder.record(
                    RecordedEvent.GERRIT,
                    "{\"type\":\"patchset-created\",\"change\":{\"number\":1},\"eventCreatedOn\":1}");
        }
        try (var out = Files.newBufferedWriter(file, java.nio.file.StandardOpenOption.APPEND)) {
            char[] chunk = new char[1 << 20];
            java.util.Arrays.fill(chunk, 'x');
            for (int i = 0; i < 17; i++) {
                out.write(chunk); // 17 M characters on one line, past what a recorded event may be
            }
            out.write('\n');
        }
        try (EventRecorder recorder =
                new EventRecorder(file, Clock.fixed(Instant.parse("2026-11-24T10:00:01Z"), ZoneOffset.UTC))) {
            recorder.record(
                    RecordedEvent.GERRIT,
                    "{\"type\":\"change-merged\",\"change\":{\"number\":1},\"eventCreatedOn\":2}");
        }
        List<GerritEvent> gerrit = new CopyOnWriteArrayList<>();
        try (ReplaySource replay =
                new ReplaySource(new ReplaySettings(file.toString(), 100, false), Clock.systemUTC())) {
            replay.subscribeGerrit(gerrit::add);
            replay.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> gerrit.size() == 2);
            assertThat(gerrit).extracting(GerritEvent::type).containsExactly("patchset-created", "change-merged");
            await().atMost(Duration.ofSeconds(2))
                    .until(() -> replay.health().status().malformedLines() == 1);
        }
    }
}
