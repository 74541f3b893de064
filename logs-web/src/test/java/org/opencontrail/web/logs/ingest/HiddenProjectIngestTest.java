package org.opencontrail.web.logs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.logs.builds.BuildJson;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.shared.gerrit.projects.PublicProjects;
import org.opencontrail.web.shared.testing.GerritProjectList;

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
    private GerritProjectList gerrit;
    private ApplicationContext app;
    private EmbeddedServer server;
    private Http site;

    @BeforeEach
    void start() throws IOException {
        for (String build : new String[] {"11/300011/1/check/unit/1111111", "12/300012/1/check/unit/2222222"}) {
            Path dir = temp.resolve("logs").resolve(build);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("job-output.txt"), "output of " + build + "\n");
        }
        logServer = new LogServer(temp.resolve("logs"));
        gerrit = GerritProjectList.start().active(PUBLIC).hidden(HIDDEN).fail(503);
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("logs.dir", temp.resolve("logs-web").toString());
        properties.put("logs.upload-tokens", TOKEN);
        properties.put("logs.ingest.backoff", "200ms");
        properties.put("gerrit.url", gerrit.url());
        properties.put("gerrit.project-list.refresh", "1h");
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        app = server.getApplicationContext();
        site = Http.at(server.getURL());
    }

    @AfterEach
    void stop() {
        app.close();
        gerrit.close();
        logServer.close();
    }

    private static String build(String uuid, String project, String logUrl) {
        return """
                {"uuid": "%s", "job_name": "unit", "result": "SUCCESS", "voting": true, "pipeline": "check",
                 "log_url": "%s", "ref": {"project": "%s", "branch": "master", "change": 300011, "patchset": "1"},
                 "start_time": "2026-11-24T10:00:00", "end_time": "2026-11-24T10:20:00", "duration": 1200}
                """.formatted(uuid, logUrl, project);
    }

    private HttpResponse<String> enqueue(String body) {
        return site.post("/api/builds", body, "Authorization", "Bearer " + TOKEN, "Content-Type", "application/json");
    }

    private String health() {
        return site.get("/health").body();
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
        await("the builds wait for the list, nothing fetched")
                .during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .until(() -> !records.get("1111111aaaa").orElseThrow().state().finished()
                        && records.get("2222222bbbb").isPresent()
                        && logServer.requests() == 0);
        assertThat(site.get("/").body())
                .as("the home page meanwhile")
                .doesNotContain("contrail-embargoed")
                .doesNotContain("2222222");

        gerrit.recover();
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
        assertThat(site.get("/api/builds/2222222bbbb").statusCode()).isEqualTo(404);
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
