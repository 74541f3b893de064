package org.opencontrail.web.bench.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.opencontrail.web.shared.json.ForeignJson;

/**
 * A Zuul v2 {@code /status.json} that lives: the busiest real capture, whose running jobs advance,
 * finish and start, and whose deepest gate queue takes new changes. Each finished job's log link
 * carries a marker; it notes when it first served each marker, which is when that change became
 * visible to anyone polling Zuul.
 */
final class EvolvingZuul implements AutoCloseable {

    private final ObjectNode status;
    private final ArrayNode deepest;
    private final ObjectNode template;
    private final Random random = new Random(20171124);
    private final Deque<ObjectNode> enqueued = new ArrayDeque<>();
    private final Deque<Integer> finishedMarkers = new ArrayDeque<>();
    private final Map<Integer, Long> firstServedNanos = new ConcurrentHashMap<>();
    private final HttpServer server;
    private volatile byte[] body;
    private volatile List<Integer> visibleMarkers = List.of();
    private int tick;

    EvolvingZuul(byte[] fixture) throws IOException {
        status = (ObjectNode) ForeignJson.tree(fixture);
        deepest = deepestHead(status);
        template = deepest.get(deepest.size() - 1).deepCopy();
        body = ForeignJson.write(status).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.createContext("/status.json", exchange -> {
            byte[] answer;
            List<Integer> visible;
            synchronized (this) {
                answer = body;
                visible = visibleMarkers;
            }
            long now = System.nanoTime();
            visible.forEach(marker -> firstServedNanos.putIfAbsent(marker, now));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static ArrayNode deepestHead(ObjectNode status) {
        ArrayNode deepest = null;
        for (JsonNode pipeline : status.get("pipelines")) {
            for (JsonNode queue : pipeline.get("change_queues")) {
                for (JsonNode head : queue.get("heads")) {
                    if (deepest == null || head.size() > deepest.size()) {
                        deepest = (ArrayNode) head;
                    }
                }
            }
        }
        return deepest;
    }

    /** The text by which a client spots marker {@code n} in what it receives. */
    static String markerText(int n) {
        return (900000 + n) + ",1";
    }

    /**
     * One second of the CI's life: running jobs advance; every other second one finishes (its log
     * link carries the next marker) and a queued one starts; every twentieth second a change is
     * enqueued at the end of the deepest queue and the oldest one enqueued so is dequeued. That is
     * busier than a real gate, where a job ends every few seconds at most. Returns the marker, or -1.
     */
    @SuppressWarnings("ReferenceEquality") // an item leaves by identity: another may be equal to it
    synchronized int tick() {
        tick++;
        List<ObjectNode> running = new ArrayList<>();
        List<ObjectNode> queued = new ArrayList<>();
        for (JsonNode pipeline : status.get("pipelines")) {
            for (JsonNode queue : pipeline.get("change_queues")) {
                for (JsonNode head : queue.get("heads")) {
                    for (JsonNode item : head) {
                        for (JsonNode job : item.get("jobs")) {
                            if (job.path("result").isNull() && job.hasNonNull("elapsed_time")) {
                                running.add((ObjectNode) job);
                            } else if (job.path("result").isNull()) {
                                queued.add((ObjectNode) job);
                            }
                        }
                    }
                }
            }
        }
        for (ObjectNode job : running) {
            job.put("elapsed_time", job.get("elapsed_time").asLong() + 1000);
            if (job.hasNonNull("remaining_time")) {
                job.put("remaining_time", Math.max(0, job.get("remaining_time").asLong() - 1000));
            }
        }
        int marker = -1;
        if (tick % 2 == 0 && !running.isEmpty()) {
            marker = tick / 2;
            ObjectNode finished = running.get(random.nextInt(running.size()));
            finished.put("result", random.nextInt(5) == 0 ? "FAILURE" : "SUCCESS");
            finished.put("url", "https://logs.example.org/run/" + markerText(marker) + "/");
            finished.put("remaining_time", 0);
            if (!queued.isEmpty()) {
                ObjectNode starting = queued.get(random.nextInt(queued.size()));
                starting.put("elapsed_time", 0);
                starting.put("url", "https://ci.example.org/console/" + tick);
            }
            finishedMarkers.add(marker);
            while (finishedMarkers.size() > 8) {
                finishedMarkers.removeFirst();
            }
        }
        if (tick % 20 == 0) {
            ObjectNode item = template.deepCopy();
            item.put("id", (800000 + tick) + ",1");
            item.put("url", "https://review.example.org/" + (800000 + tick));
            item.put("enqueue_time", System.currentTimeMillis());
            deepest.add(item);
            enqueued.add(item);
            while (enqueued.size() > 3) {
                ObjectNode old = enqueued.removeFirst();
                for (int i = 0; i < deepest.size(); i++) {
                    if (deepest.get(i) == old) {
                        deepest.remove(i);
                        break;
                    }
                }
            }
        }
        try {
            body = ForeignJson.write(status).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        visibleMarkers = List.copyOf(finishedMarkers);
        return marker;
    }

    /** When marker {@code n} was first served, in {@link System#nanoTime()}; empty until then. */
    Long firstServed(int n) {
        return firstServedNanos.get(n);
    }

    synchronized int documentSize() {
        return body.length;
    }

    synchronized int gzippedSize() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
