package org.opencontrail.web.status.change;

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
import org.opencontrail.web.shared.gerrit.event.GerritEventParser;
import org.opencontrail.web.shared.gerrit.event.ParseOutcome;
import org.opencontrail.web.shared.testing.ZuulStub;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResultParser;
import org.opencontrail.web.status.facts.ChangeFacts;

/** The change page and its JSON: a change in the pipelines, a change known only from Gerrit, an unknown one. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangePageTest implements TestPropertyProvider {

    private final ZuulStub zuul = new ZuulStub();

    @Inject
    EmbeddedServer server;

    @Inject
    ChangeFacts facts;

    @Inject
    PipelineRuns runs;

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

    private void gerrit(String json) {
        facts.onEvent(((ParseOutcome.Parsed) new GerritEventParser().parseLine(json)).event());
    }

    @Test
    void aLabelListedWithoutAVoteDoesNotUndoTheCisVote() throws Exception {
        // as Gerrit 3.10 streams them: the CI's Verified +1, then a reviewer's comment listing Verified at 0, never
        // voted
        gerrit(
                "{\"type\":\"comment-added\",\"change\":{\"project\":\"demo/hello\",\"branch\":\"master\",\"number\":9001,"
                        + "\"subject\":\"Say hello\",\"owner\":{\"name\":\"Dev\"},\"status\":\"NEW\"},\"patchSet\":{\"number\":1},"
                        + "\"author\":{\"username\":\"zuul\",\"name\":\"Zuul CI\"},\"approvals\":[{\"type\":\"Verified\",\"value\":\"1\","
                        + "\"oldValue\":\"0\"}],\"comment\":\"Build succeeded\",\"eventCreatedOn\":1795507000}");
        gerrit(
                "{\"type\":\"comment-added\",\"change\":{\"project\":\"demo/hello\",\"branch\":\"master\",\"number\":9001,"
                        + "\"subject\":\"Say hello\",\"owner\":{\"name\":\"Dev\"},\"status\":\"NEW\"},\"patchSet\":{\"number\":1},"
                        + "\"author\":{\"username\":\"admin\",\"name\":\"Administrator\"},\"approvals\":[{\"type\":\"Verified\",\"value\":\"0\"},"
                        + "{\"type\":\"Code-Review\",\"value\":\"2\",\"oldValue\":\"0\"}],\"comment\":\"Patch Set 1: Code-Review+2\","
                        + "\"eventCreatedOn\":1795507010}");

        ChangeFacts.Change change = facts.get(9001).orElseThrow();
        assertThat(change.votes()).containsEntry("Verified", 1).containsEntry("Code-Review", 2);
        assertThat(change.history())
                .extracting(ChangeFacts.Vote::label, ChangeFacts.Vote::value, ChangeFacts.Vote::by)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Verified", 1, "Zuul CI"),
                        org.assertj.core.groups.Tuple.tuple("Code-Review", 2, "Administrator"));
    }

    @Test
    void aChangeInTheGateShowsItsItemAndGerritsFacts() throws Exception {
        gerrit(
                "{\"type\":\"comment-added\",\"change\":{\"project\":\"openstack/heat\",\"branch\":\"master\",\"number\":48423,"
                        + "\"subject\":\"Fix stack update rollback\",\"owner\":{\"name\":\"Dev One\"},\"status\":\"NEW\",\"topic\":\"rollback\","
                        + "\"url\":\"https://review.example.org/48423\"},\"patchSet\":{\"number\":2},\"author\":{\"username\":\"core\"},"
                        + "\"approvals\":[{\"type\":\"Code-Review\",\"value\":\"2\"},{\"type\":\"Approved\",\"value\":\"1\"}],\"eventCreatedOn\":1380275000}");

        HttpResponse<String> response = new SiteClient(server.getURL()).page("/change/48423");
        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("main h1").text()).isEqualTo("Change 48423: Fix stack update rollback");
        assertThat(page.select("table.facts td"))
                .extracting(e -> e.text())
                .contains("openstack/heat", "master", "Dev One", "NEW", "rollback", "2");
        assertThat(page.select(".vote")).extracting(e -> e.text()).containsExactly("Approved +1", "Code-Review +2");
        assertThat(page.select(".change-item h3"))
                .extracting(e -> e.text())
                .containsExactly(
                        "gate · " + page.selectFirst(".change-item h3").text().split(" · ")[1]);
        assertThat(page.select("li.item"))
                .singleElement()
                .satisfies(item -> assertThat(item.id()).isEqualTo("item-gate-48423"));

        JsonNode json = new ObjectMapper()
                .readTree(new SiteClient(server.getURL())
                        .get("/api/change/48423", "application/json")
                        .body());
        assertThat(json.get("subject").asText()).isEqualTo("Fix stack update rollback");
        assertThat(json.get("votes").get("Code-Review").asInt()).isEqualTo(2);
        assertThat(json.get("pipelines")).hasSize(1);
        assertThat(json.get("pipelines").get(0).get("pipeline").asText()).isEqualTo("gate");
        assertThat(json.get("pipelines").get(0).get("jobs")).isNotEmpty();
    }

    @Test
    void aChangeKnownOnlyFromGerritStillHasItsPage() {
        gerrit(
                "{\"type\":\"patchset-created\",\"change\":{\"project\":\"Juniper/contrail-vrouter\",\"branch\":\"R5.0\",\"number\":55555,"
                        + "\"subject\":\"vrouter: handle MPLSoUDP fragments\",\"owner\":{\"name\":\"Dev Two\"},\"status\":\"NEW\"},"
                        + "\"patchSet\":{\"number\":3},\"eventCreatedOn\":1380275000}");

        Document page = Jsoup.parse(
                new SiteClient(server.getURL()).page("/change/55555").body());
        assertThat(page.selectFirst("main h1").text()).contains("vrouter: handle MPLSoUDP fragments");
        assertThat(page.selectFirst("main").text())
                .contains("This change is in no pipeline now")
                .contains("R5.0")
                .contains("Dev Two");
    }

    private void zuul(String json) throws IOException {
        runs.onEvent(new BuildsetResultParser().parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String change(
            int number, String project, String changeId, String topic, String message, String subject) {
        return "{\"project\":\"" + project + "\",\"branch\":\"master\",\"number\":" + number + ",\"id\":\"" + changeId
                + "\","
                + "\"subject\":\"" + subject + "\",\"owner\":{\"name\":\"Dev\"},\"status\":\"NEW\","
                + (topic.isEmpty() ? "" : "\"topic\":\"" + topic + "\",")
                + "\"url\":\"https://review.example.org/" + number + "\",\"commitMessage\":\"" + message + "\"}";
    }

    private void uploaded(
            int number,
            String project,
            String changeId,
            String topic,
            String message,
            String subject,
            int patchSet,
            String revision,
            String parent) {
        gerrit("{\"type\":\"patchset-created\",\"change\":" + change(number, project, changeId, topic, message, subject)
                + ",\"patchSet\":{\"number\":" + patchSet + ",\"revision\":\"" + revision + "\",\"parents\":[\""
                + parent + "\"],"
                + "\"uploader\":{\"name\":\"Dev\"},\"createdOn\":1700000000,\"kind\":\"REWORK\",\"sizeInsertions\":12,"
                + "\"sizeDeletions\":3},\"uploader\":{\"name\":\"Dev\"},\"eventCreatedOn\":" + (1700000000 + patchSet)
                + "}");
    }

    private static String id(int n) {
        return "I" + String.format("%040d", n);
    }

    @Test
    void showsPatchSetsVotesAndEveryPipelineRunWithLinksToLogs() throws Exception {
        uploaded(
                60001,
                "Juniper/contrail-controller",
                id(60001),
                "",
                "Add BGPaaS knob\\n\\nChange-Id: " + id(60001),
                "Add BGPaaS knob",
                1,
                "aaa1",
                "base");
        gerrit(
                "{\"type\":\"comment-added\",\"change\":"
                        + change(60001, "Juniper/contrail-controller", id(60001), "", "", "Add BGPaaS knob")
                        + ",\"patchSet\":{\"number\":1},\"author\":{\"name\":\"OpenContrail CI\"},\"comment\":\"Build failed\","
                        + "\"approvals\":[{\"type\":\"Verified\",\"value\":\"-1\",\"oldValue\":\"0\"}],\"eventCreatedOn\":1700000100}");
        uploaded(
                60001,
                "Juniper/contrail-controller",
                id(60001),
                "",
                "Add BGPaaS knob\\n\\nChange-Id: " + id(60001),
                "Add BGPaaS knob",
                2,
                "aaa2",
                "base");
        zuul(
                "{\"action\":\"failure\",\"pipeline\":\"check\",\"project\":\"Juniper/contrail-controller\",\"branch\":\"master\","
                        + "\"change\":60001,\"patchset\":1,\"uuid\":\"item1\",\"enqueue_time\":1700000010,\"timestamp\":1700000090,"
                        + "\"buildset\":{\"uuid\":\"bs1\",\"result\":\"FAILURE\",\"builds\":["
                        + "{\"job_name\":\"contrail-vnc-build-unittest\",\"result\":\"FAILURE\",\"voting\":true,"
                        + "\"log_url\":\"https://logs.example.org/01/60001/1/check/contrail-vnc-build-unittest/abc1234/\","
                        + "\"start_time\":\"2023-11-14T22:13:40\",\"end_time\":\"2023-11-14T22:25:40\"},"
                        + "{\"job_name\":\"evil\",\"result\":\"SUCCESS\",\"voting\":false,\"log_url\":\"javascript:alert(1)\"}]}}");
        zuul(
                "{\"action\":\"start\",\"pipeline\":\"check\",\"project\":\"Juniper/contrail-controller\",\"branch\":\"master\","
                        + "\"change\":60001,\"patchset\":2,\"uuid\":\"item2\",\"enqueue_time\":1700000200,\"timestamp\":1700000201,"
                        + "\"buildset\":{\"uuid\":\"bs2\",\"builds\":[]}}");

        Document page = Jsoup.parse(
                new SiteClient(server.getURL()).page("/change/60001").body());
        assertThat(page.select(".patchset > strong"))
                .extracting(e -> e.text())
                .containsExactly("Patch set 1", "Patch set 2");
        assertThat(page.select(".patchset").get(0).text())
                .contains("aaa1")
                .contains("REWORK")
                .contains("+12 −3")
                .contains("Verified -1 by OpenContrail CI");
        assertThat(page.select(".run summary"))
                .extracting(
                        e -> e.text().replace(e.selectFirst("time").text(), "").strip())
                .containsExactly("▶ check patch set 2 running", "✗ check patch set 1 FAILURE");
        assertThat(page.select(".run").get(1).select("a.job-name"))
                .singleElement()
                .satisfies(a -> assertThat(a.attr("href"))
                        .isEqualTo("https://logs.example.org/01/60001/1/check/contrail-vnc-build-unittest/abc1234/"));
        assertThat(page.select(".run").get(1).select(".job").get(0).text())
                .contains("FAILURE")
                .contains("12 min");
        assertThat(page.select(".run").get(1).select(".job").get(1).text())
                .contains("evil")
                .contains("non-voting");
        assertThat(page.select("a[href^=javascript]")).isEmpty();
        assertThat(page.select("time[title]")).isNotEmpty();

        JsonNode json = new ObjectMapper()
                .readTree(new SiteClient(server.getURL())
                        .get("/api/change/60001", "application/json")
                        .body());
        assertThat(json.get("currentPatchSet").asInt()).isEqualTo(2);
        assertThat(json.get("patchSets")).hasSize(2);
        assertThat(json.get("voteHistory").get(0).get("label").asText()).isEqualTo("Verified");
        assertThat(json.get("runs").get(1).get("result").asText()).isEqualTo("FAILURE");
        assertThat(json.get("runs")
                        .get(1)
                        .get("builds")
                        .get(0)
                        .get("durationSeconds")
                        .asLong())
                .isEqualTo(720);
        assertThat(json.get("runs").get(0).get("result").asText()).isEmpty();
    }

    @Test
    void showsTheCrossRepositoryGroupWhicheverChangeOneOpens() throws Exception {
        // 61002 (common) is needed by 61001 (controller) through a Change-Id footer; 61003 (vrouter) depends on 61001
        // by URL;
        // 61004 shares 61003's topic; 61005 sits on 61004's commit; one footer names a change nobody knows.
        uploaded(
                61002,
                "Juniper/contrail-common",
                id(61002),
                "",
                "Common part\\n\\nChange-Id: " + id(61002),
                "Common part",
                1,
                "c2",
                "base");
        uploaded(
                61001,
                "Juniper/contrail-controller",
                id(61001),
                "",
                "Controller part\\n\\nDepends-On: " + id(61002) + "\\nDepends-On: " + id(69999) + "\\nChange-Id: "
                        + id(61001),
                "Controller part",
                1,
                "c1",
                "base");
        uploaded(
                61003,
                "Juniper/contrail-vrouter",
                id(61003),
                "vr-knob",
                "Vrouter part\\n\\nDepends-On: https://review.example.org/c/Juniper/contrail-controller/+/61001\\nChange-Id: "
                        + id(61003),
                "<script>alert(1)</script>",
                1,
                "c3",
                "base");
        uploaded(
                61004,
                "Juniper/contrail-packaging",
                id(61004),
                "vr-knob",
                "Packaging\\n\\nChange-Id: " + id(61004),
                "Packaging",
                1,
                "c4",
                "base");
        uploaded(
                61005,
                "Juniper/contrail-packaging",
                id(61005),
                "",
                "Docs\\n\\nChange-Id: " + id(61005),
                "Docs",
                1,
                "c5",
                "c4");
        uploaded(
                61006,
                "Juniper/contrail-web-core",
                id(61006),
                "",
                "Unrelated\\n\\nChange-Id: " + id(61006),
                "Unrelated",
                1,
                "c6",
                "base");

        Document page = Jsoup.parse(
                new SiteClient(server.getURL()).page("/change/61001").body());
        assertThat(page.select("tr.member"))
                .extracting(e -> e.attr("data-change"))
                .containsExactly("61001", "61002", "61003", "61004", "61005");
        assertThat(page.selectFirst("tr.member[data-change=61002]").text())
                .contains("Juniper/contrail-common")
                .contains("Depends-On");
        assertThat(page.selectFirst("tr.member[data-change=61003]").text()).contains("<script>alert(1)</script>");
        assertThat(page.select(".group script")).isEmpty();
        assertThat(page.selectFirst(".group").text()).contains(id(69999));

        JsonNode json = new ObjectMapper()
                .readTree(new SiteClient(server.getURL())
                        .get("/api/change/61005", "application/json")
                        .body());
        assertThat(json.get("group"))
                .extracting(m -> m.get("number").asInt())
                .containsExactlyInAnyOrder(61005, 61004, 61003, 61001, 61002);
        assertThat(json.get("group").get(0).get("reason").asText()).isEqualTo("this change");
        assertThat(json.get("unresolved")).extracting(JsonNode::asText).containsExactly(id(69999));

        Document alone = Jsoup.parse(
                new SiteClient(server.getURL()).page("/change/61006").body());
        assertThat(alone.select(".group")).isEmpty();
    }

    @Test
    void anUnknownChangeIsABranded404() {
        HttpResponse<String> response = new SiteClient(server.getURL()).page("/change/1");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(response.body()).selectFirst("main h1").text()).isEqualTo("Nothing here");
        assertThat(new SiteClient(server.getURL())
                        .get("/api/change/1", "application/json")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void overviewItemsLinkToTheirChangePage() {
        Document overview = Jsoup.parse(
                new SiteClient(server.getURL()).page("/?change=48423").body());
        assertThat(overview.selectFirst("li.item a.item-page").attr("href")).isEqualTo("/change/48423");
    }
}
