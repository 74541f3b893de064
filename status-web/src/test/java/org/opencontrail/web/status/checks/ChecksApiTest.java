package org.opencontrail.web.status.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.shared.testing.ZuulStub;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResultParser;
import org.opencontrail.web.status.change.PipelineRuns;

/**
 * Gerrit's Checks tab from status-web: a patch set's runs from Zuul's reports and its status, each
 * job's attempts, the failures with what logs-web knows of them (asked with a short timeout, and
 * left out while logs-web does not answer), readable from any origin; the plugin's event stream
 * moves when the change does; the plugin itself, with this site's address written in.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChecksApiTest implements TestPropertyProvider {

    private static final int CHANGE = 70001;
    private static final String HOSTILE_LINE =
            "<script>alert(1)</script> [click](javascript:alert(2)) ERROR vrouter agent crashed\n- injected";

    private final ZuulStub zuul = new ZuulStub();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> logsRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger logsDelayMs = new AtomicInteger();
    private HttpServer logs;

    @Inject
    EmbeddedServer server;

    @Inject
    PipelineRuns runs;

    @Override
    public Map<String, String> getProperties() {
        try {
            logs = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        logs.createContext("/api/review/builds", exchange -> {
            logsRequests.add(exchange.getRequestURI().getRawQuery());
            try {
                Thread.sleep(logsDelayMs.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = verdicts().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        logs.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        logs.start();
        Map<String, String> properties = new HashMap<>(zuul.properties());
        properties.put("branding.status-url", "https://status.opencontrail.org");
        properties.put("branding.logs-url", "https://logs.opencontrail.org");
        properties.put(
                "status.checks.logs-api-url",
                "http://127.0.0.1:" + logs.getAddress().getPort());
        properties.put("status.checks.logs-timeout", "700ms");
        properties.put("status.checks.logs-kept", "0s");
        properties.put("status.checks.logs-away", "0s");
        return properties;
    }

    private static String verdicts() {
        return """
                {"builds": [{"uuid": "b1000000000000000000000000000001", "job": "contrail-vnc-build-unittest",
                  "result": "FAILURE", "stored": true,
                  "logsUrl": "https://logs.opencontrail.org/01/70001/2/check/contrail-vnc-build-unittest/b100000/",
                  "failures": [{"id": "1384373", "url": "https://bugs.launchpad.net/bugs/1384373"},
                               {"id": "evil](javascript:x)", "url": "javascript:alert(3)"}],
                  "firstError": {"line": 4021, "text": %s,
                    "url": "https://logs.opencontrail.org/01/70001/2/check/contrail-vnc-build-unittest/b100000/job-output.txt#L4021"}}]}
                """.formatted(quoted(HOSTILE_LINE));
    }

    private static String quoted(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Zuul's status with the patch set in check again (a recheck): one job running, one waiting. */
    private static String status(boolean lintStarted) {
        long now = Instant.now().getEpochSecond();
        String lint = lintStarted ? """
                  {"name":"zuul-jobs-linters","uuid":"l2000000000000000000000000000002","result":null,"voting":true,
                   "elapsed_time":1000,"remaining_time":299000,"estimated_time":300,"start_time":%d,"queued":false,
                   "url":"finger://lint"}""".formatted(now - 1) : """
                  {"name":"zuul-jobs-linters","uuid":null,"result":null,"voting":true,"queued":true,
                   "waiting_status":"node request 200-0001"}""";
        return """
                {"zuul_version":"10.1.0","last_reconfigured":1795500000000,
                 "trigger_event_queue":{"length":0},"result_event_queue":{"length":0},"management_event_queue":{"length":0},
                 "pipelines":[{"name":"check","description":"Newly uploaded patchsets","manager":"independent","triggers":[],
                   "change_queues":[{"name":"Juniper/contrail-controller","heads":[[
                     {"id":"item-2","active":true,"live":true,"item_ahead":null,"items_behind":[],"failing_reasons":[],
                      "enqueue_time":%d,"remaining_time":null,"zuul_ref":"Zdef",
                      "refs":[{"id":"70001,2","ref":"refs/changes/01/70001/2","project":"Juniper/contrail-controller",
                               "url":"https://review.opencontrail.org/70001"}],
                      "jobs":[{"name":"contrail-vnc-build-unittest","uuid":"b2000000000000000000000000000002","result":null,
                               "voting":true,"elapsed_time":600000,"remaining_time":1200000,"estimated_time":1800,
                               "start_time":%d,"queued":false,"url":"finger://unittest"},
                              %s]}]]}]}]}
                """.formatted(now * 1000 - 60_000, now - 600, lint);
    }

    @BeforeAll
    void firstRunFailedThenARecheck() throws IOException {
        // the first run of patch set 2, as Zuul's MQTT reporter told it
        String report = """
                {"action": "failure", "tenant": "opencontrail", "pipeline": "check", "project": "Juniper/contrail-controller",
                 "branch": "master", "change": "70001", "patchset": "2", "ref": "refs/changes/01/70001/2", "uuid": "item-1",
                 "enqueue_time": %d, "timestamp": %d,
                 "buildset": {"uuid": "bs1", "result": "FAILURE", "builds": [
                   {"job_name": "contrail-vnc-build-unittest", "uuid": "b1000000000000000000000000000001", "voting": true,
                    "result": "FAILURE", "start_time": "2026-12-07T10:00:00", "end_time": "2026-12-07T10:30:00",
                    "log_url": "https://logs.example/01/70001/2/check/contrail-vnc-build-unittest/b100000/"},
                   {"job_name": "zuul-jobs-linters", "uuid": "l1000000000000000000000000000001", "voting": true,
                    "result": "SUCCESS", "start_time": "2026-12-07T10:00:00", "end_time": "2026-12-07T10:05:00",
                    "log_url": "https://logs.example/01/70001/2/check/zuul-jobs-linters/l100000/"},
                   {"job_name": "contrail-vnc-unittest-centos7-tntestr", "uuid": "t1000000000000000000000000000001",
                    "voting": false, "result": "FAILURE", "log_url": "https://logs.example/tn/"}]}}
                """.formatted(
                        Instant.now().getEpochSecond() - 3600, Instant.now().getEpochSecond() - 1800);
        runs.onEvent(new BuildsetResultParser().parse(report.getBytes(StandardCharsets.UTF_8)));
        zuul.serveText(status(false));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(runsOf(answer())).hasSize(5));
    }

    @AfterAll
    void stop() {
        zuul.close();
        logs.stop(0);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + path))
                        .header("Origin", "https://review.opencontrail.org")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode answer() throws IOException, InterruptedException {
        return json.readTree(get("/api/checks/" + CHANGE + "/2").body());
    }

    private static List<JsonNode> runsOf(JsonNode answer) {
        List<JsonNode> found = new ArrayList<>();
        answer.path("runs").forEach(found::add);
        return found;
    }

    private static JsonNode run(JsonNode answer, String job, int attempt) {
        return runsOf(answer).stream()
                .filter(r -> r.path("checkName").asText().equals(job)
                        && r.path("attempt").asInt() == attempt)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no attempt " + attempt + " of " + job + " in " + answer));
    }

    @Test
    void eachJobIsARunPerAttemptWithWhatLogsWebKnowsOfItsFailure() throws Exception {
        HttpResponse<String> response = get("/api/checks/" + CHANGE + "/2");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.path("responseCode").asText()).isEqualTo("OK");

        JsonNode failed = run(answer, "contrail-vnc-build-unittest", 1);
        assertThat(failed.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(failed.path("externalId").asText()).isEqualTo("b1000000000000000000000000000001");
        JsonNode result = failed.path("results").get(0);
        assertThat(result.path("category").asText()).isEqualTo("ERROR");
        assertThat(result.path("summary").asText())
                .as("the first error line, one line of plain text")
                .startsWith("<script>alert(1)</script> [click](javascript:alert(2)) ERROR vrouter agent crashed")
                .doesNotContain("\n");
        assertThat(result.path("tags").findValuesAsText("name")).containsExactly("1384373", "evil??javascript?x?");
        assertThat(result.path("message").asText())
                .contains("- Known failure 1384373: <https://bugs.launchpad.net/bugs/1384373>")
                .contains("- Known failure evil??javascript?x?\n")
                .doesNotContain("javascript:");
        assertThat(result.path("links").findValuesAsText("url"))
                .containsExactly(
                        "https://logs.opencontrail.org/01/70001/2/check/contrail-vnc-build-unittest/b100000/",
                        "https://logs.opencontrail.org/01/70001/2/check/contrail-vnc-build-unittest/b100000/job-output.txt#L4021",
                        "https://logs.opencontrail.org/stream/b1000000000000000000000000000001",
                        "https://status.opencontrail.org/change/70001");
        assertThat(logsRequests)
                .as("logs-web is asked of the failed builds only, at once")
                .contains("uuid=b1000000000000000000000000000001&uuid=t1000000000000000000000000000001");

        assertThat(run(answer, "zuul-jobs-linters", 1)
                        .path("results")
                        .get(0)
                        .path("category")
                        .asText())
                .isEqualTo("SUCCESS");
        JsonNode nonVoting = run(answer, "contrail-vnc-unittest-centos7-tntestr", 1);
        assertThat(nonVoting.path("results").get(0).path("category").asText()).isEqualTo("WARNING");
        assertThat(nonVoting.path("checkDescription").asText()).isEqualTo("check, non-voting");

        JsonNode running = run(answer, "contrail-vnc-build-unittest", 2);
        assertThat(running.path("status").asText()).isEqualTo("RUNNING");
        assertThat(running.path("results")).isEmpty();
        assertThat(running.path("statusLink").asText())
                .isEqualTo("https://logs.opencontrail.org/stream/b2000000000000000000000000000002");
        Instant started = Instant.parse(running.path("startedTimestamp").asText());
        Instant expected = Instant.parse(running.path("finishedTimestamp").asText());
        assertThat(Duration.between(started, expected)).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(31));
        JsonNode waiting = run(answer, "zuul-jobs-linters", 2);
        assertThat(waiting.path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(waiting.path("statusDescription").asText()).isEqualTo("node request 200-0001");
        assertThat(answer.path("links").findValuesAsText("url"))
                .containsExactly("https://status.opencontrail.org/change/70001");
    }

    @Test
    void theEventStreamSaysWhenTheChangeMovesAndNotOtherwise() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> events = http.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/api/checks/" + CHANGE + "/events"))
                        .header("Origin", "https://review.opencontrail.org")
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(events.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(events.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        Thread reader = new Thread(() -> {
            try {
                events.body().forEach(lines::add);
            } catch (UncheckedIOException closed) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().anyMatch(l -> l.startsWith(": checks")));
            Thread.sleep(1000); // Zuul's status polled again and again, unchanged
            assertThat(lines).noneMatch(l -> l.equals("event: update"));
            zuul.serveText(status(true)); // the linters start
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event: update"));
            assertThat(run(answer(), "zuul-jobs-linters", 2).path("status").asText())
                    .isEqualTo("RUNNING");
        } finally {
            events.body().close();
            zuul.serveText(status(false));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> run(answer(), "zuul-jobs-linters", 2)
                            .path("status")
                            .asText()
                            .equals("SCHEDULED"));
        }
    }

    @Test
    void whileLogsWebDoesNotAnswerTheRunsComeWithoutItsVerdicts() throws Exception {
        logsDelayMs.set(5_000);
        try {
            long started = System.nanoTime();
            JsonNode answer = answer();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            assertThat(answer.path("summaryMessage").asText())
                    .startsWith("Known failures and first errors are not shown");
            JsonNode result = run(answer, "contrail-vnc-build-unittest", 1)
                    .path("results")
                    .get(0);
            assertThat(result.path("category").asText()).isEqualTo("ERROR");
            assertThat(result.path("summary").asText()).isEqualTo("contrail-vnc-build-unittest ended FAILURE");
            assertThat(result.path("links").findValuesAsText("url"))
                    .first()
                    .isEqualTo("https://logs.example/01/70001/2/check/contrail-vnc-build-unittest/b100000/");
        } finally {
            logsDelayMs.set(0);
        }
    }

    @Test
    void badNumbersAreRefusedAndAnUnknownPatchSetHasNoRuns() throws Exception {
        assertThat(get("/api/checks/abc/2").statusCode()).isEqualTo(400);
        assertThat(get("/api/checks/70001/-1").statusCode()).isEqualTo(400);
        assertThat(get("/api/checks/70001/abc/events").statusCode()).isEqualTo(404);
        JsonNode none = json.readTree(get("/api/checks/70001/9").body());
        assertThat(none.path("responseCode").asText()).isEqualTo("OK");
        assertThat(none.path("runs")).isEmpty();
    }

    @Test
    void thePluginIsServedWithThisSitesAddress() throws Exception {
        HttpResponse<String> plugin = get("/gerrit/opencontrail-checks.js");
        assertThat(plugin.statusCode()).isEqualTo(200);
        assertThat(plugin.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(plugin.body())
                .contains("const STATUS_URL = \"https://status.opencontrail.org\";")
                .doesNotContain("__OPENCONTRAIL_STATUS_URL__")
                .contains("fetchPollingIntervalSeconds: 0");
    }
}
