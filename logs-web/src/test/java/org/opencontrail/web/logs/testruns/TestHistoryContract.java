package org.opencontrail.web.logs.testruns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.fixtures.SubunitPackets;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.database.BuildsWriter;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.logs.store.StoreKeys;
import org.opencontrail.web.shared.testing.GerritProjectList;
import org.opencontrail.web.shared.zuul.builds.Build;

/**
 * Test results read from stored builds (subunit v2, JUnit XML, a console) into every test's history:
 * the pages and their JSON, openstack-health's shape, flaky tests, a test that started failing at a
 * merge, hidden projects, hostile ids and bad input; on the embedded database and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TestHistoryContract {

    /** The builds database's settings: the embedded one unless a subclass says otherwise. */
    abstract Map<String, Object> database();

    private static final String PUBLIC = "Juniper/contrail-controller";
    private static final String HIDDEN = "Juniper/contrail-embargoed";
    private static final String FLAKY = "pkg.api.test_servers.ServersTest.test_reboot";
    private static final String STEADY = "pkg.api.test_servers.ServersTest.test_list";
    private static final String BROKEN = "pkg.unit.test_parse.ParseTest.test_ipv6";
    private static final String HOSTILE = "pkg.Hostile.test_<script>alert(1)</script>[id-1,smoke]";
    private static final String PLUS = "pkg.math.test_ops.OpsTest.test_add[1+1]";
    private static final String SKIPPED = "pkg.api.test_servers.ServersTest.test_resize_on_xen";
    private static final String SECRET = "embargoed.tests.SecretTest.test_cve";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    static Path temp;

    private GerritProjectList gerrit;
    private EmbeddedServer server;
    private Http site;
    private TestResultsRecorder recorder;
    private LogStore store;
    private BuildsWriter writer;
    private final List<String> uuids = new ArrayList<>();

    @BeforeAll
    void start() throws IOException {
        gerrit = GerritProjectList.start().active(PUBLIC).hidden(HIDDEN);
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("logs.dir", temp.resolve("logs-web").toString());
        properties.put("gerrit.url", gerrit.url());
        properties.put("branding.git-url", "https://git.example.org");
        properties.put("logs.tests.catch-up", "1h"); // read here, by hand, to know when
        properties.putAll(database());
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        site = Http.at(server.getURL());
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> server.getApplicationContext()
                        .getBean(org.opencontrail.web.shared.gerrit.projects.PublicProjects.class)
                        .decided());
        recorder = server.getApplicationContext().getBean(TestResultsRecorder.class);
        store = server.getApplicationContext().getBean(LogStore.class);
        writer = server.getApplicationContext().getBean(BuildsWriter.class);

        Instant day = NOW.minus(Duration.ofDays(2));
        // a check build fails the flaky test (its stream and its console), a recheck of the same patch set passes it
        build(
                PUBLIC,
                "unit",
                "FAILURE",
                Optional.of(90001),
                "",
                day,
                Map.of(
                        ".stestr/0.gz",
                                gzip(stream(
                                        day,
                                        FLAKY,
                                        SubunitPackets.FAIL,
                                        500,
                                        STEADY,
                                        SubunitPackets.SUCCESS,
                                        2000,
                                        HOSTILE,
                                        SubunitPackets.FAIL,
                                        10)),
                        "job-output.txt",
                                ("2026-12-01 10:00:00.000 | py311 run-test: commands[0] | stestr run\n"
                                                + "2026-12-01 10:00:01.000 | {0} " + STEADY + " [2.0s] ... ok\n"
                                                + "2026-12-01 10:00:02.000 | {1} " + FLAKY + " [0.5s] ... FAILED\n")
                                        .getBytes(StandardCharsets.UTF_8)));
        build(
                PUBLIC,
                "unit",
                "SUCCESS",
                Optional.of(90001),
                "",
                day.plusSeconds(3600),
                Map.of(
                        "testrepository.subunit",
                        stream(
                                day.plusSeconds(3600),
                                FLAKY,
                                SubunitPackets.SUCCESS,
                                700,
                                STEADY,
                                SubunitPackets.SUCCESS,
                                2200,
                                SKIPPED,
                                SubunitPackets.SKIP,
                                0)));
        // merged code: passes at aaaa, fails from bbbb on (a JUnit file, then a console alone)
        build(
                PUBLIC,
                "post-unit",
                "SUCCESS",
                Optional.empty(),
                "a".repeat(40),
                day.plusSeconds(7200),
                Map.of("logs/results.xml", junit(BROKEN, false).getBytes(StandardCharsets.UTF_8)));
        build(
                PUBLIC,
                "post-unit",
                "FAILURE",
                Optional.empty(),
                "b".repeat(40),
                day.plusSeconds(10800),
                Map.of(
                        "logs/results.xml", junit(BROKEN, true).getBytes(StandardCharsets.UTF_8),
                        "zuul-info/inventory.xml", "<inventory/>".getBytes(StandardCharsets.UTF_8)));
        build(
                PUBLIC,
                "post-unit",
                "FAILURE",
                Optional.empty(),
                "c".repeat(40),
                day.plusSeconds(14400),
                Map.of(
                        "job-output.txt",
                        ("2026-12-01 12:00:00.000 | test_ipv6 (pkg.unit.test_parse.ParseTest) ... FAIL\n")
                                .getBytes(StandardCharsets.UTF_8)));
        // XML that is not JUnit, and broken, beside a console: the console still tells the tests
        build(
                PUBLIC,
                "libvirt",
                "SUCCESS",
                Optional.of(90005),
                "",
                day.plusSeconds(20000),
                Map.of(
                        "logs/libvirt/instance.xml", "<domain type='kvm'><name>vm".getBytes(StandardCharsets.UTF_8),
                        "job-output.txt",
                                ("2026-12-01 12:00:00.000 | controller | {0} " + PLUS + " [0.1s] ... ok\n")
                                        .getBytes(StandardCharsets.UTF_8)));
        // a project that is not public
        build(
                HIDDEN,
                "unit",
                "FAILURE",
                Optional.of(90002),
                "",
                day,
                Map.of("testrepository.subunit", stream(day, SECRET, SubunitPackets.FAIL, 100)));
        for (String uuid : uuids) {
            assertThat(recorder.read(uuid)).as(uuid).isTrue();
        }
    }

    @AfterAll
    void stop() {
        server.getApplicationContext().close();
        gerrit.close();
    }

    private BuildRecord build(
            String project,
            String job,
            String result,
            Optional<Integer> change,
            String newrev,
            Instant start,
            Map<String, byte[]> files)
            throws IOException {
        String uuid = String.format("%07x%025x", 0x7e57000 + uuids.size(), 0); // its folder is named by the first 7
        uuids.add(uuid);
        Build build = new Build(
                uuid,
                job,
                Optional.of(result),
                true,
                change.isPresent() ? "check" : "post",
                project,
                "master",
                change,
                change.map(c -> 1),
                change.map(c -> "refs/changes/01/" + c + "/1").orElse("refs/heads/master"),
                newrev,
                "",
                Optional.of(start),
                Optional.of(start.plusSeconds(600)),
                Optional.empty(),
                "",
                "",
                "",
                false,
                false,
                List.of(),
                "");
        String root = BuildRecord.rootOf(build);
        List<BuildRecord.StoredFile> stored = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            store.put(root + file.getKey(), new ByteArrayInputStream(file.getValue()), null);
            stored.add(new BuildRecord.StoredFile(file.getKey(), file.getValue().length, file.getValue().length));
        }
        BuildRecord record = new BuildRecord(build, root, "test", IngestState.DONE, "", 1, stored, start, start);
        writer.write(record);
        return record;
    }

    /** Tests given as id, status, milliseconds, ... run one after another from {@code start}. */
    private static byte[] stream(Instant start, Object... tests) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Instant at = start;
        for (int i = 0; i < tests.length; i += 3) {
            Instant end = at.plusMillis((Integer) tests[i + 2]);
            out.writeBytes(SubunitPackets.test((String) tests[i], (Integer) tests[i + 1], at, end));
            at = end;
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static String junit(String testId, boolean failed) {
        int dot = testId.lastIndexOf('.');
        return "<testsuite name=\"unit\" tests=\"1\"><testcase classname=\"" + testId.substring(0, dot) + "\" name=\""
                + testId.substring(dot + 1) + "\" time=\"0.250\">"
                + (failed ? "<failure message=\"x\">boom</failure>" : "")
                + "</testcase></testsuite>";
    }

    private JsonNode json(String path) {
        HttpResponse<String> answer = site.get(path);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return Http.json(answer.body());
    }

    private static String path(String testId) {
        return StoreKeys.urlPath(testId);
    }

    @Test
    void aTestsHistorySaysHowOftenWhereAndHowLong() {
        JsonNode test = json("/api/test/" + path(FLAKY));

        assertThat(test.get("runs").asLong()).isEqualTo(2);
        assertThat(test.get("failures").asLong()).isEqualTo(1);
        assertThat(test.get("failureRate").asDouble()).isEqualTo(50.0);
        assertThat(test.get("mean").asDouble()).isEqualTo(0.6);
        assertThat(test.get("points")).hasSize(2);
        assertThat(test.get("points").get(1).get("rollingMean").asDouble()).isEqualTo(0.6);
        assertThat(test.get("points").get(1).get("rollingStd").asDouble()).isEqualTo(0.1);
        JsonNode failure = test.get("recentFailures").get(0);
        assertThat(failure.get("job").asText()).isEqualTo("unit");
        assertThat(failure.get("change").asText()).isEqualTo("90001,1");
        assertThat(failure.get("logUrl").asText())
                .as("the console's failing line")
                .endsWith("/job-output.txt#L3");
        assertThat(test.get("flaky").get("flaky").asBoolean()).isTrue();
        assertThat(test.get("flaky").get("patchSets").asLong()).isEqualTo(1);
        assertThat(test.get("daily")).hasSize(30);
    }

    @Test
    void openstackHealthsShapeIsAnswered() {
        JsonNode runs = json("/api/test_runs/" + path(FLAKY));

        assertThat(runs.fieldNames()).toIterable().containsExactly("numeric", "data", "failed_runs");
        assertThat(runs.get("failed_runs")).extracting(JsonNode::asText).containsExactly(uuids.get(0));
        JsonNode first = runs.get("numeric").elements().next();
        assertThat(first.get("run_time").asDouble()).isEqualTo(0.5);
        assertThat(first.has("avg_run_time")).isTrue();
        assertThat(first.has("std_dev_run_time")).isTrue();
        assertThat(runs.get("data").elements().next().get("status").asText()).isEqualTo("fail");
    }

    @Test
    void aTestThatStartedFailingAtAMergeNamesTheCommits() {
        JsonNode test = json("/api/test/" + path(BROKEN));

        assertThat(test.get("runs").asLong())
                .as("from a JUnit file twice and a console once")
                .isEqualTo(3);
        JsonNode since = test.get("startedFailing");
        assertThat(since.get("lastPassing").asText()).isEqualTo("a".repeat(40));
        assertThat(since.get("firstFailed").asText()).isEqualTo("b".repeat(40));
        assertThat(since.get("commits").asText())
                .isEqualTo("https://git.example.org/Juniper/contrail-controller/+log/" + "a".repeat(40) + ".."
                        + "b".repeat(40));
        assertThat(test.get("flaky").get("flaky").asBoolean())
                .as("merged code fails every time since")
                .isFalse();
    }

    @Test
    void theOverviewFindsTestsAndListsTheWorst() {
        JsonNode overview = json("/api/tests?q=REBOOT");

        assertThat(overview.get("found"))
                .extracting(f -> f.get("testId").asText())
                .containsExactly(FLAKY);
        assertThat(overview.get("failing"))
                .extracting(t -> t.get("figures").get("testId").asText())
                .startsWith(BROKEN)
                .contains(FLAKY, HOSTILE);
        assertThat(overview.get("slowest").get(0).get("figures").get("testId").asText())
                .isEqualTo(STEADY);
        assertThat(overview.get("flaky"))
                .extracting(f -> f.get("flaky").get("testId").asText())
                .containsExactly(FLAKY);
        JsonNode newest = overview.get("newestFailedRuns");
        assertThat(newest.get(0).get("build").asText()).as("newest first").isEqualTo(uuids.get(4));
        assertThat(newest).extracting(r -> r.get("build").asText()).doesNotContain(uuids.get(5));
    }

    @Test
    void flakyTestsAreOnTheFlakyPageToo() {
        assertThat(json("/api/flaky").get("flakyTests"))
                .extracting(f -> f.get("flaky").get("testId").asText())
                .containsExactly(FLAKY);
        assertThat(site.get("/flaky").body()).contains("id=\"flaky-tests\"").contains(FLAKY);
    }

    @Test
    void hiddenProjectsLeaveNoTrace() {
        assertThat(site.get("/api/test/" + path(SECRET)).statusCode()).isEqualTo(404);
        assertThat(site.get("/test/" + path(SECRET)).statusCode()).isEqualTo(404);
        assertThat(json("/api/tests?q=embargoed").get("found")).isEmpty();
        assertThat(site.get("/api/tests").body()).doesNotContain(SECRET);
        assertThat(site.get("/tests").body()).doesNotContain(SECRET);
    }

    @Test
    void pagesShowHostileIdsAsText() {
        HttpResponse<String> test = site.get("/test/" + path(HOSTILE));
        assertThat(test.statusCode()).isEqualTo(200);
        assertThat(test.body()).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");
        HttpResponse<String> tests =
                site.get("/tests?q=" + java.net.URLEncoder.encode("<script>", StandardCharsets.UTF_8));
        assertThat(tests.statusCode()).isEqualTo(200);
        assertThat(tests.body()).doesNotContain("<script>alert").contains("href=\"/test/pkg.Hostile.test_%3Cscript%3E");
    }

    @Test
    void aJobPageGivesItsRunTimeFailureRateAndTests() {
        JsonNode job = json("/api/job/unit");

        assertThat(job.get("builds").asLong()).isEqualTo(2);
        assertThat(job.get("failureRate").asDouble()).isEqualTo(50.0);
        assertThat(job.get("tests").get("byFailures"))
                .extracting(t -> t.get("figures").get("testId").asText())
                .containsExactlyInAnyOrder(FLAKY, HOSTILE);
        assertThat(job.get("tests").get("slowest"))
                .as("a test that only skipped has no mean run time, and comes last")
                .last()
                .satisfies(t -> {
                    assertThat(t.get("figures").get("testId").asText()).isEqualTo(SKIPPED);
                    assertThat(t.get("figures").path("mean").isNumber()).isFalse();
                });
        assertThat(site.get("/job/unit").body()).contains("<svg").contains(FLAKY);
        assertThat(site.get("/job/no-such-job").statusCode()).isEqualTo(404);
    }

    @Test
    void theTestPageDrawsItsPlots() {
        String page = site.get("/test/" + path(FLAKY)).body();

        assertThat(page)
                .contains("class=\"chart-mean\"")
                .contains("<circle class=\"chart-fail\"")
                .contains("Flaky:");
        assertThat(page).contains("/job-output.txt#L3");
    }

    @Test
    void aBuildFinishedHereIsReadAtOnceAndOneStoredBeforeByTheCatchUp() throws IOException {
        String now = "pkg.events.EventTest.test_heard";
        String later = "pkg.events.EventTest.test_caught_up";
        BuildRecord finished = build(
                PUBLIC,
                "events",
                "SUCCESS",
                Optional.of(90003),
                "",
                NOW,
                Map.of("testrepository.subunit", stream(NOW, now, SubunitPackets.SUCCESS, 10)));
        server.getApplicationContext()
                .getBean(io.micronaut.context.event.ApplicationEventPublisher.class)
                .publishEvent(new org.opencontrail.web.logs.builds.BuildFinished(finished));
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> site.get("/api/test/" + path(now)).statusCode() == 200);

        build(
                PUBLIC,
                "events",
                "SUCCESS",
                Optional.of(90004),
                "",
                NOW,
                Map.of("testrepository.subunit", stream(NOW, later, SubunitPackets.SUCCESS, 10)));
        assertThat(site.get("/api/test/" + path(later)).statusCode()).isEqualTo(404);
        recorder.catchUp();
        assertThat(site.get("/api/test/" + path(later)).statusCode()).isEqualTo(200);
    }

    @Test
    void aBrokenXmlThatIsNotJUnitLeavesTheConsoleToTellAndPlusSignsSurviveTheAddress() {
        JsonNode found = json("/api/tests?q=test_add%5B1%2B1").get("found");
        assertThat(found).extracting(f -> f.get("testId").asText()).containsExactly(PLUS);
        String url = found.get(0).get("url").asText();
        assertThat(url).contains("%2B");
        assertThat(site.get(url).statusCode()).isEqualTo(200);
        assertThat(json("/api/test/" + url.substring("/test/".length()))
                        .get("runs")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void aBuildIsReadOnce() throws IOException {
        assertThat(recorder.read(uuids.get(0))).isFalse();
        assertThat(json("/api/test/" + path(FLAKY)).get("runs").asLong()).isEqualTo(2);
    }

    @Test
    void badInputIsRefusedClearly() {
        assertThat(site.get("/api/tests?days=abc").statusCode()).isEqualTo(400);
        assertThat(site.get("/api/tests?days=0").body()).contains("days: from 1 to 366");
        assertThat(site.get("/api/tests?days=1&days=2").statusCode()).isEqualTo(400);
        assertThat(site.get("/api/test/" + "x".repeat(2001)).statusCode()).isEqualTo(400);
        assertThat(site.get("/api/test/no.such.test").statusCode()).isEqualTo(404);
        assertThat(site.get("/api/tests?q=%25_%24").statusCode())
                .as("LIKE's own characters are text")
                .isEqualTo(200);
        assertThat(json("/api/tests?q=%25").get("found")).isEmpty();
    }
}
