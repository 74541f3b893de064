package org.opencontrail.web.deploy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.deploy.sandbox.gerrit.GerritQueries;
import org.opencontrail.web.deploy.sandbox.gerrit.SandboxGerrit;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.stream.GerritEventListener;

/** An app configured with gerrit.ssh.* streams events to its listener beans and reports the source in /health and /prometheus. */
@Tag("suite")
class GerritStreamInAppTest {

    @TempDir
    Path dir;

    @Test
    void theStreamStartsWithTheAppAndShowsInHealthAndMetrics() throws Exception {
        try (SandboxGerrit gerrit = new SandboxGerrit(dir)) {
            ClientKey key = ClientKey.generate(dir);
            gerrit.authorize(key.pair().getPublic());
            gerrit.queries(
                    new GerritQueries() { // the project of the event below is public
                        @Override
                        public String projects() {
                            return "{\"Juniper/contrail-vrouter\":{\"id\":\"Juniper%2Fcontrail-vrouter\",\"state\":\"ACTIVE\"}}";
                        }

                        @Override
                        public String changes(String query, int limit, int start) {
                            return "[]";
                        }
                    });
            gerrit.start(0, 0);
            Map<String, Object> config = Map.of(
                    "spec.name",
                    "GerritStreamInAppTest",
                    "micronaut.server.port",
                    -1,
                    "gerrit.url",
                    gerrit.restUrl(),
                    "gerrit.events-log",
                    true,
                    "gerrit.ssh.host",
                    "127.0.0.1",
                    "gerrit.ssh.port",
                    gerrit.ssh().port(),
                    "gerrit.ssh.user",
                    "status-web",
                    "gerrit.ssh.key-file",
                    key.file().toString(),
                    "gerrit.ssh.known-hosts",
                    dir.resolve("known_hosts").toString(),
                    "gerrit.ssh.host-key-policy",
                    "accept-new");
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, config)) {
                Collector collector = server.getApplicationContext().getBean(Collector.class);
                await().atMost(Duration.ofSeconds(20)).until(() -> gerrit.ssh().streams() == 1);

                gerrit.emit(
                        Instant.parse("2026-11-24T10:00:00Z"),
                        "project-created",
                        "{\"type\":\"project-created\",\"projectName\":\"Juniper/contrail-vrouter\",\"headName\":\"refs/heads/master\",\"eventCreatedOn\":1795514400}");
                await().atMost(Duration.ofSeconds(10)).until(() -> collector.events.size() == 1);

                Http http = Http.plain();
                String health = http.get(server.getURL() + "/health").body();
                assertThat(health)
                        .contains("\"gerrit-stream\"")
                        .contains("\"state\":\"CONNECTED\"")
                        .contains("\"reconnects\":0")
                        .contains("\"malformedLines\":0")
                        .contains("\"backlog\":0")
                        .contains("events-log at http://127.0.0.1:")
                        .doesNotContain(key.file().toString());
                String metrics = http.get(server.getURL() + "/prometheus").body();
                assertThat(metrics)
                        .contains("suite_source_up{source=\"gerrit-stream\"} 1.0")
                        .contains("suite_source_events_total{source=\"gerrit-stream\"} 1.0")
                        .contains("suite_gerrit_meta_refs_dropped_total");

                gerrit.ssh().stop();
                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(http.get(server.getURL() + "/health"))
                                .satisfies(response -> {
                                    assertThat(response.statusCode()).isEqualTo(503);
                                    assertThat(response.body())
                                            .contains("\"gerrit-stream\"")
                                            .contains("\"status\":\"DOWN\"")
                                            .contains("RECONNECTING");
                                }));
            }
        }
    }

    @Singleton
    @Requires(property = "spec.name", value = "GerritStreamInAppTest")
    static final class Collector implements GerritEventListener {
        final List<GerritEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(GerritEvent event) {
            events.add(event);
        }
    }
}
