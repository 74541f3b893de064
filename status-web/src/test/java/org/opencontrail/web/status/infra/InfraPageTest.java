package org.opencontrail.web.status.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.branding.contract.SiteClient;
import org.opencontrail.web.shared.testing.ZuulStub;

/** /infra, /api/infra, the ci component of /health, the gauges and the banner on every page, from a healthy CI to a stuck one. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InfraPageTest implements TestPropertyProvider {

    private final ZuulStub zuul = new ZuulStub();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(zuul.properties());
        properties.put("status.infra.stall-after", "2s");
        properties.put("status.infra.nodes-url", zuul.nodesUrl());
        properties.put("status.infra.nodes-poll", "100ms");
        return properties;
    }

    @AfterAll
    void stopZuul() {
        zuul.close();
    }

    private SiteClient site() {
        return new SiteClient(server.getURL());
    }

    private JsonNode infra() throws Exception {
        return new ObjectMapper()
                .readTree(site().get("/api/infra", "application/json").body());
    }

    private static JsonNode condition(JsonNode infra, String key) {
        for (JsonNode c : infra.get("conditions")) {
            if (c.get("key").asText().equals(key)) {
                return c;
            }
        }
        throw new AssertionError("no condition " + key);
    }

    @Test
    void fromAHealthyCiToAStuckOneEveryViewSaysWhatIsWrong() throws Exception {
        zuul.serveText(StatusJson.status(0, 3, false, false, "run-1"));
        zuul.serveNodes("""
                [{"id":"1","type":["ubuntu-bionic"],"state":"in-use"},{"id":"2","type":["ubuntu-bionic"],"state":"ready"},
                 {"id":"3","label":"centos-7","state":"building"}]""");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode infra = infra();
            assertThat(infra.get("ok").asBoolean()).as(infra.toString()).isTrue();
            assertThat(infra.get("nodes").get("total").asInt()).isEqualTo(3);
            assertThat(infra.get("zuulEventQueues").get("result").asInt()).isEqualTo(3);
        });
        Document healthy = Jsoup.parse(site().page("/infra").body());
        assertThat(healthy.select(".site-problems")).isEmpty();
        assertThat(healthy.selectFirst(".lede").text()).startsWith("Yes");
        assertThat(healthy.select(".node-segment"))
                .extracting(e -> e.text())
                .containsExactly("building 1", "in-use 1", "ready 1");
        assertThat(healthy.select("svg.node-bar rect"))
                .extracting(e -> e.attr("x") + "+" + e.attr("width"))
                .containsExactly("0.00+33.33", "33.33+33.33", "66.67+33.33");
        assertThat(healthy.select(".nodes-by-label td"))
                .extracting(e -> e.text())
                .contains("centos-7", "ubuntu-bionic");
        JsonNode health = new ObjectMapper()
                .readTree(site().get("/health", "application/json").body());
        assertThat(health.at("/details/ci/status").asText()).isEqualTo("UP");

        // The operator pauses event processing, results pile up, a job waits and no node is free.
        zuul.serveText(StatusJson.status(12, 150, true, true, "run-1"));
        zuul.serveNodes("""
                [{"id":"1","type":["ubuntu-bionic"],"state":"in-use"},{"id":"2","type":["ubuntu-bionic"],"state":"in-use"}]""");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode infra = infra();
            assertThat(infra.get("ok").asBoolean()).isFalse();
            assertThat(condition(infra, "zuul-event-queues").get("title").asText())
                    .isEqualTo("Zuul's queue processing is paused");
            assertThat(condition(infra, "stalled-queues").get("ok").asBoolean()).isFalse();
            assertThat(condition(infra, "node-capacity").get("title").asText())
                    .isEqualTo("No node is free for the jobs waiting");
            assertThat(infra.get("stalledQueues").get(0).get("queue").asText()).isEqualTo("contrail");
        });

        for (String page : new String[] {"/", "/infra", "/project/Juniper/contrail-controller"}) {
            Document document = Jsoup.parse(site().page(page).body());
            assertThat(document.select(".site-problems li"))
                    .as(page)
                    .extracting(e -> e.text())
                    .anySatisfy(text -> assertThat(text)
                            .contains("Zuul's queue processing is paused")
                            .contains("result 150"))
                    .anySatisfy(text ->
                            assertThat(text).contains("A queue stopped moving").contains("gate/contrail"));
            assertThat(document.selectFirst(".site-problems a").attr("href")).isEqualTo("/infra");
        }
        Document stuck = Jsoup.parse(site().page("/infra").body());
        assertThat(stuck.selectFirst(".lede").text()).startsWith("No: 3");
        assertThat(stuck.select("li.condition.result-failure")).hasSize(3);
        assertThat(stuck.select(".stalled li").text())
                .contains("gate / contrail")
                .contains("1 jobs waiting");

        var healthResponse = site().get("/health", "application/json");
        assertThat(healthResponse.statusCode())
                .as("a CI problem does not make this site unhealthy")
                .isEqualTo(200);
        JsonNode degraded = new ObjectMapper().readTree(healthResponse.body());
        assertThat(degraded.at("/details/ci/status").asText()).isEqualTo("DEGRADED");
        assertThat(degraded.at("/details/ci/details/stalled-queues/ok").asBoolean())
                .isFalse();

        String metrics = site().get("/prometheus", "text/plain").body();
        assertThat(metrics)
                .contains("status_zuul_event_queue_length{queue=\"result\"} 150.0")
                .contains("status_zuul_queue_paused{queue=\"trigger\"} 1.0")
                .contains("status_stalled_queues 1.0")
                .contains("status_nodes{state=\"in-use\"} 2.0")
                .contains("status_ci_problems 3.0");

        // Recovery: processing resumes, the job starts, a node is free again.
        zuul.serveText(StatusJson.status(0, 0, false, false, "run-2"));
        zuul.serveNodes("[{\"id\":\"1\",\"type\":[\"ubuntu-bionic\"],\"state\":\"ready\"}]");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(infra().get("ok").asBoolean()).isTrue());
        assertThat(Jsoup.parse(site().page("/").body()).select(".site-problems"))
                .isEmpty();
    }

    @Test
    void aNodeListThatCannotBeReadIsAProblemNotACrash() throws Exception {
        zuul.serveNodes("this is not JSON");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(condition(infra(), "node-capacity")
                                .get("detail")
                                .asText())
                        .contains("could not be read"));
        zuul.serveNodes("[]");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                condition(infra(), "node-capacity").get("ok").asBoolean())
                        .isTrue());
    }
}
