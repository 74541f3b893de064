package org.opencontrail.web.deploy.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.FreePort;
import org.opencontrail.web.fixtures.KafkaBroker;
import org.opencontrail.web.shared.testing.S3ProxyServer;

/**
 * Two logs-web replicas as processes of the real jar, sharing a Kafka broker and an S3 server
 * (s3proxy). One is killed (kill -9) while both fetch builds from a slow log server, builds still
 * being handed to it: the other fetches every build the dead one had not finished, and ends
 * serving and finding all of them; a build finished before the kill is not fetched again. The
 * killed replica, started again, serves them all too.
 */
@Tag("kafka")
@Tag("suite")
@Tag("s3")
class IngestReplicasKillDrillTest {

    private static final int BUILDS = 24;
    private static final String TOKEN = "replicas-drill-token";

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aReplicaKilledMidIngestLeavesEveryBuildItHadNotFinishedToTheOther() throws Exception {
        // every file answered after 150 ms: a replica is always in the middle of a build
        try (SlowLogServer logServer =
                        new SlowLogServer(temp.resolve("served"), BUILDS, "%04d"::formatted, Duration.ofMillis(150));
                KafkaBroker kafka = KafkaBroker.start();
                S3ProxyServer s3 = new S3ProxyServer(Path.of("target", "s3proxy", "s3proxy.jar"))) {
            int portA = FreePort.next();
            int portB = FreePort.next();
            Process a = start("a", portA, kafka, s3);
            Process b = start("b", portB, kafka, s3);
            try {
                awaitHealthy(portA);
                awaitHealthy(portB);
                for (int i = 0; i < BUILDS / 2; i++) {
                    handIn(i % 2 == 0 ? portA : portB, i, logServer.port());
                }
                await("some builds finished")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> done(portB).size() >= 3);
                List<String> finishedBeforeKill = done(portB);
                a.destroyForcibly(); // SIGKILL: nothing it held was acknowledged
                assertThat(a.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(finishedBeforeKill.size()).as("killed in the middle").isLessThan(BUILDS / 2);
                for (int i = BUILDS / 2; i < BUILDS; i++) {
                    handIn(portB, i, logServer.port());
                }

                await("every build stored and searchable on the replica left")
                        .atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> done(portB).size() == BUILDS && hits(portB, "tags:console") == BUILDS);
                for (String uuid : finishedBeforeKill) {
                    String console = "/" + uuid.substring(0, 4) + "/job-output.txt";
                    assertThat(logServer.requests().get(console).get())
                            .as("build " + uuid + ", finished before the kill, fetched once")
                            .isEqualTo(1);
                }

                a = start("a", portA, kafka, s3);
                awaitHealthy(portA);
                try {
                    await("the killed replica, back, serves and finds every build")
                            .atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofMillis(500))
                            .until(() -> done(portA).size() == BUILDS && hits(portA, "tags:console") == BUILDS);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError(
                            "the killed replica, back: " + states(portA) + ", " + hits(portA, "tags:console")
                                    + " hits\n" + logs(),
                            e);
                }
            } finally {
                for (Process replica : List.of(a, b)) {
                    replica.destroy();
                    replica.waitFor(20, TimeUnit.SECONDS);
                }
            }
        }
    }

    private Process start(String id, int port, KafkaBroker kafka, S3ProxyServer s3) throws IOException {
        Path jar = Path.of(
                System.getProperty("suite.root", ".."),
                "logs-web",
                "target",
                "logs-web-" + System.getProperty("suite.version") + ".jar");
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-Dmicronaut.server.port=" + port,
                        "-Dlogs.dir=" + temp.resolve("logs-web-" + id),
                        "-Dlogs.upload-tokens=" + TOKEN,
                        "-Dlogs.ingest.workers=2",
                        "-Dsuite.replica.id=" + id,
                        "-Dkafka.bootstrap-servers=" + kafka.bootstrapServers(),
                        "-Dlogs.ingest.kafka.session-timeout=6s",
                        "-Dlogs.ingest.kafka.partitions=4",
                        "-Dlogs.s3.endpoint=" + s3.endpoint(),
                        "-Dlogs.s3.bucket=replicas",
                        "-Dlogs.s3.access-key=" + S3ProxyServer.ACCESS_KEY,
                        "-Dlogs.s3.secret-key=" + S3ProxyServer.SECRET_KEY,
                        "-jar",
                        jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        temp.resolve("logs-web-" + id + ".log").toFile()))
                .start();
    }

    private void handIn(int port, int build, int logPort) throws Exception {
        String body = """
                {"uuid": "%04d0000000dead", "job_name": "unit", "result": "SUCCESS", "pipeline": "check",
                 "log_url": "http://127.0.0.1:%d/%04d/", "ref": {"project": "Juniper/contrail-controller", "change": %d, "patchset": 1}}
                """.formatted(build, logPort, build, 510000 + build);
        HttpResponse<String> accepted = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/builds"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }

    /** The builds a replica serves as done. */
    private List<String> done(int port) throws Exception {
        List<String> done = new ArrayList<>();
        for (int i = 0; i < BUILDS; i++) {
            String uuid = "%04d0000000dead".formatted(i);
            String record = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/builds/" + uuid))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            if (json.readTree(record).path("state").asText().equals("done")) {
                done.add(uuid);
            }
        }
        return done;
    }

    /** Each build's state on a replica, for a failure's message. */
    private Map<String, String> states(int port) throws Exception {
        Map<String, String> states = new java.util.TreeMap<>();
        for (int i = 0; i < BUILDS; i++) {
            String uuid = "%04d0000000dead".formatted(i);
            states.put(
                    uuid.substring(0, 4),
                    json.readTree(http.send(
                                            HttpRequest.newBuilder(URI.create(
                                                            "http://127.0.0.1:" + port + "/api/builds/" + uuid))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .body())
                            .path("state")
                            .asText("none"));
        }
        return states;
    }

    private long hits(int port, String query) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/search?size=1&q="
                                + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body()).path("total").asLong();
    }

    /** The ends of the replicas' logs, for a failure's message. */
    private String logs() {
        StringBuilder logs = new StringBuilder();
        for (String id : List.of("a", "b")) {
            try {
                String log = java.nio.file.Files.readString(temp.resolve("logs-web-" + id + ".log"));
                logs.append("logs-web ")
                        .append(id)
                        .append(": ")
                        .append(log.substring(Math.max(0, log.length() - 3000)))
                        .append('\n');
            } catch (IOException none) {
                logs.append("logs-web ").append(id).append(": no log\n");
            }
        }
        return logs.toString();
    }

    private void awaitHealthy(int port) {
        String[] last = {"no answer"};
        try {
            await("logs-web answers")
                    .atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() -> {
                        HttpResponse<String> health = http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        last[0] = health.body();
                        return health.statusCode() == 200;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("logs-web on " + port + " is not well: " + last[0] + "\n" + logs(), e);
        }
    }
}
