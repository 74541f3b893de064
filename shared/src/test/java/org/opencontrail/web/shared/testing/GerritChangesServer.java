package org.opencontrail.web.shared.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencontrail.web.shared.gerrit.stream.GerritHttp;

/**
 * Gerrit's {@code /changes/} on loopback, answering every query with a recorded answer of a real
 * server (a test resource), remembering each query, and failing the next requests when told to;
 * and its {@code /projects/}, listing the projects of those changes as public.
 */
public final class GerritChangesServer implements AutoCloseable {

    private final HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile int failureStatus = 500;

    /** @param resource the recorded answer, e.g. {@code /gerrit/real-gerrit-3.11.0/rest/changes-query-acme-widgets.json} */
    public GerritChangesServer(String resource) {
        try (InputStream in = GerritChangesServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            byte[] answer = in.readAllBytes();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/changes/", exchange -> {
                queries.add(exchange.getRequestURI().getRawQuery());
                int status = failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? failureStatus : 200;
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, status == 200 ? answer.length : -1);
                if (status == 200) {
                    exchange.getResponseBody().write(answer);
                }
                exchange.close();
            });
            GerritProjectList.on(server).active(projectsOf(answer));
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] projectsOf(byte[] changes) throws IOException {
        List<String> projects = new ArrayList<>();
        for (JsonNode change :
                new ObjectMapper().readTree(GerritHttp.stripXssi(new String(changes, StandardCharsets.UTF_8)))) {
            projects.add(change.path("project").asText());
        }
        return projects.toArray(String[]::new);
    }

    /** Gerrit's base URL, with its trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The raw query of every request so far, failed ones included. */
    public List<String> queries() {
        return List.copyOf(queries);
    }

    /** The next {@code count} requests answer {@code status} with no body. */
    public void failNext(int count, int status) {
        failureStatus = status;
        failures.set(count);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
