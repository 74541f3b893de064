package org.opencontrail.web.deploy.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.fixtures.JarProcess;
import org.opencontrail.web.fixtures.KafkaBroker;
import org.opencontrail.web.fixtures.S3ProxyServer;

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

    @Test
    void aReplicaKilledMidIngestLeavesEveryBuildItHadNotFinishedToTheOther() throws Exception {
        // every file answered after 150 ms: a replica is always in the middle of a build
        try (SlowLogServer logServer =
                        new SlowLogServer(temp.resolve("served"), BUILDS, "%04d"::formatted, Duration.ofMillis(150));
                KafkaBroker kafka = KafkaBroker.start();
                S3ProxyServer s3 = new S3ProxyServer(Path.of("target", "s3proxy", "s3proxy.jar"))) {
            JarProcess.Launch launchA = replica("a", kafka, s3);
            JarProcess a = launchA.start();
            JarProcess b = replica("b", kafka, s3).start();
            Http siteA = Http.at(a.url(""));
            Http siteB = Http.at(b.url(""));
            try {
                awaitHealthy(a);
                awaitHealthy(b);
                for (int i = 0; i < BUILDS / 2; i++) {
                    handIn(i % 2 == 0 ? siteA : siteB, i, logServer.port());
                }
                await("some builds finished")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> done(siteB).size() >= 3);
                List<String> finishedBeforeKill = done(siteB);
                a.kill(); // SIGKILL: nothing it held was acknowledged
                assertThat(finishedBeforeKill.size()).as("killed in the middle").isLessThan(BUILDS / 2);
                for (int i = BUILDS / 2; i < BUILDS; i++) {
                    handIn(siteB, i, logServer.port());
                }

                await("every build stored and searchable on the replica left")
                        .atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> done(siteB).size() == BUILDS && hits(siteB, "tags:console") == BUILDS);
                for (String uuid : finishedBeforeKill) {
                    String console = "/" + uuid.substring(0, 4) + "/job-output.txt";
                    assertThat(logServer.requests().get(console).get())
                            .as("build " + uuid + ", finished before the kill, fetched once")
                            .isEqualTo(1);
                }

                a = launchA.start();
                awaitHealthy(a);
                try {
                    await("the killed replica, back, serves and finds every build")
                            .atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofMillis(500))
                            .until(() -> done(siteA).size() == BUILDS && hits(siteA, "tags:console") == BUILDS);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError(
                            "the killed replica, back: " + states(siteA) + ", " + hits(siteA, "tags:console")
                                    + " hits\n" + logs(),
                            e);
                }
            } finally {
                JarProcess.stopAll(List.of(a, b));
            }
        }
    }

    /** A replica of logs-web from its jar, on a port and folder of its own that it keeps when started again. */
    private JarProcess.Launch replica(String id, KafkaBroker kafka, S3ProxyServer s3) {
        Path jar = Path.of(
                System.getProperty("suite.root", ".."),
                "logs-web",
                "target",
                "logs-web-" + System.getProperty("suite.version") + ".jar");
        return JarProcess.site(jar, temp.resolve("logs-web-" + id + ".log"))
                .jvm("-Xmx256m")
                .property("logs.dir", temp.resolve("logs-web-" + id))
                .property("logs.upload-tokens", TOKEN)
                .property("logs.ingest.workers", 2)
                .property("suite.replica.id", id)
                .property("kafka.bootstrap-servers", kafka.bootstrapServers())
                .property("logs.ingest.kafka.session-timeout", "6s")
                .property("logs.ingest.kafka.partitions", 4)
                .property("logs.s3.endpoint", s3.endpoint())
                .property("logs.s3.bucket", "replicas")
                .property("logs.s3.access-key", S3ProxyServer.ACCESS_KEY)
                .property("logs.s3.secret-key", S3ProxyServer.SECRET_KEY);
    }

    private void handIn(Http site, int build, int logPort) {
        String body = """
                {"uuid": "%04d0000000dead", "job_name": "unit", "result": "SUCCESS", "pipeline": "check",
                 "log_url": "http://127.0.0.1:%d/%04d/", "ref": {"project": "Juniper/contrail-controller", "change": %d, "patchset": 1}}
                """.formatted(build, logPort, build, 510000 + build);
        HttpResponse<String> accepted = site.post("/api/builds", body, "Authorization", "Bearer " + TOKEN);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }

    /** The builds a replica serves as done. */
    private List<String> done(Http site) {
        List<String> done = new ArrayList<>();
        for (int i = 0; i < BUILDS; i++) {
            String uuid = "%04d0000000dead".formatted(i);
            if (state(site, uuid).equals("done")) {
                done.add(uuid);
            }
        }
        return done;
    }

    /** Each build's state on a replica, for a failure's message. */
    private Map<String, String> states(Http site) {
        Map<String, String> states = new TreeMap<>();
        for (int i = 0; i < BUILDS; i++) {
            String uuid = "%04d0000000dead".formatted(i);
            states.put(uuid.substring(0, 4), state(site, uuid));
        }
        return states;
    }

    private static String state(Http site, String uuid) {
        return Http.json(site.get("/api/builds/" + uuid).body()).path("state").asText("none");
    }

    private long hits(Http site, String query) {
        return Http.json(site.get("/api/search?size=1&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8))
                        .body())
                .path("total")
                .asLong();
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

    /** /health answers 200; a failure says both replicas' logs. */
    private void awaitHealthy(JarProcess replica) {
        try {
            replica.awaitHealthy();
        } catch (IllegalStateException e) {
            throw new AssertionError("logs-web on " + replica.port() + " is not well\n" + logs(), e);
        }
    }
}
