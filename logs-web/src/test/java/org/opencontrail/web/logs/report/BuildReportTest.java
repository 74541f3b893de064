package org.opencontrail.web.logs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A build's report read from job-output.json as Zuul's callback writes it: counts per host summed
 * over playbooks, the failed tasks as Zuul's Task Summary lists them (loop items, a non-zero return
 * code, not a failure its failed_when forgave), the console's statuses, and files that are cut
 * short, broken or too long read as far as they go.
 */
class BuildReportTest {

    private static final String PRE = """
            {"branch": "master", "index": "0", "phase": "pre", "playbook": "base/pre.yaml", "trusted": true,
             "plays": [{"play": {"id": "p1", "name": "all", "duration": {"start": "2026-11-20T10:00:00Z",
                                                                           "end": "2026-11-20T10:00:05.5Z"}},
               "tasks": [{"task": {"id": "t1", "name": "Start console",
                                    "duration": {"start": "2026-11-20T10:00:00.250000Z", "end": "2026-11-20T10:00:00.750000Z"}},
                          "role": {"id": "r1", "name": "prepare-workspace", "path": "/x/prepare-workspace"},
                          "hosts": {"primary": {"action": "zuul_console", "changed": false}}},
                         {"task": {"id": "t2", "name": "", "duration": {"start": "2026-11-20T10:00:01Z", "end": "2026-11-20T10:00:04Z"}},
                          "hosts": {"primary": {"action": "git", "changed": true},
                                    "secondary": {"action": "git", "unreachable": true, "msg": "ssh: no route"}}}]}],
             "stats": {"primary": {"ok": 2, "changed": 1, "failures": 0, "skipped": 0, "unreachable": 0, "rescued": 0, "ignored": 0},
                       "secondary": {"ok": 0, "changed": 0, "failures": 0, "skipped": 0, "unreachable": 1, "rescued": 0, "ignored": 0}}}
            """;

    private static final String RUN = """
            {"branch": "master", "index": "0", "phase": "run", "playbook": "jobs/run.yaml", "trusted": false,
             "plays": [{"play": {"id": "p2", "name": "build", "duration": {"start": "2026-11-20T10:01:00Z"}},
               "tasks": [{"task": {"id": "t3", "name": "Run tests", "duration": {"start": "2026-11-20T10:01:00Z", "end": "2026-11-20T10:03:05Z"}},
                          "hosts": {"primary": {"action": "shell", "changed": true, "failed": true, "rc": 2, "msg": "non-zero return code",
                                   "cmd": "make test", "invocation": {"module_args": {"_raw_params": "make <test>"}},
                                   "stdout": "ok\\n\\u001b[31mFAILED\\u001b[0m test_x",
                                   "stdout_lines": ["ok", "\\u001b[31mFAILED\\u001b[0m <script>alert(1)</script>"],
                                   "stderr_lines": []}}},
                         {"task": {"id": "t4", "name": "Check each", "duration": {"start": "2026-11-20T10:03:05Z", "end": "2026-11-20T10:03:06Z"}},
                          "hosts": {"primary": {"action": "command", "changed": false, "failed": true, "msg": "One or more items failed",
                                   "results": [{"item": "a", "rc": 0, "stdout_lines": ["fine"]},
                                               {"item": "b", "rc": 1, "failed": true, "msg": "b broke", "stdout_lines": ["b broke"]}]}}},
                         {"task": {"id": "t5", "name": "Lint", "duration": {"start": "2026-11-20T10:03:06Z", "end": "2026-11-20T10:03:07Z"}},
                          "hosts": {"primary": {"action": "shell", "changed": false, "rc": 1, "failed_when_result": false,
                                   "stdout_lines": ["warnings only"]}}},
                         {"task": {"id": "t6", "name": "Skip me", "duration": {"start": "2026-11-20T10:03:07Z", "end": "2026-11-20T10:03:07Z"}},
                          "hosts": {"primary": {"action": "debug", "skipped": true, "changed": false}}}]}],
             "stats": {"primary": {"ok": 2, "changed": 1, "failures": 2, "skipped": 1, "unreachable": 0, "rescued": 0, "ignored": 0}}}
            """;

