package org.opencontrail.web.logs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.S3ProxyServer;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.shared.testing.FaultyProxy;

/**
 * S3 misbehaving the ways it does, through a loopback proxy in front of s3proxy: slow, answering
 * 500, throttling with {@code SlowDown}, unreachable. Through each, logs-web keeps serving and its
 * {@code /health} names the problem; once S3 is itself again every build sent is stored, once.
 */
@Tag("s3")
class IngestS3FaultsTest {

    @TempDir
    Path temp;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void throughSlownessErrorsThrottlingAndAnOutageNoBuildIsLost() throws Exception {
        Path logs = temp.resolve("server");
        List<FaultyProxy.Mode> faults = List.of(
                new FaultyProxy.Slow(Duration.ofMillis(300)),
                FaultyProxy.internalError(),
                FaultyProxy.slowDown(),
                new FaultyProxy.Refuse());
        int perFault = 3;
        for (int i = 0; i < faults.size() * perFault; i++) {
            Path build = logs.resolve("build-" + i);
            Files.createDirectories(build.resolve("logs"));
            Files.writeString(build.resolve("job-output.txt"), "console of build " + i + "\n");
            Files.writeString(build.resolve("logs/syslog.txt"), "syslog of build " + i + "\n");
        }
        try (LogServer logServer = new LogServer(logs);
                S3ProxyServer s3 = new S3ProxyServer();
                FaultyProxy proxy = new FaultyProxy(URI.create(s3.endpoint()).getPort())) {
            Map<String, Object> properties = TestConfig.onS3(
                    TestConfig.retrying(temp.resolve("logs-web"), "1s", "2s", 60),
                    "http://127.0.0.1:" + proxy.port(),
                    "faults");
            try (ApplicationContext app =
                    ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext()) {
                URI site = app.getBean(EmbeddedServer.class).getURI();
                IngestClient client = new IngestClient(site, "t");
                BuildRecords records = app.getBean(BuildRecords.class);
                int sent = 0;
                for (FaultyProxy.Mode fault : faults) {
                    proxy.set(fault);
                    for (int i = 0; i < perFault; i++, sent++) {
                        assertThat(client.enqueue(
                                                "%08d0000bbbb".formatted(sent),
                                                logServer.url("build-" + sent + "/"),
                                                400200 + sent,
                                                "SUCCESS")
                                        .statusCode())
                                .as("accepted during " + fault)
                                .isEqualTo(202);
                    }
                    if (!(fault instanceof FaultyProxy.Slow)) {
                        long before = proxy.faults();
                        await("S3 meets " + fault)
                                .atMost(Duration.ofSeconds(30))
                                .until(() -> proxy.faults() > before);
                        // the fault is seen by the proxy first, then by the ingest, which records the retry
                        await("/health during " + fault)
                                .atMost(Duration.ofSeconds(10))
                                .untilAsserted(() -> {
                                    JsonNode health =
                                            json.readTree(client.get("/health").body());
                                    assertThat(health.at("/details/ingest/details/retrying")
                                                    .asInt())
                                            .as("/health during " + fault)
                                            .isPositive();
                                    assertThat(health.at("/details/ingest/details/problem")
                                                    .asText())
                                            .as("/health during " + fault)
                                            .isNotBlank();
                                });
                    }
                    assertThat(client.get("/").statusCode())
                            .as("the site serves during " + fault)
                            .isEqualTo(200);
                    assertThat(client.get("/health/liveness").statusCode()).isEqualTo(200);
                }

                proxy.set(new FaultyProxy.Pass());
                int all = sent;
                await("every build stored once S3 is back")
                        .atMost(Duration.ofSeconds(90))
                        .until(() -> records.all().stream()
                                        .filter(r -> r.state() == IngestState.DONE)
                                        .count()
                                == all);
                assertThat(records.all())
                        .hasSize(all)
                        .allSatisfy(r -> assertThat(r.files())
                                .extracting(BuildRecord.StoredFile::path)
                                .containsExactlyInAnyOrder("job-output.txt", "logs/syslog.txt"));
                JsonNode health = json.readTree(client.get("/health").body());
                assertThat(health.at("/details/ingest/details/retrying").asInt())
                        .isZero();
                assertThat(health.at("/details/ingest/details/done").asInt()).isEqualTo(all);
            }
        }
    }
}
