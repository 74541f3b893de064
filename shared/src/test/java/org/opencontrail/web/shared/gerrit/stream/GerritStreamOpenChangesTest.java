package org.opencontrail.web.shared.gerrit.stream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stream told to load open changes learns them from REST at start, even while its SSH side cannot
 * connect, retries a REST error, and delivers each event once.
 */
class GerritStreamOpenChangesTest {

    private HttpServer gerrit;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int failFirst;

    @BeforeEach
    void serve() throws IOException {
        byte[] answer;
        try (InputStream in = getClass().getResourceAsStream("/gerrit/real-gerrit-3.11.0/rest/changes-query-acme-widgets.json")) {
            answer = in.readAllBytes();
        }
        gerrit = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gerrit.createContext("/changes/", exchange -> {
            int status = requests.incrementAndGet() <= failFirst ? 500 : 200;
            exchange.sendResponseHeaders(status, status == 200 ? answer.length : -1);
            if (status == 200) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        gerrit.start();
    }

    @AfterEach
    void stop() {
        gerrit.stop(0);
    }

    @Test
    void openChangesArriveWhileSshIsDownAndAnErrorIsRetried() throws Exception {
        failFirst = 1;
        List<GerritEvent> events = new CopyOnWriteArrayList<>();
        try (GerritStream stream = stream()) {
            stream.subscribe(events::add);
            stream.loadOpenChanges(Duration.ofDays(1));
            stream.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> stream.openChangesLoadedAt().isPresent());
            assertThat(requests.get()).as("one failed request, then one that answered").isEqualTo(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 4);
            assertThat(events).extracting(e -> e.type()).containsExactly("comment-added", "comment-added", "patchset-created", "change-merged");
            assertThat(stream.counters().openChangeEvents()).isEqualTo(4);
        }
    }

    @Test
    void withoutBeingToldTheStreamAsksNothingOfRest() throws Exception {
        try (GerritStream stream = stream()) {
            stream.start();
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> requests.get() == 0);
            assertThat(stream.openChangesLoadedAt()).isEmpty();
        }
    }

    private GerritStream stream() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        GerritSshConfig ssh = new GerritSshConfig("127.0.0.1", closedPort, "ci", "", "", "", GerritSshConfig.HostKeyPolicy.STRICT,
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(100),
                Duration.ofMillis(300), List.of(), 10_000);
        return new GerritStream(ssh, new RestChangesBackfill("http://127.0.0.1:" + gerrit.getAddress().getPort(), Duration.ofSeconds(5)),
                Clock.systemUTC(), new SplittableRandom(3));
    }
}
