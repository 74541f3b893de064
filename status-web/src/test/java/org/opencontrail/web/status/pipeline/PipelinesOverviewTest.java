package org.opencontrail.web.status.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencontrail.web.branding.contract.SiteClient;
import org.opencontrail.web.shared.gerrit.event.GerritEventParser;
import org.opencontrail.web.shared.gerrit.event.ParseOutcome;
import org.opencontrail.web.shared.testing.ZuulStub;
import org.opencontrail.web.status.facts.ChangeFacts;

/**
 * The overview fed through the real path: a Zuul-shaped HTTP server on loopback, the status poller,
 * the page and /api/status, with every status fixture, filters and hostile text.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelinesOverviewTest implements TestPropertyProvider {

    private final ZuulStub zuul = new ZuulStub();

    @Inject
    EmbeddedServer server;

    @Inject
    ChangeFacts facts;

    @Override
    public Map<String, String> getProperties() {
        return zuul.properties();
    }

    @AfterAll
    void stopZuul() {
        zuul.close();
    }

    private void serve(String fixture) {
        zuul.serveFixture(fixture);
    }

    private void serveText(String json) {
        zuul.serveText(json);
    }

    private JsonNode apiStatus() throws IOException {
        HttpResponse<String> response = new SiteClient(server.getURL()).get("/api/status", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private static int items(JsonNode status) {
        int n = 0;
        for (JsonNode p : status.get("pipelines")) {
            for (JsonNode q : p.get("change_queues")) {
                for (JsonNode h : q.get("heads")) {
                    n += h.size();
                }
            }
        }
        return n;
    }

    private static int jobs(JsonNode status) {
        int n = 0;
        for (JsonNode p : status.get("pipelines")) {
            for (JsonNode q : p.get("change_queues")) {
                for (JsonNode h : q.get("heads")) {
                    for (JsonNode i : h) {
                        n += i.get("jobs").size();
                    }
                }
            }
        }
        return n;
    }

    private Document page(String query) {
        HttpResponse<String> response = new SiteClient(server.getURL()).page("/" + query);
        assertThat(response.statusCode()).isEqualTo(200);
        return Jsoup.parse(response.body());
    }

    @ParameterizedTest
    @CsvSource({
        "v2-status-basic-demo.json, 3, 5, 15",
        "v2-status-openstack-2013-small.json, 6, 1, 5",
        "v2-status-openstack-2014-03-23.json, 13, 18, 237",
        "v2-status-openstack-2013-09-27-busy-gate.json, 8, 49, 398"
    })
    void everyFixtureRendersWithItsItemsAndJobsOnThePageAndInTheApi(String file, int pipelines, int items, int jobs)
            throws Exception {
        serve(file);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jobs(apiStatus())).isEqualTo(jobs));

        JsonNode api = apiStatus();
        assertThat(api.get("pipelines")).hasSize(pipelines);
        assertThat(items(api)).isEqualTo(items);
        Document page = page("");
        assertThat(page.select("section.pipeline")).hasSize(pipelines);
        assertThat(page.select("li.item")).hasSize(items);
        assertThat(page.select("li.job")).hasSize(jobs);
        assertThat(page.selectFirst("p.summary").text()).contains(items + " items, " + jobs + " jobs");
    }

    @Test
    void theBusyGateShowsQueueOrderStatesAndTheFailingItemsOffTheLine() throws Exception {
        serve("v2-status-openstack-2013-09-27-busy-gate.json");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(items(apiStatus())).isEqualTo(49));

        Document page = page("?pipeline=gate");
        Element gate = page.selectFirst("section.pipeline[data-pipeline=gate]");
        Element shared = gate.select("ol.items.dependent").stream()
                .max((a, b) -> a.children().size() - b.children().size())
                .orElseThrow();
        assertThat(shared.children()).hasSize(30);
        Element failing = page.getElementById("item-gate-48423");
        assertThat(failing.hasClass("branch-off")).isTrue();
        assertThat(failing.selectFirst(".item-state").text()).startsWith("dependent change required");
        assertThat(failing.selectFirst(".item-change a").attr("href")).isEqualTo("https://review.openstack.org/48423");
        assertThat(failing.select("li.job .job-result"))
                .extracting(Element::text)
                .containsOnly("CANCELED");
        assertThat(failing.selectFirst(".item-restarted").text()).contains("gate reset");
        assertThat(page.select("section.pipeline[data-pipeline=check] li.item"))
                .as("filtered to gate")
                .isEmpty();
    }

    @Test
    void filtersKeepOnlyMatchingItemsAndStayInTheForm() throws Exception {
        serve("v2-status-openstack-2013-09-27-busy-gate.json");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(items(apiStatus())).isEqualTo(49));

        Document byChange = page("?change=48423");
        assertThat(byChange.select("li.item")).extracting(Element::id).containsExactly("item-gate-48423");
        assertThat(byChange.selectFirst("li.item").attr("data-change")).isEqualTo("48423");
        assertThat(byChange.selectFirst("input[name=change]").val()).isEqualTo("48423");
        assertThat(byChange.selectFirst("p.summary").text()).contains("1 shown");

        Document byProject = page("?project=openstack/nova");
        assertThat(byProject.select("li.item .item-project"))
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.text()).isEqualTo("openstack/nova"));

        Document byText = page("?q=tempest");
        assertThat(byText.select("li.item")).isNotEmpty().hasSizeLessThan(49);
        assertThat(byText.selectFirst("input[name=q]").attr("accesskey")).isEqualTo("/");
    }

    @Test
    void aBannerSaysWhenZuulStopsAnsweringAndGoesWhenItRecovers() throws Exception {
        serve("v2-status-basic-demo.json");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(items(apiStatus())).isEqualTo(5));
        assertThat(page("").select("div.banner")).isEmpty();

        zuul.fail();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Document page = page("");
            assertThat(page.select("div.banner"))
                    .singleElement()
                    .satisfies(banner -> assertThat(banner.text())
                            .contains("zuul-status is stale")
                            .contains("HTTP 503"));
            assertThat(page.selectFirst("p.notice-warn").text()).contains("could not be refreshed");
            assertThat(page.select("li.item"))
                    .as("the last good status stays on the page")
                    .hasSize(5);
        });

        serve("v2-status-basic-demo.json");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(page("").select("div.banner")).isEmpty());
    }

    @Test
    void nothingFromZuulOrGerritRunsInThePage() throws Exception {
        String hostile = "<script>alert(1)</script>\\\"><img src=x onerror=alert(2)>";
        serveText("""
                {"message":"%1$s","pipelines":[{"name":"gate%1$s","description":"%1$s","manager":"dependent",
                  "change_queues":[{"name":"q%1$s","branch":"b%1$s","window":5,"heads":[[
                    {"id":"777,1","active":true,"live":true,"item_ahead":null,"items_behind":[],"failing_reasons":["%1$s"],
                     "enqueue_time":1795500000000,"remaining_time":null,
                     "refs":[{"id":"777,1","project":"p%1$s","url":"javascript:alert(3)","owner":{"name":"o%1$s"}}],
                     "jobs":[{"name":"j%1$s","result":"FAILURE","voting":true,"url":"javascript:alert(4)","report_url":"javascript:alert(5)",
                              "waiting_status":"%1$s"}]}]]}]}]}
                """.formatted(hostile));
        String event =
                "{\"type\":\"patchset-created\",\"change\":{\"project\":\"p\",\"branch\":\"master\",\"number\":777,"
                        + "\"subject\":\"<script>alert(6)</script><img src=x onerror=alert(7)>\",\"owner\":{\"name\":\"<b>owner</b>\"}},"
                        + "\"patchSet\":{\"number\":1},\"eventCreatedOn\":1795500000}";
        facts.onEvent(((ParseOutcome.Parsed) new GerritEventParser().parseLine(event)).event());
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(items(apiStatus())).isEqualTo(1));

        String html = new SiteClient(server.getURL()).page("/").body();
        Document page = Jsoup.parse(html);
        assertThat(page.select("script")).extracting(s -> s.attr("src")).containsOnly("/assets/status.js");
        assertThat(page.select("img")).extracting(i -> i.attr("src")).doesNotContain("x");
        assertThat(page.select("[onerror]")).isEmpty();
        assertThat(page.select("b")).isEmpty();
        assertThat(page.select("a[href]"))
                .noneMatch(a -> a.attr("href").toLowerCase().startsWith("javascript:"));
        assertThat(page.selectFirst("li.item .item-subject").text())
                .isEqualTo("<script>alert(6)</script><img src=x onerror=alert(7)>");
        assertThat(page.selectFirst("li.item .item-owner").text()).isEqualTo("<b>owner</b>");
        assertThat(page.selectFirst("li.job .job-name").text()).startsWith("j<script>");
    }

    @Test
    void aRunningJobLeadsToItsLiveConsoleOnLogsWebAFinishedOneToItsReportAQueuedOneNowhere() throws IOException {
        serveText("""
                {"pipelines":[{"name":"check","manager":"independent","change_queues":[{"name":"q","heads":[[
                  {"id":"778,1","active":true,"live":true,"item_ahead":null,"items_behind":[],"failing_reasons":[],
                   "enqueue_time":1795500000000,"remaining_time":null,
                   "refs":[{"id":"778,1","project":"p","url":"https://review.example/778"}],
                   "jobs":[{"name":"running-job","uuid":"0a1b2c3d4e5f","result":null,"voting":true,
                            "url":"finger://ze01.example/0a1b2c3d4e5f","start_time":1795500000,"elapsed_time":60000},
                           {"name":"v2-running-job","uuid":"","result":null,"voting":true,
                            "url":"https://jenkins.example/job/v2-running-job/7/","elapsed_time":60000},
                           {"name":"finished-job","uuid":"9f8e7d","result":"SUCCESS","voting":true,
                            "url":"https://logs.example/78/778/1/check/finished-job/9f8e7d/",
                            "report_url":"https://logs.example/78/778/1/check/finished-job/9f8e7d/"},
                           {"name":"queued-job","uuid":null,"result":null,"voting":true,"url":null}]}]]}]}]}
                """);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(items(apiStatus())).isEqualTo(1));
        Document page = Jsoup.parse(new SiteClient(server.getURL()).page("/").body());
        assertThat(page.selectFirst("li.job:contains(running-job) a.job-name").attr("href"))
                .isEqualTo("http://127.0.0.1:8082/stream/0a1b2c3d4e5f");
        assertThat(page.selectFirst("li.job:contains(v2-running-job) a.job-name")
                        .attr("href"))
                .as("no uuid: Zuul's own link to the Jenkins build")
                .isEqualTo("https://jenkins.example/job/v2-running-job/7/");
        assertThat(page.selectFirst("li.job:contains(finished-job) a.job-name").attr("href"))
                .isEqualTo("https://logs.example/78/778/1/check/finished-job/9f8e7d/");
        assertThat(page.selectFirst("li.job:contains(queued-job) a.job-name")).isNull();
    }
}
