package org.opencontrail.web.deploy.sandbox.gerrit;

import static org.opencontrail.web.deploy.sandbox.HttpExchanges.reply;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.opencontrail.web.deploy.sandbox.HttpExchanges;

/**
 * The sandbox's Gerrit web side over real HTTP on loopback: the events-log plugin's
 * {@code /plugins/events-log/events/?t1=...} (times in UTC, "yyyy-MM-dd HH:mm:ss"), and the REST
 * API's {@code /projects/} and {@code /changes/?q=} with Gerrit's XSSI prefix.
 */
public final class GerritRestServer implements AutoCloseable {

    private static final DateTimeFormatter T1 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static final String XSSI = ")]}'\n";

    private final GerritEventLog log;
    private volatile GerritQueries queries = GerritQueries.NONE;
    private HttpServer server;

    public GerritRestServer(GerritEventLog log) {
        this.log = log;
    }

    /** What /projects/ and /changes/ answer from. */
    public void queries(GerritQueries data) {
        this.queries = data;
    }

    public synchronized void start(int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        http.createContext("/plugins/events-log/events", this::events);
        http.createContext(
                "/projects/", exchange -> reply(exchange, 200, "application/json", XSSI + queries.projects()));
        http.createContext("/changes/", exchange -> {
            int limit = query(exchange, "n").map(Integer::parseInt).orElse(100);
            int start = query(exchange, "S").map(Integer::parseInt).orElse(0);
            reply(
                    exchange,
                    200,
                    "application/json",
                    XSSI + queries.changes(query(exchange, "q").orElse(""), limit, start));
        });
        http.start();
        server = http;
    }

    public synchronized String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void events(HttpExchange exchange) throws IOException {
        Optional<Instant> from = query(exchange, "t1").flatMap(GerritRestServer::time);
        if (from.isEmpty()) {
            reply(exchange, 400, "text/plain", "t1 (yyyy-MM-dd HH:mm:ss) is required\n");
            return;
        }
        StringBuilder body = new StringBuilder();
        for (GerritEventLog.Entry entry : log.since(from.get())) {
            body.append(entry.json()).append('\n');
        }
        reply(exchange, 200, "application/json", body.toString());
    }

    private static Optional<String> query(HttpExchange exchange, String name) {
        return Optional.ofNullable(HttpExchanges.query(exchange).get(name));
    }

    private static Optional<Instant> time(String text) {
        try {
            return Optional.of(LocalDateTime.parse(text.trim(), T1).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
