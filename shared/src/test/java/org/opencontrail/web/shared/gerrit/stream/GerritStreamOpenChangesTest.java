package org.opencontrail.web.shared.gerrit.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.fixtures.FreePort;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.testing.GerritChangesServer;

/**
 * A stream told to load open changes learns them from REST at start, even while its SSH side cannot
 * connect, retries a REST error, and delivers each event once.
 */
class GerritStreamOpenChangesTest {

    private final GerritChangesServer gerrit =
            new GerritChangesServer("/gerrit/real-gerrit-3.11.0/rest/changes-query-acme-widgets.json");

    @AfterEach
    void stop() {
        gerrit.close();
    }

    @Test
    void openChangesArriveWhileSshIsDownAndAnErrorIsRetried() throws Exception {
        gerrit.failNext(1, 500);
        List<GerritEvent> events = new CopyOnWriteArrayList<>();
        try (GerritStream stream = stream()) {
            stream.subscribe(events::add);
            stream.loadOpenChanges(Duration.ofDays(1));
            stream.start();

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> stream.openChangesLoadedAt().isPresent());
            assertThat(gerrit.queries())
                    .as("one failed request, then one that answered")
                    .hasSize(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 4);
            assertThat(events)
                    .extracting(e -> e.type())
                    .containsExactly("comment-added", "comment-added", "patchset-created", "change-merged");
            assertThat(stream.counters().openChangeEvents()).isEqualTo(4);
        }
    }

    @Test
    void withoutBeingToldTheStreamAsksNothingOfRest() throws Exception {
        try (GerritStream stream = stream()) {
            stream.start();
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(1))
                    .until(() -> gerrit.queries().isEmpty());
            assertThat(stream.openChangesLoadedAt()).isEmpty();
        }
    }

    private GerritStream stream() throws IOException {
        int closedPort = FreePort.next(); // nothing listens: the stream only retries
        GerritSshSettings ssh = new GerritSshSettings(
                "127.0.0.1",
                closedPort,
                "ci",
                "",
                "",
                "",
                GerritSshSettings.HostKeyPolicy.STRICT,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofMillis(100),
                Duration.ofMillis(300),
                List.of(),
                10_000);
        return new GerritStream(
                ssh,
                new RestChangesBackfill(gerrit.url(), Duration.ofSeconds(5)),
                Clock.systemUTC(),
                new SplittableRandom(3));
    }
}
