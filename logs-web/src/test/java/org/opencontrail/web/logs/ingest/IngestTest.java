package org.opencontrail.web.logs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.logs.store.LogStore;

/** Builds enqueued by {@code POST /api/builds} end in the store, from a manifest or an HTML index, through failures and restarts. */
class IngestTest {

    private static final String TOKEN = "publisher-token-1";

    @TempDir
    Path temp;

    private LogServer logServer;
    private ApplicationContext app;
    private EmbeddedServer server;
    private final Http http = Http.plain();
    private final ObjectMapper json = new ObjectMapper();

    private static byte[] fixture(String path) throws IOException {
        try (InputStream in = IngestTest.class.getResourceAsStream("/logs/" + path)) {
            return in.readAllBytes();
        }
    }

    @BeforeEach
    void logServerWithTwoBuilds() throws IOException {
        Path logs = temp.resolve("server");
        Path manifestBuild = logs.resolve("91/245591/3/check/contrail-vnc-build/aaaa111");
        Files.createDirectories(manifestBuild.resolve("logs"));
        Files.writeString(
                manifestBuild.resolve("job-output.txt"),
                "2026-11-24 10:00:00.000000 | [Zuul] Job: contrail-vnc-build\n");
        Files.write(
                manifestBuild.resolve("logs/screen-c-api.txt.gz"),
                fixture("openstack-os-loganalyze/screen-c-api.txt.gz"));
        Files.write(manifestBuild.resolve("logs/syslog.txt"), fixture("zuul-logjuicer-tests/syslog-01/syslog.fail"));
        Files.writeString(manifestBuild.resolve("zuul-manifest.json"), """
                {"tree": [
                  {"name": "job-output.txt", "mimetype": "text/plain", "encoding": null, "size": 60},
                  {"name": "logs", "mimetype": "application/directory", "encoding": null, "children": [
                    {"name": "screen-c-api.txt.gz", "mimetype": "text/plain", "encoding": "gzip"},
                    {"name": "syslog.txt", "mimetype": "text/plain", "encoding": null},
                    {"name": "../../escape.txt", "mimetype": "text/plain"}
                  ]}
                ], "index_links": false}
                """);
        Path indexBuild = logs.resolve("92/245592/1/gate/contrail-unittest/bbbb222");
        Files.createDirectories(indexBuild.resolve("logs/sub dir"));
        Files.createDirectories(indexBuild.resolve("logs/etc"));
        Files.writeString(indexBuild.resolve("job-output.txt"), "unit tests\n");
        Files.writeString(indexBuild.resolve("logs/sub dir/file one.txt"), "spaces in names\n");
        Files.writeString(indexBuild.resolve("logs/etc/contrail.conf"), "[DEFAULT]\n");
        logServer = new LogServer(logs);
        start();
    }

