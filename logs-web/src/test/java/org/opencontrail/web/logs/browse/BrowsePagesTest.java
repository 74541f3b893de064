package org.opencontrail.web.logs.browse;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.shared.gerrit.projects.PublicProjects;
import org.opencontrail.web.shared.testing.GerritProjectList;
import org.opencontrail.web.shared.zuul.builds.Build;

/**
 * The pages Zuul's users know: every build and buildset listed with the filters in the address and
 * paged, a buildset's builds on a timeline, a build found by its uuid; hostile text shown as text,
 * a hidden project's builds nowhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowsePagesTest {

    private static final String PUBLIC = "Juniper/contrail-controller";
    private static final String HIDDEN = "Juniper/contrail-embargoed";
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    static Path temp;

    private GerritProjectList gerrit;
    private EmbeddedServer server;
    private Http site;

    @BeforeAll
    void start() {
        gerrit = GerritProjectList.start().active(PUBLIC).hidden(HIDDEN);
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("logs.dir", temp.resolve("logs-web").toString());
        properties.put("gerrit.url", gerrit.url());
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        site = Http.at(server.getURL());
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> server.getApplicationContext()
                        .getBean(PublicProjects.class)
                        .decided());
        BuildRecords records = server.getApplicationContext().getBean(BuildRecords.class);
        for (int i = 0; i < 60; i++) {
            records.save(done(build(
                    String.format("%07x", 0xa000000 + i) + "beef",
                    PUBLIC,
                    i % 3 == 0 ? "contrail-unittest" : "contrail-build",
                    i % 5 == 0 ? "FAILURE" : "SUCCESS",
                    310000 + i / 3,
                    "set" + i / 3,
                    i)));
        }
        records.save(
                done(build("bad0000feed", PUBLIC, "<img src=x onerror=alert(1)>", "FAILURE", 320000, "hostile", 70)));
        records.save(done(build("fff0000dead", HIDDEN, "secret-job", "FAILURE", 330000, "secret", 80)));
    }

    @AfterAll
    void stop() {
        server.getApplicationContext().close();
        gerrit.close();
    }

    @Test
    void theBuildsListIsNewestFirstFilteredAndPaged() {
        Document first = page("/builds");
        assertThat(first.select("table.build-list tbody tr")).hasSize(50);
        assertThat(first.select("table.build-list tbody tr").first().text()).contains("<img src=x onerror=alert(1)>");
        assertThat(first.select("script").eachAttr("src"))
                .doesNotContain("")
                .allSatisfy(s -> assertThat(s).isNotBlank());
        assertThat(first.html()).doesNotContain("secret-job");
        String older = first.select("a[rel=next]").first().attr("href");
        assertThat(older).contains("skip=50");
        Document second = page(older);
        assertThat(second.select("table.build-list tbody tr")).hasSize(11);
        assertThat(second.select("a[rel=prev]")).isNotEmpty();
        assertThat(second.select("a[rel=next]")).isEmpty();

        Document failures = page("/builds?job_name=contrail-unit*&result=FAILURE");
        assertThat(failures.select("table.build-list tbody tr"))
                .isNotEmpty()
                .allSatisfy(row ->
                        assertThat(row.text()).contains("contrail-unittest").contains("FAILURE"));
        assertThat(failures.select("input[name=job_name]").attr("value")).isEqualTo("contrail-unit*");
        assertThat(failures.select("a:contains(JSON)").attr("href"))
                .isEqualTo("/api/builds?job_name=contrail-unit*&result=FAILURE");
    }

    @Test
    void aBadFilterSaysWhatIsWrong() {
        HttpResponse<String> answer = site.get("/builds?change=abc", "Accept", Http.BROWSER_ACCEPT);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(answer.body()).text()).contains("change");
    }

    @Test
    void theBuildsetsListLeadsToABuildsetWithItsTimeline() {
        Document list = page("/buildsets");
        assertThat(list.select("table.build-list tbody tr")).hasSize(21);
        Document set = page(list.select("table.build-list tbody tr a").last().attr("href"));
        assertThat(set.select("h1").text()).contains("change 310000");
        assertThat(set.select("svg.timeline rect")).hasSize(3);
        assertThat(set.select("svg.timeline a"))
                .allSatisfy(a -> assertThat(a.attr("href")).startsWith("/build/"));
        assertThat(set.select("table.build-list tbody tr")).hasSize(3);
        assertThat(site.get("/buildset/secret").statusCode())
                .as("a hidden project's")
                .isEqualTo(404);
    }

    @Test
    void aBuildIsFoundByItsUuid() {
        HttpResponse<String> found = site.get("/build/a000000beef");
        assertThat(found.statusCode()).isEqualTo(303);
        assertThat(found.headers().firstValue("Location")).hasValue("/00/310000/1/check/contrail-unittest/a000000/");
        assertThat(site.get("/build/fff0000dead").statusCode())
                .as("a hidden project's")
                .isEqualTo(404);
        assertThat(site.get("/build/0123456789").statusCode()).isEqualTo(404);
    }

    private Document page(String path) {
        HttpResponse<String> answer = site.get(path, "Accept", Http.BROWSER_ACCEPT);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return Jsoup.parse(answer.body());
    }

    private static Build build(
            String uuid, String project, String job, String result, int change, String set, int minutes) {
        Instant start = T0.plus(Duration.ofMinutes(minutes));
        return new Build(
                uuid,
                job,
                Optional.of(result),
                true,
                "check",
                project,
                "master",
                Optional.of(change),
                Optional.of(1),
                "refs/changes/" + change % 100 + "/" + change + "/1",
                "",
                "https://zuul.example/logs/" + uuid + "/",
                Optional.of(start),
                Optional.of(start.plus(Duration.ofMinutes(10))),
                Optional.empty(),
                "",
                "",
                set,
                false,
                false,
                List.of(),
                "");
    }

    private static BuildRecord done(Build build) {
        String root = BuildRecord.rootOf(build);
        return new BuildRecord(
                build,
                root,
                "mqtt",
                IngestState.DONE,
                "",
                1,
                List.of(new BuildRecord.StoredFile("job-output.txt", 100, 50)),
                T0,
                T0.plus(Duration.ofHours(1)));
    }
}
