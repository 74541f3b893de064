package org.opencontrail.web.status.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.branding.contract.SiteClient;
import org.opencontrail.web.shared.testing.ZuulStub;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResultParser;

/** The project page: its items now from Zuul's status, its jobs' recent results from Zuul's MQTT reports. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectPageTest implements TestPropertyProvider {

    private final ZuulStub zuul = new ZuulStub();

    @Inject
    EmbeddedServer server;

    @Inject
    ProjectResults results;

    @Override
    public Map<String, String> getProperties() {
        return zuul.properties();
    }

    @BeforeAll
    void serve() {
        zuul.serveFixture("v2-status-openstack-2013-09-27-busy-gate.json");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> new SiteClient(server.getURL())
                                .get("/api/status", "application/json")
                                .statusCode()
                        == 200);
    }

    @AfterAll
    void stopZuul() {
        zuul.close();
    }

    private void report(String project, int change, String job, String result, String start, String end, String logUrl)
            throws IOException {
        String json = "{\"action\":\"x\",\"pipeline\":\"check\",\"project\":\"" + project
                + "\",\"branch\":\"master\",\"change\":" + change
                + ",\"patchset\":1,\"timestamp\":1700000000,\"buildset\":{\"uuid\":\"b\",\"result\":\"" + result
                + "\",\"builds\":["
                + "{\"job_name\":\"" + job + "\",\"result\":\"" + result + "\",\"voting\":true,\"log_url\":\"" + logUrl
                + "\","
                + "\"start_time\":\"" + start + "\",\"end_time\":\"" + end + "\"}]}}";
        results.onEvent(new BuildsetResultParser().parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void showsItsItemsNowAndARecentResultStripPerJob() throws Exception {
        report(
                "openstack/nova",
                1,
                "gate-nova-python27",
                "SUCCESS",
                "2023-11-14T10:00:00",
                "2023-11-14T10:20:00",
                "https://logs.example.org/1/");
        report(
                "openstack/nova",
                2,
                "gate-nova-python27",
                "FAILURE",
                "2023-11-14T11:00:00",
                "2023-11-14T11:05:00",
                "https://logs.example.org/2/");
        report(
                "openstack/nova",
                3,
                "gate-nova-python27",
                "SUCCESS",
                "2023-11-14T12:00:00",
                "2023-11-14T12:30:00",
                "javascript:alert(1)");
        report(
                "openstack/nova",
                3,
                "<img src=x onerror=alert(1)>",
                "SUCCESS",
                "2023-11-14T12:00:00",
                "2023-11-14T12:30:00",
                "");

        Document page = Jsoup.parse(
                new SiteClient(server.getURL()).page("/project/openstack/nova").body());
        assertThat(page.selectFirst("main h1").text()).isEqualTo("openstack/nova");
        assertThat(page.select("li.item"))
                .isNotEmpty()
                .allSatisfy(item ->
                        assertThat(item.selectFirst(".item-project").text()).isEqualTo("openstack/nova"));
        var row = page.selectFirst("tr[data-job=gate-nova-python27]");
        assertThat(row.select(".run-mark")).extracting(e -> e.text()).containsExactly("✓", "✗", "✓");
        assertThat(row.select(".run-mark").get(1).attr("href")).isEqualTo("https://logs.example.org/2/");
        assertThat(row.select(".run-mark").get(0).tagName())
                .as("an unsafe log URL is no link")
                .isEqualTo("span");
        assertThat(row.text()).contains("66% (2/3)").contains("30 min");
        assertThat(page.select("tr[data-job] .job-name"))
                .extracting(e -> e.text())
                .contains("<img src=x onerror=alert(1)>");
        assertThat(page.select("main img[onerror]")).isEmpty();
        assertThat(page.selectFirst(".badge-line img").attr("src")).isEqualTo("/badge/openstack/nova.svg");

        JsonNode json = new ObjectMapper()
                .readTree(new SiteClient(server.getURL())
                        .get("/api/project/openstack/nova", "application/json")
                        .body());
        assertThat(json.get("items")).isNotEmpty();
        JsonNode job = json.get("jobs").get(0);
        assertThat(job.get("name").asText()).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(json.get("jobs")
                        .get(1)
                        .get("runs")
                        .get(1)
                        .get("durationSeconds")
                        .asLong())
                .isEqualTo(300);
    }

    @Test
    void overviewItemsLinkToTheirProjectPage() {
        Document overview = Jsoup.parse(
                new SiteClient(server.getURL()).page("/?project=openstack/nova").body());
        assertThat(overview.selectFirst("li.item a.item-project").attr("href")).isEqualTo("/project/openstack/nova");
    }

    @Test
    void anUnknownProjectIsABranded404() {
        assertThat(new SiteClient(server.getURL())
                        .page("/project/nobody/nothing")
                        .statusCode())
                .isEqualTo(404);
        assertThat(new SiteClient(server.getURL())
                        .get("/api/project/nobody/nothing", "application/json")
                        .statusCode())
                .isEqualTo(404);
    }
}
