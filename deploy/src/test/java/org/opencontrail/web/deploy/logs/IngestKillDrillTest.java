package org.opencontrail.web.deploy.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.fixtures.JarProcess;

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

    /** logs-web from its jar, on the same port and folder each time it is started. */
    private JarProcess.Launch logsWeb() {
        Path jar = Path.of(
                System.getProperty("suite.root", ".."),
                "logs-web",
                "target",
                "logs-web-" + System.getProperty("suite.version") + ".jar");
        return JarProcess.site(jar, temp.resolve("logs-web.log"))
                .jvm("-Xmx256m")
                .property("logs.dir", temp.resolve("logs-web"))
                .property("logs.upload-tokens", TOKEN)
                .property("logs.ingest.workers", 2);
    }

    private long hits(Http site, String query) {
        HttpResponse<String> response =
                site.get("/api/search?size=1&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response.body()).path("total").asLong();
    }

    private List<String> acknowledged(Http site) {
        List<String> done = new ArrayList<>();
        for (int i = 0; i < BUILDS; i++) {
            if (build(site, "%04d00000000cafe".formatted(i))
                    .path("state")
                    .asText()
                    .equals("done")) {
                done.add("%04d00000000cafe".formatted(i));
            }
        }
        return done;
    }

    @Test
    void killedWhileIngestingItFinishesEveryBuildAfterTheRestart() throws Exception {
        // A log server answering each file after 40 ms: 50 builds of 4 files take a few seconds.
        SlowLogServer logServer =
                new SlowLogServer(temp.resolve("served"), BUILDS, i -> "b" + i, Duration.ofMillis(40));
        Map<String, AtomicInteger> fetches = logServer.requests();
        JarProcess.Launch logsWeb = logsWeb();
        Http site = Http.at(logsWeb.url(""));
        JarProcess first = logsWeb.startHealthy();
        List<String> acknowledged;
        try {
            for (int i = 0; i < BUILDS; i++) {
                String body = """
                        {"uuid": "%04d00000000cafe", "job_name": "unit", "result": "SUCCESS", "pipeline": "check",
                         "log_url": "http://127.0.0.1:%d/b%d/", "ref": {"project": "Juniper/contrail-controller", "change": %d, "patchset": 1}}
                        """.formatted(i, logServer.port(), i, 500000 + i);
                HttpResponse<String> accepted = site.post("/api/builds", body, "Authorization", "Bearer " + TOKEN);
                assertThat(accepted.statusCode()).isEqualTo(202);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> done(site) >= 3);
            acknowledged = acknowledged(site);
            assertThat(acknowledged.size()).as("killed in the middle").isLessThan(BUILDS);
        } finally {
            first.kill(); // SIGKILL: no shutdown hook, no flush
        }

        JarProcess second = logsWeb.startHealthy();
        try {
            for (String uuid : acknowledged) {
                int i = Integer.parseInt(uuid.substring(0, 4));
                assertThat(hits(site, "build_uuid:" + uuid + " AND message:\"a " + i + "\""))
                        .as("acknowledged build " + uuid + " is searchable")
                        .isEqualTo(1);
            }
            await("all builds stored after the restart")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> done(site) == BUILDS);
            for (int i = 0; i < BUILDS; i += 7) {
                JsonNode build = build(site, "%04d00000000cafe".formatted(i));
                assertThat(build.path("files").findValuesAsText("path"))
                        .containsExactlyInAnyOrder("job-output.txt", "logs/a.txt", "logs/b.txt", "zuul-manifest.json");
                String page = site.get("/" + build.path("root").asText() + "logs/a.txt?raw")
                        .body();
                assertThat(page).isEqualTo("a " + i + "\n");
            }
            assertThat(fetches.entrySet())
                    .as("a build finished before the kill is not fetched again")
                    .filteredOn(e -> e.getKey().endsWith("/job-output.txt"))
                    .allSatisfy(e -> assertThat(e.getValue().get()).isLessThanOrEqualTo(2));
        } finally {
            second.stop();
            logServer.close();
        }
        List<String> queries = List.of(
                "tags:console",
                "message:console",
                "filename:\"logs/a.txt\"",
                "message:b AND NOT message:a",
                "build_name:unit AND build_change:500007");
        Map<String, Long> before = new LinkedHashMap<>();
        try (JarProcess third = logsWeb.startHealthy()) {
            for (String query : queries) {
                before.put(query, hits(site, query));
            }
            assertThat(before.get("tags:console")).isEqualTo(BUILDS);
            assertThat(before.get("filename:\"logs/a.txt\"")).isEqualTo(BUILDS);
            assertThat(before.get("build_name:unit AND build_change:500007"))
                    .isEqualTo(3); // its lines of console, a and b (manifests are not indexed)
        }
        JarProcess reindex = logsWeb.arguments("reindex").start();
        assertThat(reindex.exitCode(Duration.ofMinutes(2)))
                .as(reindex.logTail())
                .isZero();
        assertThat(Files.readString(temp.resolve("logs-web.log"))).contains("Indexed " + BUILDS + " builds");
        try (JarProcess fourth = logsWeb.startHealthy()) {
            for (String query : queries) {
                assertThat(hits(site, query)).as("after reindex: " + query).isEqualTo(before.get(query));
            }
        }
    }

    private JsonNode build(Http site, String uuid) {
        return site.getJson("/api/builds/" + uuid);
    }

    private long done(Http site) {
        long count = 0;
        for (int i = 0; i < BUILDS; i++) {
            count += build(site, "%04d00000000cafe".formatted(i))
                            .path("state")
                            .asText()
                            .equals("done")
                    ? 1
                    : 0;
        }
        return count;
    }
}
