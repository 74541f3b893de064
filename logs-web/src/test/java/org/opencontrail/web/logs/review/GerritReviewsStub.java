package org.opencontrail.web.logs.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencontrail.web.shared.json.ForeignJson;

/**
 * Gerrit's REST API for reviews, at the wire, as Gerrit 3 answers it: {@code POST
 * /a/changes/{project~number}/revisions/{revision}/review} and {@code GET
 * /a/changes/{id}/messages} behind HTTP basic authentication, JSON after the XSSI prefix, and the
 * anonymous project list. It can answer its account's calls with an error for a while, refuse
 * them, or take a review and lose its answer.
 */
final class GerritReviewsStub implements AutoCloseable {

    private static final Pattern REVIEW = Pattern.compile("/a/changes/([^/]+)/revisions/([^/]+)/review");
    private static final Pattern MESSAGES = Pattern.compile("/a/changes/([^/]+)/messages");

    /** A review Gerrit took: the change as asked ({@code project~number}), the revision, the body. */
    record Review(String change, String revision, JsonNode body) {}

    private final HttpServer server;
    private final String user;
    private volatile String password;
    private final Map<String, List<Review>> reviews = new ConcurrentHashMap<>();
    private final AtomicInteger reviewRequests = new AtomicInteger();
    private final AtomicInteger unauthorized = new AtomicInteger();
    private volatile int failures;
    private volatile int failureStatus = 503;
    private volatile int lostAnswers;
    private volatile int refusals;
    private volatile int refusalStatus;
    private final AtomicInteger accountRequests = new AtomicInteger();

    private final List<String> projects;

    /** Gerrit with these public projects (listed to anyone), where {@code user} comments. */
    GerritReviewsStub(List<String> projects, String user, String password) {
        this.projects = List.copyOf(projects);
        this.user = user;
        this.password = password;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The account's password changes: the old one is refused from now on. */
    void password(String password) {
        this.password = password;
    }

    /** The next {@code count} requests of any kind answer {@code status}. */
    void failNext(int count, int status) {
        failureStatus = status;
        failures = count;
    }

    /** Every request answers {@code status} until {@link #recover()}. */
    void down(int status) {
        failNext(Integer.MAX_VALUE, status);
    }

    void recover() {
        failures = 0;
    }

    /** The next {@code count} reviews posted are refused with {@code status}. */
    void refuseReviews(int count, int status) {
        refusalStatus = status;
        refusals = count;
    }

    /** The next {@code count} reviews are taken, but the connection is closed before the answer. */
    void loseAnswers(int count) {
        lostAnswers = count;
    }

    /** The reviews taken on a change ({@code project~number} as the client wrote it, decoded). */
    List<Review> reviews(String change) {
        return List.copyOf(reviews.getOrDefault(change, List.of()));
    }

    int reviewRequests() {
        return reviewRequests.get();
    }

    /** Every call made as the account, whatever its answer. */
    int accountRequests() {
        return accountRequests.get();
    }

    int unauthorized() {
        return unauthorized.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.matches(REVIEW.pattern())) {
                reviewRequests.incrementAndGet();
            }
            if (path.equals("/projects/") && exchange.getRequestMethod().equals("GET")) {
                ObjectNode list = ForeignJson.object();
                for (String project : projects) {
                    list.putObject(project).put("state", "ACTIVE");
                }
                reply(exchange, 200, "application/json", ")]}'\n" + list);
                return;
            }
            accountRequests.incrementAndGet();
            if (failures > 0) {
                failures--;
                reply(exchange, failureStatus, "text/plain", "Service Unavailable\n");
                return;
            }
            String expected = "Basic "
                    + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.incrementAndGet();
                reply(exchange, 401, "text/plain", "Unauthorized\n");
                return;
            }
            Matcher review = REVIEW.matcher(path);
            Matcher messages = MESSAGES.matcher(path);
            if (review.matches() && exchange.getRequestMethod().equals("POST") && refusals > 0) {
                refusals--;
                reply(exchange, refusalStatus, "text/plain", "change is closed\n");
            } else if (review.matches() && exchange.getRequestMethod().equals("POST")) {
                JsonNode body = ForeignJson.tree(exchange.getRequestBody().readAllBytes());
                String change = decode(review.group(1));
                reviews.computeIfAbsent(change, c -> new CopyOnWriteArrayList<>())
                        .add(new Review(change, decode(review.group(2)), body));
                if (lostAnswers > 0) {
                    lostAnswers--;
                    return; // closed without an answer
                }
                reply(exchange, 200, "application/json", ")]}'\n{\"ready\": true}\n");
            } else if (messages.matches() && exchange.getRequestMethod().equals("GET")) {
                ArrayNode list = ForeignJson.array();
                List<Review> taken = new ArrayList<>(reviews.getOrDefault(decode(messages.group(1)), List.of()));
                for (Review r : taken) {
                    ObjectNode message = list.addObject()
                            .put(
                                    "message",
                                    "Patch Set 1:\n\n"
                                            + r.body().path("message").asText());
                    if (r.body().hasNonNull("tag")) {
                        message.put("tag", r.body().path("tag").asText());
                    }
                }
                reply(exchange, 200, "application/json", ")]}'\n" + list);
            } else {
                reply(exchange, 404, "text/plain", "Not found\n");
            }
        }
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