    private void start() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("logs.dir", temp.resolve("logs-web").toString());
        properties.put("logs.upload-tokens", TOKEN + ",second-token");
        properties.put("logs.ingest.backoff", "200ms");
        properties.put("logs.ingest.attempts", "3");
        app = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
        server = app.getBean(EmbeddedServer.class);
    }

    @AfterEach
    void stop() {
        app.close();
        logServer.close();
    }

    private String build(String uuid, int change, int patchSet, String pipeline, String job, String logPath) {
        return """
                {"uuid": "%s", "job_name": "%s", "result": "SUCCESS", "voting": true, "pipeline": "%s",
                 "log_url": "%s", "ref": {"project": "Juniper/contrail-controller", "branch": "master",
                 "change": %d, "patchset": "%d", "ref": "refs/changes/91/%d/%d"},
                 "start_time": "2026-11-24T10:00:00", "end_time": "2026-11-24T10:20:00", "duration": 1200}
                """.formatted(uuid, job, pipeline, logServer.url(logPath), change, patchSet, change, patchSet);
    }

    private HttpResponse<String> post(String body, String token) throws Exception {
        HttpRequest.Builder request = http.request(server.getURL() + "/api/builds", "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode state(String uuid) throws Exception {
        HttpResponse<String> response = http.get(server.getURL() + "/api/builds/" + uuid);
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode awaitFinished(String uuid) {
        JsonNode[] last = {null};
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last[0] = state(uuid);
            return last[0].path("state").asText().matches("done|failed");
        });
        return last[0];
    }

    @Test
    void aBuildWithAManifestIsStoredFileByFileAndOnlyOnce() throws Exception {
        String uuid = "aaaa1111222233334444555566667777";
        HttpResponse<String> accepted = post(
                build(uuid, 245591, 3, "check", "contrail-vnc-build", "91/245591/3/check/contrail-vnc-build/aaaa111/"),
                TOKEN);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(json.readTree(accepted.body()).path("state").asText()).isEqualTo("queued");

        JsonNode done = awaitFinished(uuid);
        assertThat(done.path("state").asText()).isEqualTo("done");
        assertThat(done.path("root").asText()).isEqualTo("91/245591/3/check/contrail-vnc-build/aaaa111/");
        assertThat(done.path("job_name").asText()).isEqualTo("contrail-vnc-build");
        assertThat(done.path("ref").path("change").asInt()).isEqualTo(245591);
        assertThat(done.path("files").findValuesAsText("path"))
                .containsExactlyInAnyOrder(
                        "job-output.txt", "logs/screen-c-api.txt.gz", "logs/syslog.txt", "zuul-manifest.json");
        JsonNode screen = done.path("files").findParents("path").stream()
                .filter(f -> f.path("path").asText().equals("logs/screen-c-api.txt.gz"))
                .findFirst()
                .orElseThrow();
        assertThat(screen.path("size").asLong()).isEqualTo(fixture("openstack-os-loganalyze/screen-c-api.txt").length);

        String home = http.get(server.getURL() + "/", "Accept", "text/html").body();
        assertThat(home)
                .contains("Up to date")
                .contains("Newest builds")
                .contains("href=\"/91/245591/3/check/contrail-vnc-build/aaaa111/\"");
        JsonNode health = json.readTree(http.get(server.getURL() + "/health").body())
                .path("details")
                .path("ingest")
                .path("details");
        assertThat(health.path("done").asInt()).isEqualTo(1);
        assertThat(health.path("pending").asInt()).isZero();
        assertThat(health.path("source.api").path("builds").asInt()).isEqualTo(1);

        LogStore store = app.getBean(LogStore.class);
        try (InputStream in =
                store.open(done.path("root").asText() + "logs/syslog.txt").orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(fixture("zuul-logjuicer-tests/syslog-01/syslog.fail"));
        }
        assertThat(store.head("91/245591/3/check/escape.txt"))
                .as("a manifest cannot place files outside its build")
                .isEmpty();

        int requests = logServer.requests();
        HttpResponse<String> again = post(
                build(uuid, 245591, 3, "check", "contrail-vnc-build", "91/245591/3/check/contrail-vnc-build/aaaa111/"),
                "second-token");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json.readTree(again.body()).path("state").asText()).isEqualTo("done");
        await("the same build is not fetched twice")
                .during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(2))
                .until(() -> logServer.requests() == requests);
    }

    @Test
    void withoutAManifestTheDirectoryIndexIsFollowedBelowTheBuildOnly() throws Exception {
        String uuid = "bbbb2222333344445555666677778888";
        assertThat(post(
                                build(
                                        uuid,
                                        245592,
                                        1,
                                        "gate",
                                        "contrail-unittest",
                                        "92/245592/1/gate/contrail-unittest/bbbb222"),
                                TOKEN)
                        .statusCode())
                .isEqualTo(202);
        JsonNode done = awaitFinished(uuid);
        assertThat(done.path("state").asText()).isEqualTo("done");
        assertThat(done.path("files").findValuesAsText("path"))
                .containsExactlyInAnyOrder("job-output.txt", "logs/sub dir/file one.txt", "logs/etc/contrail.conf");
        LogStore store = app.getBean(LogStore.class);
        try (InputStream in = store.open("92/245592/1/gate/contrail-unittest/bbbb222/logs/sub dir/file one.txt")
                .orElseThrow()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("spaces in names\n");
        }
    }

    @Test
    void aLogServerThatFailsForAWhileIsTriedAgain() throws Exception {
        logServer.failNext(3);
        String uuid = "cccc3333444455556666777788889999";
        post(build(uuid, 245592, 1, "gate", "contrail-unittest", "92/245592/1/gate/contrail-unittest/bbbb222/"), TOKEN);
        JsonNode done = awaitFinished(uuid);
        assertThat(done.path("state").asText()).isEqualTo("done");
        assertThat(done.path("attempts").asInt()).isGreaterThan(1);
    }

    @Test
    void aLogServerThatNeverAnswersFailsTheBuildWithTheReason() throws Exception {
        logServer.failNext(1000);
        String uuid = "dddd4444555566667777888899990000";
        post(build(uuid, 245592, 1, "gate", "contrail-unittest", "92/245592/1/gate/contrail-unittest/bbbb222/"), TOKEN);
        JsonNode failed = awaitFinished(uuid);
        assertThat(failed.path("state").asText()).isEqualTo("failed");
        assertThat(failed.path("reason").asText())
                .contains("gave up after 3 tries")
                .contains("503");
        logServer.failNext(0);
        assertThat(post(
                                build(
                                        uuid,
                                        245592,
                                        1,
                                        "gate",
                                        "contrail-unittest",
                                        "92/245592/1/gate/contrail-unittest/bbbb222/"),
                                TOKEN)
                        .statusCode())
                .as("a failed build sent again is tried anew")
                .isEqualTo(202);
        assertThat(awaitFinished(uuid).path("state").asText()).isEqualTo("done");
    }

    @Test
    void aBuildAcceptedBeforeAStopIsFinishedAfterTheRestart() throws Exception {
        logServer.failNext(1000); // it cannot finish before the stop
        String uuid = "eeee5555666677778888999900001111";
        assertThat(post(
                                build(
                                        uuid,
                                        245591,
                                        3,
                                        "check",
                                        "contrail-vnc-build",
                                        "91/245591/3/check/contrail-vnc-build/aaaa111/"),
                                TOKEN)
                        .statusCode())
                .isEqualTo(202);
        app.close();
        logServer.failNext(0);
        start();
        assertThat(awaitFinished(uuid).path("state").asText()).isEqualTo("done");
    }

    @Test
    void noTokenAWrongTokenOrABadBuildIsRefusedWithTheReason() throws Exception {
        String body = build("ffff6666777788889999000011112222", 245591, 3, "check", "contrail-vnc-build", "x/");
        assertThat(post(body, null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = post(body, "not-a-token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("not one of logs.upload-tokens");

        HttpResponse<String> notJson = post("{\"uuid\": ", TOKEN);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("not JSON");
        HttpResponse<String> hostile = post("""
                {"uuid": "../../etc", "job_name": "../x", "pipeline": "check", "log_url": "file:///etc/passwd",
                 "ref": {"change": 1, "patchset": 1}}""", TOKEN);
        assertThat(hostile.statusCode()).isEqualTo(400);
        assertThat(hostile.body()).contains("uuid").contains("job_name").contains("log_url");

        HttpResponse<String> unknown = http.get(server.getURL() + "/api/builds/0123456789");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }
}
