package org.opencontrail.web.logs.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.opencontrail.web.shared.json.ForeignJson;
import org.opencontrail.web.shared.text.Excerpts;

/**
 * A build's console from Zuul's console-stream websocket: the first frame asks for the build and
 * its log file ({@code {"uuid": ..., "logfile": ...}}), then text frames carry the log from its
 * start, split anywhere; Zuul closes with 1000 when the log is complete, 4000 for a bad request and
 * 4011 when its stream broke. Zuul always streams from the start, so a connection made again skips
 * what was already delivered.
 */
final class ZuulConsoleStream implements ConsoleUpstream, WebSocket.Listener {

    /** The close code of a complete log. */
    static final int NORMAL = 1000;

    private final HttpClient http;
    private final URI uri;
    private final String request;
    private final Duration timeout;
    private final Receiver receiver;
    private long delivered;
    private long skip;
    private boolean closed;
    private WebSocket socket;

    ZuulConsoleStream(HttpClient http, URI uri, String uuid, String logfile, Duration timeout, Receiver receiver) {
        this.http = http;
        this.uri = uri;
        this.request =
                ForeignJson.object().put("uuid", uuid).put("logfile", logfile).toString();
        this.timeout = timeout;
        this.receiver = receiver;
    }

    @Override
    public void connect() {
        synchronized (this) {
            if (closed) {
                return;
            }
            skip = delivered;
        }
        var unused = http.newWebSocketBuilder()
                .connectTimeout(timeout)
                .buildAsync(uri, this)
                .whenComplete((opened, error) -> {
                    if (error != null) {
                        fail("could not open Zuul's console stream " + uri + ": " + ConsoleUpstream.message(error));
                        return;
                    }
                    synchronized (this) {
                        if (!closed) {
                            socket = opened;
                            return;
                        }
                    }
                    opened.abort();
                });
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        var unused = webSocket.sendText(request, true);
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        String piece;
        synchronized (this) {
            if (closed) {
                return null;
            }
            if (skip >= data.length()) {
                skip -= data.length();
                piece = "";
            } else {
                piece = data.subSequence((int) skip, data.length()).toString();
                skip = 0;
            }
            delivered += piece.length();
        }
        // outside this lock: the console takes its own, and may close this stream meanwhile; frames
        // come one at a time (the next is asked for below), so pieces keep their order
        if (!piece.isEmpty()) {
            receiver.text(piece);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (statusCode == NORMAL) {
            boolean end;
            synchronized (this) {
                end = !closed;
                closed = true;
            }
            if (end) {
                receiver.ended();
            }
        } else {
            fail("Zuul closed the console stream with " + statusCode
                    + (reason == null || reason.isBlank() ? "" : " (" + Excerpts.of(reason) + ")"));
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        fail("Zuul's console stream broke: " + ConsoleUpstream.message(error));
    }

    private void fail(String why) {
        boolean tell;
        synchronized (this) {
            socket = null;
            tell = !closed;
        }
        if (tell) {
            receiver.failed(why);
        }
    }

    @Override
    public void close() {
        WebSocket open;
        synchronized (this) {
            closed = true;
            open = socket;
            socket = null;
        }
        if (open != null) {
            open.abort();
        }
    }
}
