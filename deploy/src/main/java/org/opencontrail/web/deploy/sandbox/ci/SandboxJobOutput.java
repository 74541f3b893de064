package org.opencontrail.web.deploy.sandbox.ci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.opencontrail.web.shared.json.ForeignJson;

/**
 * A build's {@code job-output.json} as Zuul's {@code zuul_json} callback writes it: one entry per
 * playbook run (pre, run, post), each with its plays, tasks, every host's result and the hosts'
 * stats, keys sorted, times in UTC with a {@code Z}. A failed build's run playbook has a task that
 * failed with its command, return code, message and output, as a real job's build step fails.
 */
final class SandboxJobOutput {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

    private SandboxJobOutput() {}

    /** The file of a build; its own numbers drawn from its uuid, so the sandbox's other draws stay as they were. */
    static String of(SandboxItem item, SandboxBuild build, String failureLine) {
        Random random = new Random(build.uuid().hashCode());
        boolean failed = build.result().map(r -> !r.equals("SUCCESS")).orElse(false);
        Instant start = build.start();
        Instant end = build.end();
        long span = Math.max(3, end.getEpochSecond() - start.getEpochSecond());
        Instant runStart = start.plusSeconds(span / 10);
        Instant postStart = end.minusSeconds(Math.max(1, span / 10));
        ArrayNode playbooks = ForeignJson.array();
        playbooks.add(playbook(
                "pre",
                "opencontrail/zuul-jobs/playbooks/base/pre.yaml",
                true,
                start,
                List.of(
                        task("prepare-workspace", "Start zuul_console daemon.", "zuul_console", start, false, ok()),
                        task("", "Clone " + item.project(), "git", start.plusSeconds(1), true, ok())),
                false));
        ObjectNode build_ = command(
                "cd src/" + item.project() + " && scons -j4 " + build.job().name(),
                failed,
                failed
                        ? List.of(
                                "scons: building targets ...",
                                failureLine,
                                "ERROR: the build of " + build.job().name() + " failed")
                        : List.of("scons: building targets ...", "scons: done building targets."),
                random);
        playbooks.add(playbook(
                "run",
                "Juniper/contrail-project-config/playbooks/" + build.job().name() + "/run.yaml",
                false,
                runStart,
                List.of(
                        task("", "Install build dependencies", "package", runStart, true, ok()),
                        task("", "Build " + build.job().name(), "shell", runStart.plusSeconds(2), true, build_)),
                failed));
        playbooks.add(playbook(
                "post",
                "opencontrail/zuul-jobs/playbooks/base/post-logs.yaml",
                true,
                postStart,
                List.of(task("upload-logs", "Upload logs to the log server", "copy", postStart, true, ok())),
                false));
        return playbooks.toPrettyString() + "\n";
    }

    private static ObjectNode playbook(
            String phase, String path, boolean trusted, Instant start, List<ObjectNode> tasks, boolean failed) {
        ObjectNode playbook = ForeignJson.object();
        playbook.put("branch", "master");
        playbook.put("index", "0");
        playbook.put("phase", phase);
        playbook.put("playbook", path);
        ObjectNode play = playbook.putArray("plays").addObject();
        ObjectNode info = play.putObject("play");
        info.put("id", "0242ac11-0002-" + phase);
        info.put("name", "all");
        info.putObject("duration")
                .put("start", ISO.format(start))
                .put("end", ISO.format(start.plusSeconds(tasks.size() * 3L)));
        ArrayNode list = play.putArray("tasks");
        tasks.forEach(list::add);
        ObjectNode stats = playbook.putObject("stats").putObject("primary");
        stats.put("changed", tasks.size() - 1);
        stats.put("failures", failed ? 1 : 0);
        stats.put("ignored", 0);
        stats.put("ok", failed ? tasks.size() - 1 : tasks.size());
        stats.put("rescued", 0);
        stats.put("skipped", 0);
        stats.put("unreachable", 0);
        playbook.put("trusted", trusted);
        return playbook;
    }

    private static ObjectNode task(
            String role, String name, String action, Instant start, boolean changed, ObjectNode result) {
        ObjectNode task = ForeignJson.object();
        result.put("action", action);
        result.put("changed", changed);
        task.putObject("hosts").set("primary", result);
        if (!role.isEmpty()) {
            task.putObject("role")
                    .put("id", "0242ac11-role")
                    .put("name", role)
                    .put("path", "/var/lib/zuul/roles/" + role);
        }
        ObjectNode info = task.putObject("task");
        info.putObject("duration").put("end", ISO.format(start.plusSeconds(2))).put("start", ISO.format(start));
        info.put("id", "0242ac11-task-" + Integer.toHexString(name.hashCode()));
        info.put("name", name);
        return task;
    }

    private static ObjectNode ok() {
        return ForeignJson.object();
    }

    /** A shell task's result: its command, return code and output; a failed one says so. */
    private static ObjectNode command(String cmd, boolean failed, List<String> output, Random random) {
        ObjectNode result = ForeignJson.object();
        result.put("cmd", cmd);
        result.put("delta", "0:00:" + (10 + random.nextInt(40)) + ".000000");
        if (failed) {
            result.put("failed", true);
            result.put("msg", "non-zero return code");
        }
        result.putObject("invocation").putObject("module_args").put("_raw_params", cmd);
        result.put("rc", failed ? 2 : 0);
        result.put("stderr", "");
        result.putArray("stderr_lines");
        result.put("stdout", String.join("\n", output));
        ArrayNode lines = result.putArray("stdout_lines");
        output.forEach(lines::add);
        result.put("zuul_log_id", "0242ac11-log-" + random.nextInt(1_000_000));
        return result;
    }
}
