package org.opencontrail.web.deploy.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.fixtures.Http;

/**
 * The sandbox's consoles as Zuul and Jenkins serve them, checked at the wire with the JDK's own
 * websocket and HTTP clients: Zuul's first frame, frames of at most 1 KB that split lines, more as
 * it is written, close 1000 at the end and 4000 or 4011 when it cannot stream; Jenkins' bytes from
 * an offset with X-Text-Size and X-More-Data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleServerTest {

    private final Map<String, ConsoleSource.Console> consoles = new ConcurrentHashMap<>();
    private ConsoleServer server;
    private final HttpClient client = Http.builder().build();

    @BeforeAll
    void start() throws InterruptedException {
        server = new ConsoleServer(uuid -> Optional.ofNullable(consoles.get(uuid)), 20);
        server.start(0);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** What a websocket client saw: its text frames and how it was closed. */
    private static final class Seen implements WebSocket.Listener {
        final List<String> frames = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            frames.add(data.toString());
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            closed.complete(code + " " + reason);
            return null;
        }
    }

    private Seen stream(String firstFrame) {
        Seen seen = new Seen();
        WebSocket socket = client.newWebSocketBuilder()
                .buildAsync(URI.create(server.zuulStreamUrl("opencontrail")), seen)
                .join();
        socket.sendText(firstFrame, true).join();
        return seen;
    }

    @Test
    void zuulsStreamSendsTheLogInFramesOfAtMostOneKilobyteThenMoreAsItIsWrittenThenCloses() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            text.append("2026-12-07 10:00:00.000000 | primary | line ")
                    .append(i)
                    .append('\n');
        }
        consoles.put("a1", new ConsoleSource.Console(text.toString(), false));
        Seen seen = stream("{\"uuid\": \"a1\", \"logfile\": \"console.log\"}");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> String.join("", seen.frames).contentEquals(text));
        assertThat(seen.frames).allSatisfy(frame -> assertThat(frame.length()).isLessThanOrEqualTo(1024));
        assertThat(seen.frames).anySatisfy(frame -> assertThat(frame).doesNotEndWith("\n"));
        consoles.put("a1", new ConsoleSource.Console(text + "the end\n", true));
        assertThat(seen.closed.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("1000 No more data");
        assertThat(String.join("", seen.frames)).isEqualTo(text + "the end\n");
    }

    @Test
    void aRequestWithoutItsFieldsIsRefusedWith4000AndAnUnknownBuildWith4011() throws Exception {
        assertThat(stream("{\"uuid\": \"a2\"}").closed.get(10, java.util.concurrent.TimeUnit.SECONDS))
                .startsWith("4000 ");
        assertThat(stream("not json").closed.get(10, java.util.concurrent.TimeUnit.SECONDS))
                .startsWith("4000 ");
        assertThat(stream("{\"uuid\": \"nobody\", \"logfile\": \"console.log\"}")
                        .closed
                        .get(10, java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo("4011 Build not found");
    }

    @Test
    void jenkinsProgressiveTextAnswersTheBytesFromAnOffsetAndWhetherMoreWillCome() {
        consoles.put("b1", new ConsoleSource.Console("Started ☃\nBuilding\n", false));
        Http jenkins = Http.at(server.jenkinsBuildUrl("contrail-vnc-build", "b1"));
        HttpResponse<byte[]> first = jenkins.bytes("logText/progressiveText?start=0");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(new String(first.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("Started ☃\nBuilding\n");
        assertThat(first.headers().firstValue("X-Text-Size")).hasValue("21");
        assertThat(first.headers().firstValue("X-More-Data")).hasValue("true");
        consoles.put("b1", new ConsoleSource.Console("Started ☃\nBuilding\nFinished: SUCCESS\n", true));
        HttpResponse<byte[]> rest = jenkins.bytes("logText/progressiveText?start=21");
        assertThat(new String(rest.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("Finished: SUCCESS\n");
        assertThat(rest.headers().firstValue("X-Text-Size")).hasValue("39");
        assertThat(rest.headers().firstValue("X-More-Data")).isEmpty();
        assertThat(Http.at(server.jenkinsBuildUrl("x", "nobody"))
                        .bytes("logText/progressiveText")
                        .statusCode())
                .isEqualTo(404);
    }
}
