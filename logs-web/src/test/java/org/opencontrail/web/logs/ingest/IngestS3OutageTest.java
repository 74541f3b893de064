package org.opencontrail.web.logs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.fixtures.S3ProxyServer;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.store.LogStore;

/** The S3 server stops for 30 s while builds come in: none is lost, every one is stored once it is back. */
@Tag("s3")
class IngestS3OutageTest {

    private static final int BUILDS = 12;

    @TempDir
    Path temp;

    @Test
    void buildsAcceptedDuringAnS3OutageAreStoredWhenItIsBack() throws Exception {
        Path logs = temp.resolve("server");
        for (int i = 0; i < BUILDS; i++) {
            Path build = logs.resolve("build-" + i);
            Files.createDirectories(build.resolve("logs"));
            Files.writeString(build.resolve("job-output.txt"), "console of build " + i + "\n");
            Files.writeString(build.resolve("logs/syslog.txt"), "syslog of build " + i + "\n");
        }
        try (LogServer logServer = new LogServer(logs);
                S3ProxyServer s3 = new S3ProxyServer()) {
            Map<String, Object> properties = TestConfig.onS3(
                    TestConfig.retrying(temp.resolve("logs-web"), "1s", "4s", 30), s3.endpoint(), "outage");
            try (ApplicationContext app =
                    ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext()) {
                EmbeddedServer server = app.getBean(EmbeddedServer.class);
                LogStore store = app.getBean(LogStore.class);
                assertThat(store.describe()).startsWith("s3://outage");
                BuildRecords records = app.getBean(BuildRecords.class);
                Http http = Http.plain();

                s3.stop();
                long stopped = System.nanoTime();
                for (int i = 0; i < BUILDS; i++) {
                    String body = """
                            {"uuid": "%08d0000aaaa", "job_name": "unit", "result": "SUCCESS", "pipeline": "check", "log_url": "%s",
                             "ref": {"project": "Juniper/contrail-controller", "change": %d, "patchset": 1}}
                            """.formatted(i, logServer.url("build-" + i + "/"), 400100 + i);
                    HttpResponse<String> accepted =
                            http.post(server.getURL() + "/api/builds", body, "Authorization", "Bearer t");
                    assertThat(accepted.statusCode())
                            .as("accepted while S3 is down: it is on disk")
                            .isEqualTo(202);
                }
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> records.all().stream().anyMatch(r -> r.attempts() > 1));
                assertThat(records.all()).noneMatch(r -> r.state() == IngestState.DONE);
                Thread.sleep( // the outage itself: 30 s in all
                        Math.max(0, Duration.ofSeconds(30).toMillis() - (System.nanoTime() - stopped) / 1_000_000));
                s3.start();

                await().atMost(Duration.ofSeconds(60))
                        .until(() -> records.all().stream()
                                        .filter(r -> r.state() == IngestState.DONE)
                                        .count()
                                == BUILDS);
                assertThat(records.all()).allSatisfy(r -> {
                    assertThat(r.state()).isEqualTo(IngestState.DONE);
                    assertThat(r.files())
                            .extracting(BuildRecord.StoredFile::path)
                            .containsExactlyInAnyOrder("job-output.txt", "logs/syslog.txt");
                });
                String key =
                        org.opencontrail.web.logs.store.LogLayout.change(400105, 1, "check", "unit", "000000050000aaaa")
                                + "job-output.txt";
                try (InputStream in = store.open(key).orElseThrow()) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                            .isEqualTo("console of build 5\n");
                }
            }
        }
    }
}
