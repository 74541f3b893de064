package org.opencontrail.web.logs.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Requires;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.opencontrail.web.shared.json.ForeignJson;

/**
 * Zuul's console-stream websocket as Zuul's web plays it, at the wire: the first frame names the
 * build and log file, then the log from its start in frames of 1 KB that split lines anywhere,
 * more as it is written, and close 1000 once it has ended; 4000 for a bad request, 4011 where
 * the script breaks the stream.
 */
@ServerWebSocket("/zuul/api/tenant/{tenant}/console-stream")
@Requires(property = "test.console-upstream", value = "true")
final class ZuulConsoleStreamStub {

    private static final int FRAME = 1024;

    private final ConsoleScripts scripts;
    private final ExecutorService senders = Executors.newCachedThreadPool();

    ZuulConsoleStreamStub(ConsoleScripts scripts) {
        this.scripts = scripts;
    }

    @OnOpen
    void open(String tenant, WebSocketSession session) {
        // the client speaks first
    }

    @OnMessage
    void message(String tenant, String message, WebSocketSession session) {
        JsonNode request;
        try {
            request = ForeignJson.tree(message);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            request = null;
        }
        if (request == null
                || !request.hasNonNull("uuid")
                || !scripts.has(request.get("uuid").asText())) {
            session.close(new CloseReason(4000, "bad request"));
            return;
        }
        ConsoleScripts.Script script = scripts.of(request.get("uuid").asText());
        int connection = script.connections.incrementAndGet();
        senders.execute(() -> send(script, connection == 1 ? script.breakAfter : -1, session));
    }

    private static void send(ConsoleScripts.Script script, int breakAfter, WebSocketSession session) {
        int sent = 0;
        try {
            while (session.isOpen()) {
                boolean ended = script.ended();
                String text = script.text();
                while (sent < text.length()) {
                    int end = Math.min(text.length(), sent + FRAME);
                    if (breakAfter >= 0 && end > breakAfter) {
                        if (breakAfter > sent) {
                            session.sendSync(text.substring(sent, breakAfter));
                        }
                        session.close(new CloseReason(4011, "Error with the log streamer"));
                        return;
                    }
                    session.sendSync(text.substring(sent, end));
                    sent = end;
                }
                if (ended) {
                    session.close(new CloseReason(CloseReason.NORMAL.getCode(), "No more data"));
                    return;
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the client went away
        }
    }

    @PreDestroy
    void close() {
        senders.shutdownNow();
    }
}
