package org.opencontrail.web.logs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.logs.builds.BuildJson;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.shared.gerrit.projects.PublicProjects;

/**
 * logs-web keeps no logs of a project Gerrit does not list to anonymous readers, and loses none of
 * a public one while it cannot yet tell: builds wait for the project list, then a public build is
 * stored and a hidden one is dropped unfetched; the enqueue API refuses a hidden project's build.
 */
class HiddenProjectIngestTest {

    private static final String TOKEN = "publisher-token-1";
    private static final String PUBLIC = "Juniper/contrail-controller";
    private static final String HIDDEN = "Juniper/contrail-embargoed";

    @TempDir
    Path temp;

    private LogServer logServer;
    private HttpServer gerrit;
    private ApplicationContext app;
    private EmbeddedServer server;
    private final AtomicInteger gerritStatus = new AtomicInteger(503);
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        for (String build : new String[] {"11/300011/1/check/unit/1111111", "12/300012/1/check/unit/2222222"}) {
            Path dir = temp.resolve("logs").resolve(build);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("job-output.txt"), "output of " + build + "\n");
        }
        logServer = new LogServer(temp.resolve("logs"));
        byte[] list = (")]}'\n{\"" + PUBLIC + "\":{\"state\":\"ACTIVE\"},\"" + HIDDEN + "\":{\"state\":\"HIDDEN\"}}\n")
                .getBytes(StandardCharsets.UTF_8);
        gerrit = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gerrit.createContext("/projects/", exchange -> {
            int status = gerritStatus.get();
            exchange.sendResponseHeaders(status, status == 200 ? list.length : -1);
            if (status == 200) {
                exchange.getResponseBody().write(list);
            }
            exchange.close();
        });
        gerrit.start();
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("logs.dir", temp.resolve("logs-web").toString());
        properties.put("logs.upload-tokens", TOKEN);
        properties.put("logs.ingest.backoff", "200ms");
        properties.put("gerrit.url", "http://127.0.0.1:" + gerrit.getAddress().getPort() + "/");
        properties.put("gerrit.project-list.refresh", "1h");
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        app = server.getApplicationContext();
    }

    @AfterEach
    void stop() {
        app.close();
        gerrit.stop(0);
        logServer.close();
    }

    private static String build(String uuid, String project, String logUrl) {
        return """
                {"uuid": "%s", "job_name": "unit", "result": "SUCCESS", "voting": true, "pipeline": "check",
                 "log_url": "%s", "ref": {"project": "%s", "branch": "master", "change": 300011, "patchset": "1"},
                 "start_time": "2026-11-24T10:00:00", "end_time": "2026-11-24T10:20:00", "duration": 1200}
                """.formatted(uuid, logUrl, project);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> enqueue(String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/builds"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private String health() throws Exception {
        return send(HttpRequest.newBuilder(URI.create(server.getURL() + "/health")))
                .body();
    }

    @Test
    void buildsWaitForTheProjectListThenOnlyPublicOnesAreKept() throws Exception {
        BuildIntake queue = app.getBean(BuildIntake.class);
        BuildRecords records = app.getBean(BuildRecords.class);
        PublicProjects projects = app.getBean(PublicProjects.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> health().contains("gerrit-projects"));
        assertThat(health()).contains("\"gerrit-projects\"").contains("503");

        // Zuul's results bring both while Gerrit cannot be asked: neither is fetched, neither is lost.
        queue.submit(
                BuildJson.parseRequest(
                        new com.fasterxml.jackson.databind.ObjectMapper()
                                .readTree(
                                        build("1111111aaaa", PUBLIC, logServer.url("11/300011/1/check/unit/1111111/"))),
                        new java.util.ArrayList<>()),
                "mqtt");
        queue.submit(
                BuildJson.parseRequest(
                        new com.fasterxml.jackson.databind.ObjectMapper()
                                .readTree(
                                        build("2222222bbbb", HIDDEN, logServer.url("12/300012/1/check/unit/2222222/"))),
                        new java.util.ArrayList<>()),
                "mqtt");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> records.get("1111111aaaa")
                        .map(r -> r.reason().contains("project list"))
                        .orElse(false));
        Thread.sleep(1000);
        assertThat(records.get("1111111aaaa").orElseThrow().state().finished()).isFalse();
        assertThat(records.get("2222222bbbb")).isPresent();
        assertThat(logServer.requests())
                .as("nothing fetched before the list is read")
                .isZero();
        assertThat(send(HttpRequest.newBuilder(URI.create(server.getURL() + "/")))
                        .body())
                .as("the home page meanwhile")
                .doesNotContain("contrail-embargoed")
                .doesNotContain("2222222");

        gerritStatus.set(200);
        projects.refresh();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> records.get("1111111aaaa")
                                .map(r -> r.state() == IngestState.DONE)
                                .orElse(false)
                        && records.get("2222222bbbb").isEmpty());
        try (Stream<Path> files = Files.walk(temp.resolve("logs-web"))) {
            assertThat(files.map(Path::toString))
                    .as("nothing of the hidden build is kept")
                    .noneMatch(name -> name.contains("2222222"))
                    .anyMatch(name -> name.contains("1111111"));
        }
        assertThat(send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/builds/2222222bbbb")))
                        .statusCode())
                .isEqualTo(404);
        assertThat(health()).contains("\"publicProjects\":1");

        HttpResponse<String> refused =
                enqueue(build("3333333cccc", HIDDEN, logServer.url("12/300012/1/check/unit/2222222/")));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("not public");
        assertThat(records.get("3333333cccc")).isEmpty();
        assertThat(enqueue(build("4444444dddd", PUBLIC, logServer.url("11/300011/1/check/unit/1111111/")))
                        .statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> records.get("4444444dddd")
                        .map(r -> r.state() == IngestState.DONE)
                        .orElse(false));
    }
}
