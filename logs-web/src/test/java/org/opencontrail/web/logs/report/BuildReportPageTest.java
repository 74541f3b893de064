package org.opencontrail.web.logs.report;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.shared.zuul.builds.Build;

/**
 * A build's folder page shows what the build did without opening a log: the failed task with its
 * command and output, and the console with that task open and linkable; a broken or gzip
 * job-output.json is read as far as it goes, and a folder inside the build shows no report.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildReportPageTest {

    private static final String FAILED = "00/310000/1/check/contrail-unittest/abc1234/";
    private static final String BROKEN = "00/310001/1/check/contrail-unittest/def5678/";
    private static final String ZIPPED = "00/310002/1/check/contrail-unittest/0a1b2c3/";

    private static final String OUTPUT = """
            [{"branch": "master", "index": "0", "phase": "run", "playbook": "jobs/run.yaml", "trusted": false,
              "plays": [{"play": {"id": "p", "name": "build <all>", "duration": {"start": "2026-11-20T10:01:00Z"}},
                "tasks": [{"task": {"id": "t1", "name": "Install", "duration": {"start": "2026-11-20T10:01:00Z", "end": "2026-11-20T10:01:04Z"}},
                           "hosts": {"primary": {"action": "package", "changed": true}}},
                          {"task": {"id": "t2", "name": "Run <b>tests</b>", "duration": {"start": "2026-11-20T10:01:04Z", "end": "2026-11-20T10:03:04Z"}},
                           "hosts": {"primary": {"action": "shell", "changed": true, "failed": true, "rc": 2,
                                    "msg": "non-zero return code", "invocation": {"module_args": {"_raw_params": "make test"}},
                                    "stdout": "%s", "stdout_lines": [%s], "stderr_lines": []}}}]}],
              "stats": {"primary": {"ok": 1, "changed": 2, "failures": 1, "skipped": 0, "unreachable": 0, "rescued": 0, "ignored": 0}}}]
            """;

    @TempDir
    static Path temp;

    private EmbeddedServer server;
    private Http site;

    @BeforeAll
    void start() throws IOException {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("logs.dir", temp.resolve("logs-web").toString());
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        site = Http.at(server.getURL());
        LogStore store = server.getApplicationContext().getBean(LogStore.class);
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            lines.append(i == 1 ? "" : ", ").append("\"line ").append(i).append("\"");
        }
        lines.append(", \"<script>alert(1)</script> FAILED test_route\"");
        put(store, FAILED + "job-output.json", OUTPUT.formatted("lines", lines).getBytes(StandardCharsets.UTF_8));
        put(store, FAILED + "job-output.txt", "console\n".getBytes(StandardCharsets.UTF_8));
        put(store, FAILED + "logs/syslog.txt", "syslog\n".getBytes(StandardCharsets.UTF_8));
        put(store, FAILED + "zuul-manifest.json", """
                {"tree": [
                  {"name": "job-output.txt", "mimetype": "text/plain", "encoding": null, "last_modified": 1795500000, "size": 8},
                  {"name": "logs", "mimetype": "application/directory", "encoding": null, "children": [
                    {"name": "syslog.txt", "mimetype": "text/plain", "encoding": null, "size": 4404019},
                    {"name": "<img src=x onerror=alert(2)>.txt", "mimetype": "text/plain", "size": 1}]},
                  {"name": "../../etc/passwd", "mimetype": "text/plain", "size": 1}],
                 "index_links": false}
                """.getBytes(StandardCharsets.UTF_8));
        put(store, BROKEN + "zuul-manifest.json", "{\"tree\": [{\"name\": \"job-out".getBytes(StandardCharsets.UTF_8));
        String whole = OUTPUT.formatted("x", "\"x\"");
        put(
                store,
                BROKEN + "job-output.json",
                whole.substring(0, whole.length() / 2).getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write(OUTPUT.formatted("y", "\"y\"").getBytes(StandardCharsets.UTF_8));
        }
        put(store, ZIPPED + "job-output.json.gz", gzip.toByteArray());
        BuildRecords records = server.getApplicationContext().getBean(BuildRecords.class);
        records.save(run(
                "abc1234",
                310000,
                "FAILURE",
                3,
                List.of(
                        new Build.Artifact(
                                "Unit test report",
                                "https://zuul.example/logs/abc1234/logs/testr_results.html",
                                Map.of()),
                        new Build.Artifact("Docs preview", "https://docs.example/310000/", Map.of()),
                        new Build.Artifact("Sneaky", "javascript:alert(3)", Map.of()))));
        records.save(run("1111111", 309000, "SUCCESS", 2, List.of()));
        records.save(run("2222222", 308000, "SUCCESS", 1, List.of()));
    }

    /** A run of the job, ended {@code daysAgo} days before the newest, 20 minutes long. */
    private static BuildRecord run(String uuid, int change, String result, int day, List<Build.Artifact> artifacts) {
        Instant start = Instant.parse("2026-11-20T10:00:00Z").plus(Duration.ofDays(day));
        Build build = new Build(
                uuid,
                "contrail-unittest",
                Optional.of(result),
                true,
                "check",
                "Juniper/contrail-controller",
                "master",
                Optional.of(change),
                Optional.of(1),
                "refs/changes/00/" + change + "/1",
                "",
                "https://zuul.example/logs/" + uuid + "/",
                Optional.of(start),
                Optional.of(start.plus(Duration.ofMinutes(20))),
                Optional.empty(),
                "",
                "",
                "set" + uuid,
                false,
                false,
                artifacts,
                "");
        return new BuildRecord(
                build, BuildRecord.rootOf(build), "mqtt", IngestState.DONE, "", 1, List.of(), start, start);
    }

    @AfterAll
    void stop() {
        server.getApplicationContext().close();
    }

    @Test
    void theFailedTaskIsOnTheBuildsPage() {
        Document page = page("/" + FAILED);
        Element failed = page.selectFirst(".task-summary .failed-task");
        assertThat(failed).isNotNull();
        assertThat(failed.select("h3").text()).contains("Task Run <b>tests</b> failed on primary");
        assertThat(failed.select("pre.cmd").text()).isEqualTo("make test");
        assertThat(failed.text()).contains("exit code 2").contains("non-zero return code");
        assertThat(failed.select("pre.output").last().text())
                .as("the last 42 lines shown")
                .contains("<script>alert(1)</script> FAILED test_route")
                .contains("line 60")
                .doesNotContain("line 59\n");
        assertThat(failed.select("details.folded summary").text()).isEqualTo("59 earlier lines");
        assertThat(page.select("script:containsData(alert)")).isEmpty();
        assertThat(page.select(".task-hosts li").text()).contains("primary").contains("1 ok · 2 changed · 1 failed");
    }

    @Test
    void theJobsHistoryIsBesideItsRunTimes() {
        Document page = page("/" + FAILED);
        assertThat(page.select(".job-history a").attr("href"))
                .isEqualTo("/builds?job_name=contrail-unittest&project=Juniper%2Fcontrail-controller");
        assertThat(page.select(".job-history svg rect")).as("each run a bar").hasSize(3);
        assertThat(page.select(".job-history svg rect.chart-fail")).hasSize(1);
    }

    @Test
    void theConsoleHasTheFailedTaskOpenAndLinkable() {
        Document page = page("/" + FAILED);
        String anchor = page.selectFirst(".failed-task h3 a").attr("href");
        assertThat(anchor).isEqualTo("#task-0-0-1-primary");
        Element task = page.getElementById("task-0-0-1-primary");
        assertThat(task).isNotNull();
        assertThat(task.hasAttr("open")).isTrue();
        assertThat(task.select(".task-status").text()).isEqualTo("Failed");
        assertThat(page.getElementById("task-0-0-0-primary").hasAttr("open")).isFalse();
        assertThat(page.select(".console .play h3").text()).isEqualTo("Play: build <all>");
    }

    @Test
    void aFileCutShortOrGzipIsReadAsFarAsItGoes() {
        Document broken = page("/" + BROKEN);
        assertThat(broken.select(".task-summary .notice").text()).contains("job-output.json");
        assertThat(page("/" + ZIPPED).select(".console details.task")).hasSize(2);
    }

    @Test
    void theLogsTreeComesFromTheManifestEachFileLinkedWithItsSize() {
        Document page = page("/" + FAILED);
        assertThat(page.select(".logs-tree ul.tree > li > a").eachAttr("href"))
                .containsExactly("/" + FAILED + "job-output.txt");
        Element logs = page.selectFirst(".logs-tree li.is-folder");
        assertThat(logs.select("summary a").attr("href")).isEqualTo("/" + FAILED + "logs/");
        assertThat(logs.select("li a").eachText()).contains("syslog.txt", "<img src=x onerror=alert(2)>.txt");
        assertThat(page.select(".logs-tree img")).isEmpty();
        assertThat(logs.select("li:not(.is-folder):contains(syslog.txt) .size").text())
                .isEqualTo("4.2 MB");
        assertThat(page.select(".logs-tree a").eachAttr("href")).noneMatch(href -> href.contains(".."));
        assertThat(page.select(".logs-tree .problem").text()).contains("without a plain name");
        assertThat(page.select("script:containsData(alert)")).isEmpty();
        assertThat(page("/" + BROKEN).select(".logs-tree .problem").text())
                .contains("zuul-manifest.json cannot be read");
        assertThat(page("/" + ZIPPED).select(".logs-tree"))
                .as("no manifest: the listing alone")
                .isEmpty();
    }

    @Test
    void theArtifactsAreLinkedThoseUnderItsOldLogFolderHere() {
        Document page = page("/" + FAILED);
        assertThat(page.select(".artifacts a").eachAttr("href"))
                .containsExactly("/" + FAILED + "logs/testr_results.html", "https://docs.example/310000/");
        assertThat(page.select(".artifacts li").eachText())
                .containsExactly("Unit test report", "Docs preview", "Sneaky");
        assertThat(page.select("a[href^=javascript]")).isEmpty();
        assertThat(page("/" + FAILED + "logs/").select(".artifacts")).isEmpty();
    }

    @Test
    void aFolderInsideTheBuildShowsNoReport() {
        assertThat(page("/" + FAILED + "logs/").select(".task-summary")).isEmpty();
    }

    private Document page(String path) {
        HttpResponse<String> answer = site.get(path, "Accept", Http.BROWSER_ACCEPT);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return Jsoup.parse(answer.body());
    }

    private static void put(LogStore store, String key, byte[] bytes) throws IOException {
        store.put(key, new ByteArrayInputStream(bytes), key.endsWith(".gz") ? "application/gzip" : "text/plain");
    }
}
