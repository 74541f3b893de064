package org.opencontrail.web.logs.flaky;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.logs.TemporaryLogsDir;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.search.lucene.LogIndex;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.event.GerritEventParser;
import org.opencontrail.web.shared.gerrit.event.ParseOutcome;
import org.opencontrail.web.shared.zuul.builds.Build;

/** A failure a recheck of the same patch set passed is listed; a failure fixed by a new patch set is not. */
// not in a transaction of its own: the recheck comments it writes are read by the server's threads
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlakyJobsTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    LogStore store;

    @Inject
    LogIndex index;

    @Inject
    FlakyJobs flaky;

    @Inject
    RecheckCounter rechecks;

    private int next;

    @Override
    public Map<String, String> getProperties() {
        return TemporaryLogsDir.properties("flaky");
    }

    private void build(String job, int change, int patchSet, String result, long hoursAgo) throws IOException {
        build(job, change, patchSet, result, hoursAgo, "result " + result + "\n");
    }

    private void build(String job, int change, int patchSet, String result, long hoursAgo, String console)
            throws IOException {
        String uuid = String.format("%032x", 0xf1a0000L + ++next);
        Build build = new Build(
                uuid,
                job,
                Optional.of(result),
                true,
                "check",
                "Juniper/contrail-controller",
                "master",
                Optional.of(change),
                Optional.of(patchSet),
                "",
                "",
                "",
                Optional.empty(),
                Optional.of(Instant.now().minusSeconds(hoursAgo * 3600)),
                Optional.empty(),
                "",
                "",
                "");
        String root = BuildRecord.rootOf(build);
        store.put(root + "job-output.txt", new ByteArrayInputStream(console.getBytes()), null);
        index.index(new BuildRecord(
                build, root, "test", IngestState.INDEXING, "", 0, List.of(), Instant.now(), Instant.now()));
    }

    @BeforeAll
    void builds() throws IOException {
        build("contrail-vnc-unittest", 80001, 1, "FAILURE", 50, """
                2026-11-20 10:00:00.000 | {0} tempest.api.compute.servers.test_servers.ServersTest.test_reboot [12.1s] ... FAILED
                2026-11-20 10:00:01.000 | {1} tempest.api.compute.servers.test_servers.ServersTest.test_list [1.0s] ... ok
                2026-11-20 10:00:02.000 | FAIL: vnc_cfg_api_server.tests.test_crud_basic.TestCrud.test_create
                """);
        build("contrail-vnc-unittest", 80001, 1, "SUCCESS", 49); // recheck passed: flaky
        build("contrail-vnc-unittest", 80002, 1, "FAILURE", 30);
        build("contrail-vnc-unittest", 80002, 2, "SUCCESS", 20); // a new patch set: a fix, not flakiness
        build("contrail-vnc-build", 80003, 1, "SUCCESS", 10);
    }

    @Test
    void rechecksThatPassedAreFound() {
        FlakyJobs.Report report = flaky.report(Instant.now());
        assertThat(report.rechecks()).hasSize(1);
        assertThat(report.rechecks().get(0).change()).isEqualTo("80001,1");
        assertThat(report.tests())
                .extracting(FlakyJobs.FlakyTest::test)
                .containsExactlyInAnyOrder(
                        "tempest.api.compute.servers.test_servers.ServersTest.test_reboot",
                        "vnc_cfg_api_server.tests.test_crud_basic.TestCrud.test_create");
        assertThat(report.tests().get(0).example()).contains("job-output.txt#L");
        FlakyJobs.Job unit = report.jobs().get(0);
        assertThat(unit.job()).isEqualTo("contrail-vnc-unittest");
        assertThat(unit.rechecks()).isEqualTo(1);
        assertThat(unit.passRate()).isEqualTo(50);
    }

    /** A comment as Gerrit's stream sends it, made that many minutes ago. */
    private GerritEvent comment(int change, int patchSet, String text, long minutesAgo) {
        String json = """
                {"type":"comment-added","change":{"project":"Juniper/contrail-controller","branch":"master",
                 "number":%d,"subject":"Fix","owner":{"name":"Dev"},"status":"NEW"},"patchSet":{"number":%d},
                 "author":{"username":"dev1","name":"Dev One"},"comment":%s,"eventCreatedOn":%d}
                """.formatted(
                        change,
                        patchSet,
                        quoted(text),
                        Instant.now().minusSeconds(minutesAgo * 60).getEpochSecond());
        GerritEvent event = ((ParseOutcome.Parsed) new GerritEventParser()
                        .parseLine(json.replace("\n", " ").strip()))
                .event();
        rechecks.onEvent(event);
        return event;
    }

    private static String quoted(String text) {
        try {
            return org.opencontrail.web.shared.json.ForeignJson.write(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void recheckCommentsAreCountedPerProjectAndWeek() throws IOException {
        comment(80001, 1, "Patch Set 1:\n\nrecheck", 50 * 60 - 30); // after the failure, before the pass
        GerritEvent again = comment(80001, 1, "Patch Set 1:\n\nrecheck", 50 * 60 - 30); // the same comment heard again
        // and once more from Gerrit's REST API after a gap: dated when its message was written, a second before
        GerritEvent.CommentAdded heard = (GerritEvent.CommentAdded) again;
        rechecks.onEvent(new GerritEvent.CommentAdded(
                heard.change(),
                heard.patchSet(),
                heard.author(),
                heard.comment(),
                heard.approvals(),
                heard.createdOn().minusMillis(1_400)));
        comment(80002, 1, "Patch Set 1: Code-Review+1\n\nrecheck bug 1384373", 25 * 60);
        comment(80003, 1, "Patch Set 1:\n\nLooks good, no recheck needed", 5);
        List<RecheckWeeks.Week> weeks =
                flaky.report(Instant.now()).recheckComments().weeks();
        assertThat(weeks).allSatisfy(w -> assertThat(w.project()).isEqualTo("Juniper/contrail-controller"));
        assertThat(weeks.stream().mapToLong(RecheckWeeks.Week::rechecks).sum()).isEqualTo(2);
        assertThat(weeks.stream().mapToLong(RecheckWeeks.Week::bare).sum()).isEqualTo(1);
        assertThat(weeks.stream().mapToLong(RecheckWeeks.Week::namingBug).sum()).isEqualTo(1);
        assertThat(weeks.stream().mapToLong(RecheckWeeks.Week::givingReason).sum())
                .isZero();
        assertThat(weeks.stream().mapToLong(RecheckWeeks.Week::buildsAgain).sum())
                .as("the pass on 80001,1 after its recheck")
                .isEqualTo(1);
        String body = Http.plain()
                .get("http://localhost:" + server.getPort() + "/flaky")
                .body();
        Document page = Jsoup.parse(body);
        assertThat(page.select("#recheck-comments tbody tr")).hasSameSizeAs(weeks);
    }

    @Test
    void thePageDrawsEachJob() throws Exception {
        HttpResponse<String> response = Http.plain().get("http://localhost:" + server.getPort() + "/flaky");
        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("#rechecks tbody tr")).hasSize(1);
        assertThat(page.select("#tests tbody tr")).hasSize(2);
        assertThat(page.select(".flaky-job svg")).hasSize(2);
    }

    @Test
    void aTestsJobsAreOneLine() {
        assertThat(new FlakyJobs.FlakyTest("t", 2, List.of("unit", "functional"), Instant.EPOCH, "").jobList())
                .isEqualTo("unit, functional");
        assertThat(new FlakyJobs.FlakyTest("t", 1, List.of("unit"), Instant.EPOCH, "").jobList())
                .isEqualTo("unit");
    }
}
