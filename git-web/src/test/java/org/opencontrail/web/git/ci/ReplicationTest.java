package org.opencontrail.web.git.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.git.mirror.Mirror;
import org.opencontrail.web.git.mirror.Mirrors;
import org.opencontrail.web.git.support.SourceRepository;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;

class ReplicationTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private static GerritEvent.RefReplication event(String type, String target, String status, int minutes) {
        return new GerritEvent.RefReplication(
                type,
                "Juniper/contrail-controller",
                "refs/heads/master",
                target,
                status,
                0,
                T0.plus(Duration.ofMinutes(minutes)));
    }

    @Test
    void eachMirrorIsInSyncBehindOrFailingSinceWhenItBecameSo() {
        Replication replication = new Replication(Clock.fixed(T0.plus(Duration.ofMinutes(60)), ZoneOffset.UTC));
        replication.onEvent(event("ref-replication-scheduled", "github.com", "", 0));
        replication.onEvent(event("ref-replicated", "github.com", "succeeded", 1));
        replication.onEvent(event("ref-replication-scheduled", "gitlab.example.org", "", 2));
        replication.onEvent(
                event("ref-replication-scheduled", "gitlab.example.org", "", 5)); // still behind since the first
        replication.onEvent(event("ref-replicated", "mirror.example.org", "failed", 10));
        replication.onEvent(
                event("ref-replicated", "mirror.example.org", "failed", 20)); // failing since the first failure
        replication.onEvent(event("ref-replication-done", "", "", 21));
        assertThat(replication.of("Juniper/contrail-controller"))
                .extracting(Replication.Mirror::target, Replication.Mirror::state, Replication.Mirror::since)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("github.com", "in sync", T0.plus(Duration.ofMinutes(1))),
                        org.assertj.core.groups.Tuple.tuple(
                                "gitlab.example.org", "behind", T0.plus(Duration.ofMinutes(2))),
                        org.assertj.core.groups.Tuple.tuple(
                                "mirror.example.org", "failing", T0.plus(Duration.ofMinutes(10))));
        assertThat(replication.of("Juniper/contrail-controller"))
                .extracting(Replication.Mirror::css)
                .containsExactly("status-ok", "status-warn", "status-fail");
        assertThat(replication.of("Juniper/other")).isEmpty();
    }

    @Test
    void theSummaryPageShowsTheMirrors(@TempDir Path temp) {
        try (SourceRepository source = SourceRepository.create(temp.resolve("source"))) {
            source.commit("First\n", Map.of("a.c", "int a;\n"));
            Map<String, Object> properties = new HashMap<>();
            properties.put("micronaut.server.port", -1);
            properties.put("git.dir", temp.resolve("mirrors").toString());
            properties.put("git.projects[0].name", "Juniper/contrail-controller");
            properties.put("git.projects[0].url", source.url());
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
                Mirrors mirrors = server.getApplicationContext().getBean(Mirrors.class);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> mirrors.find("Juniper/contrail-controller")
                                .map(Mirror::ready)
                                .orElse(false));
                Replication replication = server.getApplicationContext().getBean(Replication.class);
                replication.onEvent(event("ref-replicated", "github.com/Juniper/contrail-controller", "failed", 0));
                var page = Jsoup.parse(Http.at(server.getURI())
                        .asBrowser()
                        .get("/Juniper/contrail-controller/")
                        .body());
                assertThat(page.select("ul.replication li").text())
                        .contains("github.com/Juniper/contrail-controller")
                        .contains("failing for");
                assertThat(page.select("ul.replication li span.status-fail").text())
                        .startsWith("failing for");
                String json = Http.at(server.getURI())
                        .asBrowser()
                        .get("/Juniper/contrail-controller/?format=JSON")
                        .body();
                assertThat(json)
                        .as("the class is the page's, not the JSON's")
                        .contains("\"state\" : \"failing\"")
                        .doesNotContain("\"css\"");
            }
        }
    }
}
