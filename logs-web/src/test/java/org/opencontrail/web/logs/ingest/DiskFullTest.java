package org.opencontrail.web.logs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.shared.testing.SmallDisk;

/**
 * The disk holding logs-web's records, index and stored logs fills up (a small tmpfs filled to the
 * byte) while builds keep coming: the site keeps serving what it has, /health says what is wrong,
 * builds it cannot take are refused with 503 rather than lost, and once space is back every build
 * sent is stored and searchable, and the index takes new builds again.
 */
class DiskFullTest {

    @TempDir
    Path temp;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aFullDiskLosesNoBuildAndTheSiteKeepsServing() throws Exception {
        Assumptions.assumeTrue(SmallDisk.available(), "mounting a small disk needs root");
        Path logs = temp.resolve("server");
        int before = 4;
        int during = 4;
        for (int i = 0; i < before + during + 1; i++) {
            Path build = logs.resolve("build-" + i);
            Files.createDirectories(build);
            Files.writeString(
                    build.resolve("job-output.txt"), ("ERROR tempest.scenario failure number " + i + "\n").repeat(200));
        }
        try (LogServer logServer = new LogServer(logs);
                SmallDisk disk = SmallDisk.mount(temp.resolve("disk"), 24)) {
            Map<String, Object> properties = TestConfig.retrying(disk.root().resolve("logs-web"), "500ms", "1s", 1000);
            try (ApplicationContext app =
                    ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext()) {
                IngestClient client =
                        new IngestClient(app.getBean(EmbeddedServer.class).getURI(), "t");
                BuildRecords records = app.getBean(BuildRecords.class);
                for (int i = 0; i < before; i++) {
                    assertThat(enqueue(client, logServer, i).statusCode()).isEqualTo(202);
                }
                await("the first builds stored").atMost(Duration.ofSeconds(30)).until(() -> done(records) == before);
                long searchable = total(client);
                assertThat(searchable).isPositive();

                // Builds accepted while their log server is busy are fetched once the disk is full.
                logServer.failNext(1_000_000);
                for (int i = before; i < before + during; i++) {
                    assertThat(enqueue(client, logServer, i).statusCode()).isEqualTo(202);
                }
                disk.fill();
                logServer.failNext(0);
                await("/health names the problem")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> {
                            JsonNode health =
                                    json.readTree(client.get("/health").body());
                            return health.at("/details/ingest/details/retrying").asInt() > 0
                                    && health.at("/details/ingest/details/problem")
                                            .asText()
                                            .contains("space");
                        });
                assertThat(client.get("/").statusCode())
                        .as("the home page on a full disk")
                        .isEqualTo(200);
                assertThat(client.get("/").body()).as("the home page says why").contains("No space left");
                assertThat(total(client))
                        .as("what was searchable stays searchable")
                        .isEqualTo(searchable);
                // A build that cannot be recorded is refused, so that its sender keeps it.
                HttpResponse<String> refused = enqueue(client, logServer, before + during);
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(refused.body()).contains("No space left");

                disk.free();
                assertThat(enqueue(client, logServer, before + during).statusCode())
                        .as("sent again")
                        .isEqualTo(202);
                int all = before + during + 1;
                await("every build stored once there is space")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> done(records) == all);
                await("and searchable").atMost(Duration.ofSeconds(30)).until(() -> total(client) > searchable);
                JsonNode health = json.readTree(client.get("/health").body());
                assertThat(health.at("/details/ingest/details/retrying").asInt())
                        .isZero();
                assertThat(health.at("/details/ingest/details/failed").asInt()).isZero();
                assertThat(json.readTree(client.get("/api/search?q=%22failure+number+" + (all - 1) + "%22")
                                        .body())
                                .path("total")
                                .asLong())
                        .as("the last build's lines are searchable")
                        .isPositive();
            }
        }
    }

    @Test
    void aFullIndexDiskDelaysSearchAndLosesNoBuild() throws Exception {
        Assumptions.assumeTrue(SmallDisk.available(), "mounting a small disk needs root");
        Path logs = temp.resolve("server");
        int builds = 6;
        for (int i = 0; i < builds; i++) {
            Path build = logs.resolve("build-" + i);
            Files.createDirectories(build);
            Files.writeString(
                    build.resolve("job-output.txt"),
                    ("ERROR tempest.scenario failure number " + i + " " + "x".repeat(i * 7) + "\n").repeat(3000));
        }
        try (LogServer logServer = new LogServer(logs);
                SmallDisk disk = SmallDisk.mount(temp.resolve("index-disk"), 16)) {
            Map<String, Object> properties = TestConfig.retrying(temp.resolve("logs-web"), "500ms", "1s", 1000);
            properties.put("logs.search.dir", disk.root().resolve("index").toString());
            try (ApplicationContext app =
                    ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext()) {
                IngestClient client =
                        new IngestClient(app.getBean(EmbeddedServer.class).getURI(), "t");
                BuildRecords records = app.getBean(BuildRecords.class);
                assertThat(enqueue(client, logServer, 0).statusCode()).isEqualTo(202);
                await("the first build searchable")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> done(records) == 1);
                long searchable = total(client);

                disk.fill();
                for (int i = 1; i < builds; i++) {
                    assertThat(enqueue(client, logServer, i).statusCode()).isEqualTo(202);
                }
                await("/health names the problem")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> {
                            JsonNode health =
                                    json.readTree(client.get("/health").body());
                            return health.at("/details/ingest/details/retrying").asInt() > 0
                                    && health.at("/details/search-index/details/writeProblem")
                                            .asText()
                                            .contains("space");
                        });
                assertThat(client.get("/").statusCode()).isEqualTo(200);
                assertThat(total(client))
                        .as("what was searchable stays searchable")
                        .isEqualTo(searchable);

                disk.free();
                await("every build searchable once there is space")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> done(records) == builds);
                assertThat(records.all()).noneMatch(r -> r.state() == IngestState.FAILED);
                for (int i = 0; i < builds; i++) {
                    assertThat(json.readTree(client.get("/api/search?q=%22failure+number+" + i + "%22")
                                            .body())
                                    .path("total")
                                    .asLong())
                            .as("build " + i + " searchable")
                            .isPositive();
                }
            }
        }
    }

    private static long done(BuildRecords records) {
        return records.all().stream().filter(r -> r.state() == IngestState.DONE).count();
    }

    private long total(IngestClient client) throws Exception {
        return json.readTree(client.get("/api/search?q=ERROR").body())
                .path("total")
                .asLong();
    }

    private static String uuid(int i) {
        return "%08d0000dddd".formatted(i);
    }

    private static HttpResponse<String> enqueue(IngestClient client, LogServer logServer, int i) throws Exception {
        return client.enqueue(uuid(i), logServer.url("build-" + i + "/"), 400300 + i, "FAILURE");
    }
}
