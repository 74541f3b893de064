package org.opencontrail.web.shared.zuul.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.shared.source.SourceState;
import org.opencontrail.web.shared.zuul.ZuulSettings;

/** The status poller against a loopback HTTP server that misbehaves the ways Zuul's web side does. */
class ZuulStatusSourceTest {

    enum Mode {
        OK,
        ERROR_500,
        HANG,
        TRUNCATED
    }

    private HttpServer server;
    private byte[] fixture;
    private volatile Mode mode = Mode.OK;
    private final List<String> conditional = new CopyOnWriteArrayList<>();
    private ZuulStatusSource source;

    @BeforeEach
    void serve() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/zuul/v2-status-openstack-2014-03-23.json")) {
            fixture = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/status.json", exchange -> {
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            conditional.add(String.valueOf(ifNoneMatch));
            switch (mode) {
                case OK -> {
                    exchange.getResponseHeaders().add("ETag", "\"v1\"");
                    if ("\"v1\"".equals(ifNoneMatch)) {
                        exchange.sendResponseHeaders(304, -1);
                    } else {
                        exchange.sendResponseHeaders(200, fixture.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(fixture);
                        }
                    }
                }
                case ERROR_500 -> exchange.sendResponseHeaders(500, -1);
                case HANG -> {
                    try {
                        Thread.sleep(3000); // the stall itself: longer than the source's timeout
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.sendResponseHeaders(500, -1);
                }
                case TRUNCATED -> {
                    byte[] half = Arrays.copyOf(fixture, fixture.length / 2);
                    exchange.sendResponseHeaders(200, half.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(half);
                    }
                }
            }
            exchange.close();
        });
        server.start();
        ZuulSettings config = new ZuulSettings(
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "",
                Duration.ofMillis(100),
                Duration.ofMillis(500));
        source = new ZuulStatusSource(config, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        source.close();
        server.stop(0);
    }

    @Test
    void aGoodAnswerBecomesTheCurrentSnapshotAndAnUnchangedOneCostsA304() throws Exception {
        List<ZuulSnapshot> published = new CopyOnWriteArrayList<>();
        source.subscribe(published::add);

        source.poll();
        source.poll();

        assertThat(source.current()).hasValueSatisfying(current -> {
            assertThat(current.snapshot().itemCount()).isEqualTo(18);
            assertThat(current.stale()).isFalse();
        });
        assertThat(conditional).containsExactly("null", "\"v1\"");
        assertThat(source.health().state()).isEqualTo(SourceState.CONNECTED);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(published).hasSize(1));
    }

    @Test
    void errorsTimeoutsAndTruncatedJsonKeepTheLastGoodSnapshotMarkedStale() throws Exception {
        source.poll();
        ZuulSnapshot good = source.current().orElseThrow().snapshot();

        for (Mode failure : List.of(Mode.ERROR_500, Mode.HANG, Mode.TRUNCATED)) {
            mode = failure;
            source.poll();

            assertThat(source.current()).as(failure.name()).hasValueSatisfying(current -> {
                assertThat(current.snapshot()).isSameAs(good);
                assertThat(current.stale()).isTrue();
            });
            assertThat(source.health().state()).isEqualTo(SourceState.STALE);
        }
        assertThat(source.health().status().lastError())
                .hasValueSatisfying(error -> assertThat(error).contains("unreadable status"));
        assertThat(source.health().status().malformedLines()).isEqualTo(1);

        mode = Mode.OK;
        source.poll();
        assertThat(source.current().orElseThrow().stale()).isFalse();
        assertThat(source.health().state()).isEqualTo(SourceState.CONNECTED);
    }

    @Test
    void aServerThatNeverAnsweredWellLeavesNoSnapshotAndSaysWhy() throws Exception {
        mode = Mode.ERROR_500;
        source.poll();

        assertThat(source.current()).isEmpty();
        assertThat(source.health().status().lastError()).hasValue("Zuul answered HTTP 500");
        assertThat(source.health().status().healthy()).isFalse();
    }

    @Test
    void theScheduledPollerKeepsGoing() {
        source.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> conditional.size() >= 3);
        assertThat(source.current()).isPresent();
    }
}
