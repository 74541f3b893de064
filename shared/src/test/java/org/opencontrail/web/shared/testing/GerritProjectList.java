package org.opencontrail.web.shared.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gerrit's anonymous project list on loopback ({@code GET /projects/?...}), answered as Gerrit 3.x
 * writes it: JSON behind the {@code )]}'} line, each project with its id, state and description. A test says which
 * projects it lists and in which state ({@code ACTIVE}, {@code READ_ONLY}, {@code HIDDEN}), changes
 * that while a site reads it, makes the next answers fail, or answers a text of its own; it counts
 * the requests. Its own server ({@link #start()}), or a context on another stand-in's ({@link #on}).
 */
public final class GerritProjectList implements AutoCloseable {

    private final HttpServer server;
    private final boolean ownServer;
    private final Map<String, String> states = new ConcurrentSkipListMap<>();
    private final Map<String, String> descriptions = new ConcurrentSkipListMap<>();
    private final AtomicReference<String> text = new AtomicReference<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger failureStatus = new AtomicInteger(503);
    private final AtomicInteger requests = new AtomicInteger();

    private GerritProjectList(HttpServer server, boolean ownServer) {
        this.server = server;
        this.ownServer = ownServer;
        server.createContext("/projects/", this::answer);
    }

    /** On a loopback server of its own. */
    public static GerritProjectList start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            GerritProjectList list = new GerritProjectList(server, true);
            server.start();
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** At {@code /projects/} of another stand-in's server, which starts and stops it. */
    public static GerritProjectList on(HttpServer server) {
        return new GerritProjectList(server, false);
    }

    /** Gerrit's base URL, with its trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Lists these projects as ACTIVE: public. */
    public GerritProjectList active(String... names) {
        return state("ACTIVE", names);
    }

    /** Lists these projects as HIDDEN: Gerrit lists them, the suite must never show them. */
    public GerritProjectList hidden(String... names) {
        return state("HIDDEN", names);
    }

    /** Lists these projects in {@code state} ({@code ACTIVE}, {@code READ_ONLY}, {@code HIDDEN}), in place of the state they had. */
    public GerritProjectList state(String state, String... names) {
        for (String name : names) {
            states.put(name, state);
        }
        return this;
    }

    /** Gives a project the description Gerrit shows beside it. */
    public GerritProjectList description(String name, String description) {
        descriptions.put(name, description);
        return this;
    }

    /** Lists these projects no more: to an anonymous reader they are private. */
    public GerritProjectList without(String... names) {
        for (String name : names) {
            states.remove(name);
        }
        return this;
    }

    /** Answers {@code body} as it is (one that is not JSON, say) in place of the list, until {@link #listing()}. */
    public GerritProjectList answering(String body) {
        text.set(body);
        return this;
    }

    /** Answers the list again after {@link #answering}. */
    public GerritProjectList listing() {
        text.set(null);
        return this;
    }

    /** The next {@code count} requests answer {@code status} with a body that is not the list (Gerrit starting, a proxy's error). */
    public GerritProjectList failNext(int count, int status) {
        failureStatus.set(status);
        failures.set(count);
        return this;
    }

    /** Every request answers {@code status} until {@link #recover()}. */
    public GerritProjectList fail(int status) {
        return failNext(Integer.MAX_VALUE, status);
    }

    /** Answers the list again after {@link #fail} or {@link #failNext}. */
    public GerritProjectList recover() {
        failures.set(0);
        return this;
    }

    /** Requests so far, failed ones included. */
    public int requests() {
        return requests.get();
    }

    /** The list as Gerrit writes it, with its XSSI line. */
    public String body() {
        ObjectNode list = new ObjectMapper().createObjectNode();
        states.forEach((name, state) -> {
            ObjectNode project = list.putObject(name).put("id", URLEncoder.encode(name, StandardCharsets.UTF_8));
            if (descriptions.containsKey(name)) {
                project.put("description", descriptions.get(name));
            }
            project.put("state", state);
        });
        return ")]}'\n" + list + "\n";
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        boolean failing = failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        String given = text.get();
        int status = failing ? failureStatus.get() : 200;
        byte[] body =
                (failing ? "Gerrit is not ready" : given != null ? given : body()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", failing ? "text/plain" : "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        if (ownServer) {
            server.stop(0);
        }
    }
}
