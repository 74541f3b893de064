package org.opencontrail.web.status.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.shared.testing.ZuulStub;

/** {@code /api/stream}: numbered diffs of the overview, replay after a reconnect, a reset after a long absence. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineStreamTest implements TestPropertyProvider {

    private final ObjectMapper json = new ObjectMapper();
    private final ZuulStub zuul = new ZuulStub();

    @Inject
    EmbeddedServer server;

    @Inject
    PipelineEvents events;

    @Override
    public Map<String, String> getProperties() {
        return zuul.properties();
    }

    @AfterAll
    void stopZuul() {
        zuul.close();
    }

    private ObjectNode fixture() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/zuul/v2-status-openstack-2013-09-27-busy-gate.json")) {
            return (ObjectNode) json.readTree(in);
        }
    }

    /** Opens the stream and collects its lines until closed. */
    private CompletableFuture<HttpResponse<Stream<String>>> open(List<String> lines, String lastEventId, String query) {
        Http http = Http.at(server.getURL());
        HttpRequest.Builder request = http.request("/api/stream" + query, "Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenApply(response -> {
            new Thread(() -> {
                        try {
                            response.body().forEach(lines::add);
                        } catch (java.io.UncheckedIOException closed) {
                            // the server stopped at the end of the tests
                        }
                    })
                    .start();
            return response;
        });
    }

    @Test
    void aChangeInZuulBecomesANumberedDiffAndAReconnectingPageGetsWhatItMissed() throws Exception {
        ObjectNode first = fixture();
        zuul.serve(json.writeValueAsBytes(first));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.latest() >= 1);
        long before = events.latest();

        List<String> live = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> response =
                open(live, null, "?since=" + before).get();
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));

        ObjectNode second = fixture();
        JsonNode modified = null;
        for (JsonNode pipeline : second.get("pipelines")) {
            if (pipeline.get("name").asText().equals("check")) {
                for (JsonNode queue : pipeline.get("change_queues")) {
                    for (JsonNode head : queue.get("heads")) {
                        if (head.size() > 0 && modified == null) {
                            modified = head.get(0);
                            ((ObjectNode) head.get(0).get("jobs").get(0)).put("result", "NODE_FAILURE");
                        }
                    }
                }
            }
        }
        String changed = "item-check-" + modified.get("id").asText().split(",")[0];
        zuul.serve(json.writeValueAsBytes(second));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(String.join("\n", live))
                        .contains("event: diff")
                        .contains("id: " + (before + 1))
                        .contains(changed)
                        .contains("NODE_FAILURE"));

        List<String> resumed = new CopyOnWriteArrayList<>();
        open(resumed, String.valueOf(before), "");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(String.join("\n", resumed))
                        .contains("id: " + (before + 1))
                        .contains(changed)
                        .doesNotContain("event: reset"));

        List<String> lost = new CopyOnWriteArrayList<>();
        open(lost, "999999", "");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(String.join("\n", lost)).contains("event: reset"));
    }

    /** Waits until several polls of Zuul in a row bring no new diff; the newest diff's number. */
    private long settle() {
        long[] seen = {-1};
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    long latest = events.latest();
                    int asked = zuul.statusRequests();
                    await().atMost(Duration.ofSeconds(10))
                            .pollInterval(Duration.ofMillis(20))
                            .until(() -> zuul.statusRequests() >= asked + 4);
                    boolean still = latest > 0 && latest == events.latest() && latest == seen[0];
                    seen[0] = events.latest();
                    return still;
                });
        return seen[0];
    }

    /** Every running job of a status, as Zuul v2 writes them. */
    private static List<ObjectNode> runningJobs(ObjectNode status) {
        List<ObjectNode> running = new java.util.ArrayList<>();
        status.get("pipelines")
                .forEach(pipeline -> pipeline.get("change_queues")
                        .forEach(queue -> queue.get("heads")
                                .forEach(head ->
                                        head.forEach(item -> item.get("jobs").forEach(job -> {
                                            if (job.path("result").isNull() && job.hasNonNull("elapsed_time")) {
                                                running.add((ObjectNode) job);
                                            }
                                        })))));
        return running;
    }

    @Test
    void timePassingSendsNothingAndAFinishedJobSendsOnlyThatJob() throws Exception {
        ObjectNode status = fixture();
        zuul.serve(json.writeValueAsBytes(status));
        long settled = settle();

        List<ObjectNode> running = runningJobs(status);
        assertThat(running).hasSizeGreaterThan(100);
        for (ObjectNode job : running) {
            job.put("elapsed_time", job.get("elapsed_time").asLong() + 61_000);
            if (job.hasNonNull("remaining_time")) {
                job.put("remaining_time", Math.max(0, job.get("remaining_time").asLong() - 61_000));
            }
        }
        zuul.serve(json.writeValueAsBytes(status));
        assertThat(settle())
                .as("a minute passing changes nothing the page's own clock does not move")
                .isEqualTo(settled);

        ObjectNode finished = running.get(0);
        finished.put("result", "SUCCESS");
        finished.put("url", "https://logs.example.org/finished-one/");
        zuul.serve(json.writeValueAsBytes(status));
        JsonNode diff = json.readTree(
                events.since(settled).blockFirst(Duration.ofSeconds(10)).json());

        assertThat(diff.has("changed")).as("what is empty is left out").isFalse();
        assertThat(diff.has("added")).isFalse();
        assertThat(diff.has("removed")).isFalse();
        assertThat(diff.has("summaries")).isFalse();
        assertThat(diff.get("jobs")).hasSize(1);
        JsonNode job = diff.get("jobs").get(0);
        assertThat(job.get("html").asText())
                .contains("finished-one")
                .contains(finished.get("name").asText());
        assertThat(job.get("segment").asText()).isEqualTo("result-success");
        assertThat(job.get("anchor").asText())
                .isEqualTo(job.get("item").asText() + "-j" + job.get("index").asInt());
    }

    @Test
    void browsersGetTheStreamGzippedAndItDecodesAsItArrives() throws Exception {
        zuul.serve(json.writeValueAsBytes(fixture()));
        long settled = settle();
        HttpResponse<InputStream> response = Http.at(server.getURL()).stream(
                "/api/stream?since=" + (settled - 1),
                "Accept",
                "text/event-stream",
                "Accept-Encoding",
                "gzip, deflate, br");
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        // Read as the bytes inflate (a Reader would wait for more than has come).
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(response.body())) {
            StringBuilder text = new StringBuilder();
            byte[] buffer = new byte[8192];
            while (!text.toString().contains("data: {")) {
                int n = in.read(buffer);
                assertThat(n).as("the stream goes on").isPositive();
                text.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(text.toString())
                    .startsWith(": stream open\nretry: 3000\n\nid: " + settled + "\nevent: diff\ndata: {");
        }
    }
}
