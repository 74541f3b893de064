package org.opencontrail.web.logs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.fixtures.KafkaBroker;
import org.opencontrail.web.fixtures.S3ProxyServer;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;

/**
 * Two replicas of logs-web share their ingest over a real Kafka 4 broker and one S3 store (s3proxy):
 * a build given to either is fetched by exactly one, both serve its pages and find it in a search;
 * a replica that stops in the middle of a build leaves it to the other, which fetches it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("kafka")
@Tag("s3")
class IngestReplicasTest {

    private static final String GROUP = "logs-web-ingest";
    private static final String STOPPED_MIDWAY = "0000000[4-7]0000bbbb";
    private static final int UNANNOUNCED = 8;

    private final Http http = Http.plain();
    private final ObjectMapper json = new ObjectMapper();
    private Path temp;
    private KafkaBroker kafka;
    private S3ProxyServer s3;
    private LogServer logServer;

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        this.temp = temp;
        kafka = KafkaBroker.start();
        s3 = new S3ProxyServer();
        Path logs = temp.resolve("server");
        for (int i = 0; i < 8; i++) {
            Path build = logs.resolve("build-" + i);
            Files.createDirectories(build.resolve("logs"));
            Files.writeString(
                    build.resolve("job-output.txt"), "2025-01-01 00:00:00.000 | ERROR marker build" + i + " failed\n");
        }
        Path unannounced = logs.resolve("build-" + UNANNOUNCED);
        Files.createDirectories(unannounced);
        Files.writeString(
                unannounced.resolve("job-output.txt"), "2025-01-01 00:00:00.000 | ERROR unannounced build failed\n");
        logServer = new LogServer(logs);
    }

    @AfterAll
    void stop() throws Exception {
        logServer.close();
        s3.close();
        kafka.close();
    }

    /** The search engine's settings, the same for both replicas: none for their own embedded indexes; a shared OpenSearch in a subclass. */
    Map<String, Object> engine() {
        return Map.of();
    }

    private ApplicationContext replica(String id) {
        return replica(id, Map.of());
    }

    private ApplicationContext replica(String id, Map<String, Object> more) {
        Map<String, Object> properties = TestConfig.onS3(
                TestConfig.retrying(temp.resolve("logs-web-" + id), "1s", "2s", 5), s3.endpoint(), "replicas");
        properties.putAll(engine());
        properties.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("suite.replica.id", id);
        properties.put("logs.ingest.kafka.session-timeout", "6s");
        properties.put("logs.ingest.kafka.partitions", "4");
        properties.putAll(more);
        return ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
    }

    private HttpResponse<String> post(ApplicationContext app, int i) throws Exception {
        String body = """
                {"uuid": "%08d0000bbbb", "job_name": "unit", "result": "FAILURE", "pipeline": "check", "log_url": "%s",
                 "ref": {"project": "Juniper/contrail-controller", "change": %d, "patchset": 1}}
                """.formatted(i, logServer.url("build-" + i + "/"), 500100 + i);
        return http.post(url(app) + "/api/builds", body, "Authorization", "Bearer t");
    }

    private static String url(ApplicationContext app) {
        return app.getBean(EmbeddedServer.class).getURL().toString();
    }

    private static long done(ApplicationContext app) {
        return app.getBean(BuildRecords.class).all().stream()
                .filter(r -> r.state() == IngestState.DONE)
                .count();
    }

    private static double fetchedHere(ApplicationContext app) {
        return app.getBean(MeterRegistry.class)
                .get("logs_ingest_builds")
                .tag("state", "done")
                .counter()
                .count();
    }

    private JsonNode search(ApplicationContext app, String query) throws Exception {
        String q = URLEncoder.encode(query, StandardCharsets.UTF_8);
        return json.readTree(
                http.get(url(app) + "/api/search?q=" + q + "&size=50").body());
    }

    @Test
    void eachBuildIsFetchedByOneReplicaAndServedAndFoundByBoth() throws Exception {
        try (ApplicationContext a = replica("a");
                ApplicationContext b = replica("b")) {
            for (int i = 0; i < 4; i++) {
                assertThat(post(i % 2 == 0 ? a : b, i).statusCode()).isEqualTo(202);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> done(a) == 4 && done(b) == 4);
            assertThat(fetchedHere(a) + fetchedHere(b))
                    .as("each build fetched, stored and indexed by one replica")
                    .isEqualTo(4);
            for (int i = 0; i < 4; i++) {
                assertThat(logServer.fileRequests("build-" + i + "/job-output.txt"))
                        .as("build %d fetched once", i)
                        .isEqualTo(1);
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> search(a, "marker").path("total").asLong() == 4
                            && search(b, "marker").path("total").asLong() == 4);
            assertThat(search(a, "marker").path("hits").findValuesAsText("build"))
                    .containsExactlyInAnyOrderElementsOf(
                            search(b, "marker").path("hits").findValuesAsText("build"));
            String page = "/api/builds/000000020000bbbb";
            for (ApplicationContext app : new ApplicationContext[] {a, b}) {
                HttpResponse<String> build = http.get(url(app) + page);
                assertThat(build.statusCode()).isEqualTo(200);
                assertThat(json.readTree(build.body()).path("state").asText()).isEqualTo("done");
            }
            JsonNode health = json.readTree(http.get(url(b) + "/health").body()).path("details");
            assertThat(health.path("ingest-queue").path("status").asText()).isEqualTo("UP");
            assertThat(health.path("finished-builds").path("status").asText()).isEqualTo("UP");
            assertThat(health.has("gerrit-kafka"))
                    .as("logs-web counts the recheck comments: each replica reads Gerrit's topic")
                    .isTrue();
        }
    }

    /**
     * The hard case: the replica holding builds is asked to hand them over (another joined) and, while it
     * waits for them to finish, it stops. The group's rebalance waits for it, so it must leave at once.
     */
    @Test
    void aBuildOfAReplicaThatStopsMidwayIsFetchedByTheOther() throws Exception {
        ApplicationContext a = replica("c");
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            a.getBean(SharedQueueReader.class).health().status().healthy()
                                    && "Stable".equals(kafka.groupState(GROUP)));
            logServer.holdFiles();
            for (int i = 4; i < 8; i++) {
                assertThat(post(a, i).statusCode()).isEqualTo(202);
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> a.getBean(BuildRecords.class).all().stream()
                            .anyMatch(
                                    r -> r.build().uuid().matches(STOPPED_MIDWAY) && r.state() == IngestState.STORING));
            try (ApplicationContext b = replica("d")) {
                await().atMost(Duration.ofSeconds(30))
                        .alias("b joining makes the group wait for a, which holds builds it cannot finish")
                        .until(() -> "PreparingRebalance".equals(kafka.groupState(GROUP))
                                && a.getBean(MeterRegistry.class)
                                                .get("logs_ingest_handover_builds")
                                                .gauge()
                                                .value()
                                        > 0);
                a.close(); // in the middle of fetching: nothing of it was acknowledged
                logServer.release();
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> b.getBean(BuildRecords.class).all().stream()
                                        .filter(r -> r.build().uuid().matches(STOPPED_MIDWAY)
                                                && r.state() == IngestState.DONE)
                                        .count()
                                == 4);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> search(b, "marker").path("total").asLong() == 8);
            }
        } finally {
            logServer.release();
            if (a.isRunning()) {
                a.close();
            }
        }
    }

    /**
     * A replica killed after storing a build as finished but before telling the others leaves the
     * build on the queue unacknowledged. The next to take it finds it finished in the store: it tells
     * every replica again, and serves and finds it itself.
     */
    @Test
    void aBuildFinishedByAReplicaThatDiedBeforeTellingTheOthersIsServedByTheNext() throws Exception {
        String uuid = "%08d0000bbbb".formatted(UNANNOUNCED);
        try (ApplicationContext next = replica("next")) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> next.getBean(SharedQueueReader.class)
                            .health()
                            .status()
                            .healthy());
            // the replica that dies: it takes the build from a queue of its own and its notice reaches
            // nobody, as if it was killed between storing the build and telling the others
            try (ApplicationContext dying = replica(
                    "lost",
                    Map.of(
                            "logs.ingest.kafka.topic", "logs-ingest-lost",
                            "logs.ingest.kafka.group-id", "logs-web-ingest-lost",
                            "logs.ingest.kafka.finished-topic", "logs-builds-lost"))) {
                assertThat(post(dying, UNANNOUNCED).statusCode()).isEqualTo(202);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> dying.getBean(BuildRecords.class)
                                .get(uuid)
                                .filter(r -> r.state() == IngestState.DONE)
                                .isPresent());
            }
            assertThat(next.getBean(BuildRecords.class).get(uuid)).isEmpty();
            // the same build, still on the replicas' queue as never acknowledged
            assertThat(post(next, UNANNOUNCED).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60))
                    .alias("the next replica serves the build as done")
                    .until(() -> next.getBean(BuildRecords.class)
                            .get(uuid)
                            .filter(r -> r.state() == IngestState.DONE)
                            .isPresent());
            await().atMost(Duration.ofSeconds(30))
                    .alias("and finds it")
                    .until(() -> search(next, "unannounced").path("total").asLong() == 1);
            assertThat(logServer.fileRequests("build-" + UNANNOUNCED + "/job-output.txt"))
                    .as("fetched once, by the replica that died")
                    .isEqualTo(1);
        }
    }
}
