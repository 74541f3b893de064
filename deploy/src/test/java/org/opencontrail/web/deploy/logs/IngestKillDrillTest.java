package org.opencontrail.web.deploy.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.FreePort;

/**
 * kill -9 of logs-web (the real jar) while it ingests 50 builds from a slow log server; started
 * again on the same folder, every build acknowledged before the kill is searchable at once, and it
 * ends with all 50 stored, viewable and searchable, each file once. {@code reindex} then rebuilds
 * the index from the store to the same hit counts.
 */
@Tag("suite")
class IngestKillDrillTest {

    private static final int BUILDS = 50;
    private static final String TOKEN = "drill-token";

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private Process start(int port, String... command) throws IOException {
        Path jar = Path.of(
                System.getProperty("suite.root", ".."),
                "logs-web",
                "target",
                "logs-web-" + System.getProperty("suite.version") + ".jar");
        List<String> line = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dmicronaut.server.port=" + port,
                "-Dlogs.dir=" + temp.resolve("logs-web"),
                "-Dlogs.upload-tokens=" + TOKEN,
                "-Dlogs.ingest.workers=2",
                "-jar",
                jar.toString()));
        line.addAll(List.of(command));
        return new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        temp.resolve("logs-web.log").toFile()))
                .start();
    }

    private long hits(int port, String query) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/search?size=1&q="
                                + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).path("total").asLong();
    }

    private List<String> acknowledged(int port) throws Exception {
        List<String> done = new java.util.ArrayList<>();
        for (int i = 0; i < BUILDS; i++) {
            if (build(port, "%04d00000000cafe".formatted(i))
                    .path("state")
                    .asText()
                    .equals("done")) {
                done.add("%04d00000000cafe".formatted(i));
            }
        }
        return done;
    }

    private void awaitHealthy(int port) {
        await("logs-web answers")
                .atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> http.send(
                                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200);
    }

    @Test
    void killedWhileIngestingItFinishesEveryBuildAfterTheRestart() throws Exception {
        // A log server answering each file after 40 ms: 50 builds of 4 files take a few seconds.
        SlowLogServer logServer =
                new SlowLogServer(temp.resolve("served"), BUILDS, i -> "b" + i, Duration.ofMillis(40));
        Map<String, AtomicInteger> fetches = logServer.requests();
        int port = FreePort.next();
        Process first = start(port);
        List<String> acknowledged;
        try {
            awaitHealthy(port);
            for (int i = 0; i < BUILDS; i++) {
                String body = """
                        {"uuid": "%04d00000000cafe", "job_name": "unit", "result": "SUCCESS", "pipeline": "check",
                         "log_url": "http://127.0.0.1:%d/b%d/", "ref": {"project": "Juniper/contrail-controller", "change": %d, "patchset": 1}}
                        """.formatted(i, logServer.port(), i, 500000 + i);
                HttpResponse<String> accepted = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/builds"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(accepted.statusCode()).isEqualTo(202);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> done(port) >= 3);
            acknowledged = acknowledged(port);
            assertThat(acknowledged.size()).as("killed in the middle").isLessThan(BUILDS);
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            first.waitFor(10, TimeUnit.SECONDS);
        }

        Process second = start(port);
        try {
            awaitHealthy(port);
            for (String uuid : acknowledged) {
                int i = Integer.parseInt(uuid.substring(0, 4));
                assertThat(hits(port, "build_uuid:" + uuid + " AND message:\"a " + i + "\""))
                        .as("acknowledged build " + uuid + " is searchable")
                        .isEqualTo(1);
            }
            await("all builds stored after the restart")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> done(port) == BUILDS);
            for (int i = 0; i < BUILDS; i += 7) {
                JsonNode build = build(port, "%04d00000000cafe".formatted(i));
                assertThat(build.path("files").findValuesAsText("path"))
                        .containsExactlyInAnyOrder("job-output.txt", "logs/a.txt", "logs/b.txt", "zuul-manifest.json");
                String page = http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"
                                                + build.path("root").asText() + "logs/a.txt?raw"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                assertThat(page).isEqualTo("a " + i + "\n");
            }
            assertThat(fetches.entrySet())
                    .as("a build finished before the kill is not fetched again")
                    .filteredOn(e -> e.getKey().endsWith("/job-output.txt"))
                    .allSatisfy(e -> assertThat(e.getValue().get()).isLessThanOrEqualTo(2));
        } finally {
            second.destroy();
            second.waitFor(20, TimeUnit.SECONDS);
            logServer.close();
        }
        List<String> queries = List.of(
                "tags:console",
                "message:console",
                "filename:\"logs/a.txt\"",
                "message:b AND NOT message:a",
                "build_name:unit AND build_change:500007");
        Process third = start(port);
        Map<String, Long> before = new java.util.LinkedHashMap<>();
        try {
            awaitHealthy(port);
            for (String query : queries) {
                before.put(query, hits(port, query));
            }
            assertThat(before.get("tags:console")).isEqualTo(BUILDS);
            assertThat(before.get("filename:\"logs/a.txt\"")).isEqualTo(BUILDS);
            assertThat(before.get("build_name:unit AND build_change:500007"))
                    .isEqualTo(3); // its lines of console, a and b (manifests are not indexed)
        } finally {
            third.destroy();
            third.waitFor(20, TimeUnit.SECONDS);
        }
        Process reindex = start(port, "reindex");
        assertThat(reindex.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(reindex.exitValue())
                .as(Files.readString(temp.resolve("logs-web.log")))
                .isZero();
        assertThat(Files.readString(temp.resolve("logs-web.log"))).contains("Indexed " + BUILDS + " builds");
        Process fourth = start(port);
        try {
            awaitHealthy(port);
            for (String query : queries) {
                assertThat(hits(port, query)).as("after reindex: " + query).isEqualTo(before.get(query));
            }
        } finally {
            fourth.destroy();
            fourth.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private JsonNode build(int port, String uuid) throws Exception {
        return json.readTree(http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/builds/" + uuid))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }

    private long done(int port) throws Exception {
        long count = 0;
        for (int i = 0; i < BUILDS; i++) {
            count += build(port, "%04d00000000cafe".formatted(i))
                            .path("state")
                            .asText()
                            .equals("done")
                    ? 1
                    : 0;
        }
        return count;
    }
}
