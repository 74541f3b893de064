package org.opencontrail.web.status.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.branding.contract.SiteClient;
import org.opencontrail.web.fixtures.FreePort;
import org.opencontrail.web.shared.testing.GerritChangesServer;

/**
 * A site that starts after a change was uploaded learns it from Gerrit's REST API (a real Gerrit
 * 3.11 answer, served on loopback), while its SSH stream is still down: the change page shows the
 * subject, owner and state.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenChangesAtStartTest implements TestPropertyProvider {

    private final GerritChangesServer gerrit =
            new GerritChangesServer("/gerrit/real-gerrit-3.11.0/rest/changes-query-acme-widgets.json");

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "gerrit.ssh.host",
                "127.0.0.1",
                "gerrit.ssh.port",
                String.valueOf(FreePort.next()),
                "gerrit.url",
                gerrit.url());
    }

    @AfterAll
    void stopGerrit() {
        gerrit.close();
    }

    @Test
    void aChangeUploadedBeforeTheSiteStartedHasItsFacts() throws Exception {
        SiteClient site = new SiteClient(server.getURL());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> site.page("/change/154").body().contains("Add widget core"));

        Document page = Jsoup.parse(site.page("/change/154").body());
        assertThat(page.selectFirst("main h1").text()).isEqualTo("Change 154: Add widget core");
        assertThat(page.select("table.facts td"))
                .extracting(e -> e.text())
                .contains("acme/widgets", "Alice Author", "MERGED");
        assertThat(gerrit.queries()).anySatisfy(query -> assertThat(query).contains("q=status%3Aopen"));
    }
}
