package org.opencontrail.web.shared.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Zuul v2 web side on loopback answering {@code /status.json} with whatever the test serves
 * (503 while it serves nothing), for status-web to poll over real HTTP.
 */
public final class ZuulStub implements AutoCloseable {

    private final HttpServer server;
    private volatile byte[] status = new byte[0];
    private volatile byte[] nodes = new byte[0];
    private final AtomicInteger statusRequests = new AtomicInteger();

    public ZuulStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/status.json", exchange -> {
            byte[] body = status;
            statusRequests.incrementAndGet();
            exchange.sendResponseHeaders(body.length == 0 ? 503 : 200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/nodes", exchange -> {
            byte[] body = nodes;
            exchange.sendResponseHeaders(body.length == 0 ? 500 : 200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** How many times status-web has asked for the status so far. */
    public int statusRequests() {
        return statusRequests.get();
    }

    /** A node list at {@code /nodes}, answering 500 until {@link #serveNodes} is called. */
    public String nodesUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/nodes";
    }

    public void serveNodes(String json) {
        nodes = json.getBytes(StandardCharsets.UTF_8);
    }

    /** The settings that point an app at this stub, polling it ten times a second. */
    public Map<String, String> properties() {
        return Map.of("zuul.url", "http://127.0.0.1:" + server.getAddress().getPort(), "zuul.poll-interval", "100ms");
    }

    /** Serves one of the real Zuul status documents of shared's test resources (zuul/, see its SOURCES.md). */
    public void serveFixture(String name) {
        try (InputStream in = getClass().getResourceAsStream("/zuul/" + name)) {
            status = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void serve(byte[] body) {
        status = body;
    }

    public void serveText(String json) {
        status = json.getBytes(StandardCharsets.UTF_8);
    }

    /** Answers 503 from now on. */
    public void fail() {
        status = new byte[0];
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
