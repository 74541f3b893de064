package org.opencontrail.web.logs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResultParser;

/** Builds come in from Zuul by themselves: MQTT results as they arrive, the builds API at start. */
class ZuulResultsIngestTest {

    @TempDir
    Path temp;

    private LogServer logs;
    private HttpServer zuul;
    private ApplicationContext app;

    @BeforeEach
    void start() throws IOException {
        for (String build : new String[] {
            "11/300011/1/check/unit/1111111", "12/300012/2/gate/unit/2222222", "13/300013/1/check/lint/3333333"
        }) {
            Path dir = temp.resolve("logs").resolve(build);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("job-output.txt"), "output of " + build + "\n");
        }
        logs = new LogServer(temp.resolve("logs"));
        zuul = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        zuul.createContext("/api/tenant/opencontrail/builds", exchange -> {
            byte[] body = ("[" + apiBuild("1111111aaaa", 300011, 1, "check", "unit", "11/300011/1/check/unit/1111111/")
                            + "," + apiBuild("2222222bbbb", 300012, 2, "gate", "unit", "12/300012/2/gate/unit/2222222/")
                            + "]")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        zuul.start();
        app = ApplicationContext.run(Map.of(
                "logs.dir",
                temp.resolve("logs-web").toString(),
                "zuul.url",
                "http://127.0.0.1:" + zuul.getAddress().getPort() + "/",
                "zuul.tenant",
                "opencontrail",
                "zuul.poll-interval",
                "1h",
                "logs.ingest.backoff",
                "200ms"));
    }

    private String apiBuild(String uuid, int change, int patchSet, String pipeline, String job, String path) {
        return """
                {"uuid": "%s", "job_name": "%s", "result": "SUCCESS", "voting": true, "pipeline": "%s", "log_url": "%s",
                 "ref": {"project": "Juniper/contrail-controller", "branch": "master", "change": %d, "patchset": "%d"},
                 "start_time": "2026-11-24T10:00:00", "end_time": "2026-11-24T10:05:00", "duration": 300.0}
                """.formatted(uuid, job, pipeline, logs.url(path), change, patchSet);
    }

    @AfterEach
    void stop() {
        app.close();
        zuul.stop(0);
        logs.close();
    }

    @Test
    void theBuildsApiFillsInAtStartAndMqttResultsBringTheRest() throws Exception {
        BuildRecords records = app.getBean(BuildRecords.class);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> records.get("1111111aaaa")
                                .map(r -> r.state() == IngestState.DONE)
                                .orElse(false)
                        && records.get("2222222bbbb")
                                .map(r -> r.state() == IngestState.DONE)
                                .orElse(false));
        assertThat(records.get("1111111aaaa").orElseThrow().source()).isEqualTo("builds-api");

        // A finished buildset as Zuul's MQTT reporter sends it; the running one before it brings nothing.
        String message = """
                {"action": "%s", "tenant": "opencontrail", "pipeline": "check", "project": "Juniper/contrail-controller",
                 "branch": "master", "change": "300013", "patchset": "1", "ref": "refs/changes/13/300013/1",
                 "buildset": {"uuid": "bs1", "result": %s, "builds": [
                   {"job_name": "lint", "uuid": "3333333cccc", "voting": true, "result": %s, "log_url": "%s"}]}}
                """;
        ZuulResultsIngest ingest = app.getBean(ZuulResultsIngest.class);
        BuildsetResultParser parser = new BuildsetResultParser();
        ingest.onEvent(
                parser.parse(message.formatted("start", "null", "null", "").getBytes(StandardCharsets.UTF_8)));
        assertThat(records.get("3333333cccc")).isEmpty();
        ingest.onEvent(parser.parse(
                message.formatted("success", "\"SUCCESS\"", "\"SUCCESS\"", logs.url("13/300013/1/check/lint/3333333/"))
                        .getBytes(StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> records.get("3333333cccc")
                        .map(r -> r.state() == IngestState.DONE)
                        .orElse(false));
        BuildRecord lint = records.get("3333333cccc").orElseThrow();
        assertThat(lint.source()).isEqualTo("mqtt");
        assertThat(lint.root()).isEqualTo("13/300013/1/check/lint/3333333/");
        assertThat(lint.files()).extracting(BuildRecord.StoredFile::path).containsExactly("job-output.txt");

        assertThat(ingest.backfill()).as("known builds are not taken twice").isZero();
    }
}