    @Test
    void hostsAreCountedOverEveryPlaybookAndFailedTasksListedAsZuulDoes() {
        BuildReport report = read("[" + PRE + "," + RUN + "]");

        assertThat(report.problems()).isEmpty();
        assertThat(report.hosts())
                .extracting(
                        BuildReport.HostSummary::host,
                        BuildReport.HostSummary::ok,
                        BuildReport.HostSummary::changed,
                        BuildReport.HostSummary::failures)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("primary", 4L, 2L, 2L),
                        org.assertj.core.groups.Tuple.tuple("secondary", 0L, 0L, 0L));
        assertThat(report.failed())
                .extracting(BuildReport.FailedTask::name)
                .as("the shell task, and the loop's failed item; not the lint its failed_when forgave")
                .containsExactly("Run tests", "Check each");
        BuildReport.FailedTask tests = report.failed().get(0);
        assertThat(tests.cmd()).as("as written").isEqualTo("make <test>");
        assertThat(tests.rc()).isEqualTo("2");
        assertThat(tests.msg()).isEqualTo("non-zero return code");
        assertThat(String.join("\n", tests.shown()))
                .contains("&lt;script&gt;")
                .doesNotContain("<script>")
                .contains("<span class=\"ansi-");
        assertThat(report.failed().get(1).msg()).isEqualTo("b broke");
    }

    @Test
    void theConsoleHasEveryTaskOfEveryHostWithItsStatus() {
        BuildReport report = read("[" + PRE + "," + RUN + "]");

        assertThat(report.playbooks())
                .extracting(BuildReport.Playbook::title)
                .containsExactly("Pre playbook", "Run playbook");
        assertThat(report.playbooks().get(0).open()).as("passed, not the run").isFalse();
        assertThat(report.playbooks().get(1).open()).isTrue();
        List<BuildReport.Row> pre = report.playbooks().get(0).plays().get(0).rows();
        assertThat(pre)
                .extracting(BuildReport.Row::name, BuildReport.Row::host, BuildReport.Row::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("prepare-workspace: Start console", "primary", "OK"),
                        org.assertj.core.groups.Tuple.tuple("git", "primary", "Changed"),
                        org.assertj.core.groups.Tuple.tuple("git", "secondary", "Unreachable"));
        assertThat(pre.get(0).duration()).isEqualTo("< 1 s");
        List<BuildReport.Row> run = report.playbooks().get(1).plays().get(0).rows();
        assertThat(run).extracting(BuildReport.Row::status).containsExactly("Failed", "Failed", "OK", "Skipped");
        assertThat(run.get(0).failed()).isTrue();
        assertThat(run.get(0).duration()).isEqualTo("2 min");
        assertThat(run.get(0).anchor()).isEqualTo("task-1-0-0-primary");
        assertThat(report.failed().get(0).anchor()).isEqualTo(run.get(0).anchor());
        assertThat(run.get(0).outputs()).extracting(BuildReport.Output::key).containsExactly("msg", "cmd", "stdout");
    }

    @Test
    void aFileCutShortKeepsThePlaybooksBeforeTheCut() {
        String whole = "[" + PRE + "," + RUN + "]";
        BuildReport report = read(whole.substring(0, whole.indexOf("Check each")));

        assertThat(report.playbooks()).hasSize(1);
        assertThat(report.problems()).singleElement().asString().contains("second playbook");
    }

    @Test
    void whatIsNotAListOfPlaybooksIsSaidAndNothingElse() {
        assertThat(read("{\"not\": \"a list\"}").problems())
                .containsExactly("job-output.json is not a list of playbooks");
        assertThat(read("").problems()).isNotEmpty();
        assertThat(read("[1, " + PRE + "]").playbooks()).hasSize(1);
        assertThat(read("\u0000\u0001binary").problems()).isNotEmpty();
    }

    @Test
    void aFileLongerThanTheLimitIsReadUpToIt() {
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            many.append(i == 0 ? "" : ",").append(PRE);
        }
        many.append("]");
        JobOutput.Read read = JobOutput.read(
                new ByteArrayInputStream(many.toString().getBytes(StandardCharsets.UTF_8)), PRE.length() * 10L);

        assertThat(read.playbooks()).hasSizeBetween(8, 10);
        assertThat(read.problems()).singleElement().asString().contains("longer than");
    }

    private static BuildReport read(String json) {
        return BuildReport.of(JobOutput.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), 1 << 20));
    }
}
