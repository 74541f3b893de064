package org.opencontrail.web.status.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.branding.contract.SiteClient;
import org.opencontrail.web.shared.gerrit.event.GerritEventParser;
import org.opencontrail.web.shared.gerrit.event.ParseOutcome;
import org.opencontrail.web.status.ZuulStub;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The change page and its JSON: a change in the pipelines, a change known only from Gerrit, an unknown one. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangePageTest implements TestPropertyProvider {

    private final ZuulStub zuul = new ZuulStub();

    @Inject
    EmbeddedServer server;

    @Inject
    ChangeFacts facts;

    @Override
    public Map<String, String> getProperties() {
        return zuul.properties();
    }

    @BeforeAll
    void serve() {
        zuul.serveFixture("v2-status-openstack-2013-09-27-busy-gate.json");
        await().atMost(Duration.ofSeconds(10)).until(() -> new SiteClient(server.getURL()).get("/api/status", "application/json").statusCode() == 200);
    }

    @AfterAll
    void stopZuul() {
        zuul.close();
    }

    private void gerrit(String json) {
        facts.onEvent(((ParseOutcome.Parsed) new GerritEventParser().parseLine(json)).event());
    }

    @Test
    void aChangeInTheGateShowsItsItemAndGerritsFacts() throws Exception {
        gerrit("{\"type\":\"comment-added\",\"change\":{\"project\":\"openstack/heat\",\"branch\":\"master\",\"number\":48423,"
                + "\"subject\":\"Fix stack update rollback\",\"owner\":{\"name\":\"Dev One\"},\"status\":\"NEW\",\"topic\":\"rollback\","
                + "\"url\":\"https://review.example.org/48423\"},\"patchSet\":{\"number\":2},\"author\":{\"username\":\"core\"},"
                + "\"approvals\":[{\"type\":\"Code-Review\",\"value\":\"2\"},{\"type\":\"Approved\",\"value\":\"1\"}],\"eventCreatedOn\":1380275000}");

        HttpResponse<String> response = new SiteClient(server.getURL()).page("/change/48423");
        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("main h1").text()).isEqualTo("Change 48423: Fix stack update rollback");
        assertThat(page.select("table.facts td")).extracting(e -> e.text())
                .contains("openstack/heat", "master", "Dev One", "NEW", "rollback", "2");
        assertThat(page.select(".vote")).extracting(e -> e.text()).containsExactly("Approved +1", "Code-Review +2");
        assertThat(page.select(".change-item h3")).extracting(e -> e.text()).containsExactly("gate · " + page.selectFirst(".change-item h3").text().split(" · ")[1]);
        assertThat(page.select("li.item")).singleElement().satisfies(item -> assertThat(item.id()).isEqualTo("item-gate-48423"));

        JsonNode json = new ObjectMapper().readTree(new SiteClient(server.getURL()).get("/api/change/48423", "application/json").body());
        assertThat(json.get("subject").asText()).isEqualTo("Fix stack update rollback");
        assertThat(json.get("votes").get("Code-Review").asInt()).isEqualTo(2);
        assertThat(json.get("pipelines")).hasSize(1);
        assertThat(json.get("pipelines").get(0).get("pipeline").asText()).isEqualTo("gate");
        assertThat(json.get("pipelines").get(0).get("jobs")).isNotEmpty();
    }

    @Test
    void aChangeKnownOnlyFromGerritStillHasItsPage() {
        gerrit("{\"type\":\"patchset-created\",\"change\":{\"project\":\"Juniper/contrail-vrouter\",\"branch\":\"R5.0\",\"number\":55555,"
                + "\"subject\":\"vrouter: handle MPLSoUDP fragments\",\"owner\":{\"name\":\"Dev Two\"},\"status\":\"NEW\"},"
                + "\"patchSet\":{\"number\":3},\"eventCreatedOn\":1380275000}");

        Document page = Jsoup.parse(new SiteClient(server.getURL()).page("/change/55555").body());
        assertThat(page.selectFirst("main h1").text()).contains("vrouter: handle MPLSoUDP fragments");
        assertThat(page.selectFirst("main").text()).contains("This change is in no pipeline now").contains("R5.0").contains("Dev Two");
    }

    @Test
    void anUnknownChangeIsABranded404() {
        HttpResponse<String> response = new SiteClient(server.getURL()).page("/change/1");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(response.body()).selectFirst("main h1").text()).isEqualTo("Nothing here");
        assertThat(new SiteClient(server.getURL()).get("/api/change/1", "application/json").statusCode()).isEqualTo(404);
    }

    @Test
    void overviewItemsLinkToTheirChangePage() {
        Document overview = Jsoup.parse(new SiteClient(server.getURL()).page("/?change=48423").body());
        assertThat(overview.selectFirst("li.item a.item-page").attr("href")).isEqualTo("/change/48423");
    }
}
