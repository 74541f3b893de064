package org.opencontrail.web.logs.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencontrail.web.logs.lines.AnsiHtml;
import org.opencontrail.web.shared.text.Durations;

/**
 * What a build did, from its {@code job-output.json}, as Zuul's build page shows it: per host its
 * ok, changed and failed tasks summed over the playbooks; each failed task with its command, message,
 * exception and output (the last lines shown, the earlier ones folded, ANSI colours kept, every
 * text escaped); and the console, playbook by play by task and host, with each task's status and
 * duration, a failed one open and every row linkable.
 *
 * @param hosts     each host's counts
 * @param failed    the failed tasks, in the order they ran
 * @param playbooks the console
 * @param problems  what of the file could not be read, in words
 */
public record BuildReport(
        List<HostSummary> hosts, List<FailedTask> failed, List<Playbook> playbooks, List<String> problems) {

    /** Lines of a failed task's output shown; the earlier ones are folded, as Zuul folds them. */
    static final int SHOWN_LINES = 42;

    /** Lines of a failed task's output kept at most: the first ones beyond are dropped, and said so. */
    static final int KEPT_LINES = 2000;

    /** Rows of the console at most: a playbook of thousands of tasks is cut, and says how many more. */
    static final int CONSOLE_ROWS = 5000;

    public record HostSummary(String host, long ok, long changed, long failures, String css) {}

    /**
     * A failed task.
     *
     * @param anchor   its row in the console
     * @param cmd      the command as written, empty when none
     * @param shown    its output's last lines, as HTML
     * @param folded   the lines before them, as HTML
     * @param dropped  lines too many to keep, before the folded ones
     */
    public record FailedTask(
            String name,
            String host,
            String anchor,
            String cmd,
            String msg,
            String exception,
            String rc,
            List<String> shown,
            List<String> folded,
            long dropped) {

        /** Its row in the console, as a link. */
        public String link() {
            return "#" + anchor;
        }
    }

    public record Playbook(String title, String path, boolean trusted, boolean open, List<Play> plays) {}

    public record Play(String name, List<Row> rows) {}

    /**
     * One task on one host.
     *
     * @param anchor   its address on the page ({@code #task-PLAYBOOK-PLAY-TASK-HOST})
     * @param status   Failed, Changed, Skipped, Unreachable or OK
     * @param css      the status's class
     * @param outputs  its message, command and output, each as HTML
     */
    public record Row(
            String anchor,
            String name,
            String host,
            String status,
            String css,
            String duration,
            boolean failed,
            List<Output> outputs) {

        /** The row's own address on the page. */
        public String link() {
            return "#" + anchor;
        }
    }

    public record Output(String key, String html) {}

    /** The report of what was read of the file. */
    public static BuildReport of(JobOutput.Read read) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        List<FailedTask> failed = new ArrayList<>();
        List<Playbook> playbooks = new ArrayList<>();
        List<String> problems = new ArrayList<>(read.problems());
        int rows = 0;
        for (int p = 0; p < read.playbooks().size(); p++) {
            JsonNode playbook = read.playbooks().get(p);
            boolean playbookFailed = false;
            for (Iterator<Map.Entry<String, JsonNode>> stats =
                            playbook.path("stats").fields();
                    stats.hasNext(); ) {
                Map.Entry<String, JsonNode> host = stats.next();
                long[] c = counts.computeIfAbsent(host.getKey(), h -> new long[3]);
                c[0] += host.getValue().path("ok").asLong();
                c[1] += host.getValue().path("changed").asLong();
                c[2] += host.getValue().path("failures").asLong();
            }
            List<Play> plays = new ArrayList<>();
            JsonNode playList = playbook.path("plays");
            for (int y = 0; y < playList.size(); y++) {
                JsonNode play = playList.get(y);
                List<Row> playRows = new ArrayList<>();
                JsonNode tasks = play.path("tasks");
                for (int t = 0; t < tasks.size(); t++) {
                    JsonNode task = tasks.get(t);
                    String name = taskName(task);
                    String duration = duration(task.path("task").path("duration"));
                    for (Iterator<Map.Entry<String, JsonNode>> hosts =
                                    task.path("hosts").fields();
                            hosts.hasNext(); ) {
                        Map.Entry<String, JsonNode> host = hosts.next();
                        JsonNode result = host.getValue();
                        String anchor = "task-" + p + "-" + y + "-" + t + "-" + slug(host.getKey());
                        boolean rowFailed = marked(result);
                        playbookFailed |= rowFailed;
                        if (rows < CONSOLE_ROWS) {
                            playRows.add(new Row(
                                    anchor,
                                    name,
                                    host.getKey(),
                                    status(result),
                                    "task-" + status(result).toLowerCase(java.util.Locale.ROOT),
                                    duration,
                                    rowFailed,
                                    outputs(result)));
                        }
                        rows++;
                        if (hostFailed(playbook, host.getKey())) {
                            failures(name, host.getKey(), anchor, result, failed);
                        }
                    }
                }
                plays.add(new Play(play.path("play").path("name").asText(""), playRows));
            }
            String phase = playbook.path("phase").asText("");
            playbooks.add(new Playbook(
                    (phase.isEmpty() ? "" : Character.toUpperCase(phase.charAt(0)) + phase.substring(1) + " ")
                            + "playbook",
                    playbook.path("playbook").asText(""),
                    playbook.path("trusted").asBoolean(false),
                    playbookFailed || phase.equals("run"),
                    plays));
        }
        if (rows > CONSOLE_ROWS) {
            problems.add("the console shows the first " + CONSOLE_ROWS + " of " + rows + " task results");
        }
        List<HostSummary> hosts = new ArrayList<>();
        counts.forEach((host, c) ->
                hosts.add(new HostSummary(host, c[0], c[1], c[2], c[2] > 0 ? "result-failure" : "result-success")));
        return new BuildReport(hosts, failed, playbooks, problems);
    }

    /**
     * The results the page lists as failed tasks, by where they are in the file
     * ({@code playbook/play/task/host}, and {@code /item} for a loop's item), each with the fields it has.
     */
    static Map<String, java.util.Set<String>> failedResults(JobOutput.Read read) {
        Map<String, java.util.Set<String>> failed = new LinkedHashMap<>();
        for (int p = 0; p < read.playbooks().size(); p++) {
            JsonNode playbook = read.playbooks().get(p);
            JsonNode plays = playbook.path("plays");
            for (int y = 0; y < plays.size(); y++) {
                JsonNode tasks = plays.get(y).path("tasks");
                for (int t = 0; t < tasks.size(); t++) {
                    for (Iterator<Map.Entry<String, JsonNode>> hosts =
                                    tasks.get(t).path("hosts").fields();
                            hosts.hasNext(); ) {
                        Map.Entry<String, JsonNode> host = hosts.next();
                        if (!hostFailed(playbook, host.getKey())) {
                            continue;
                        }
                        String key = p + "/" + y + "/" + t + "/" + host.getKey();
                        JsonNode result = host.getValue();
                        JsonNode items = result.path("results");
                        if (items.isArray() && !items.isEmpty()) {
                            for (int i = 0; i < items.size(); i++) {
                                if (items.get(i).isObject() && taskFailed(items.get(i))) {
                                    failed.put(key + "/" + i, fields(items.get(i)));
                                }
                            }
                        } else if (taskFailed(result)) {
                            failed.put(key, fields(result));
                        }
                    }
                }
            }
        }
        return failed;
    }

    private static java.util.Set<String> fields(JsonNode result) {
        java.util.Set<String> names = new java.util.HashSet<>();
        result.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Whether the host failed in this playbook: only then are its failed tasks listed, as Zuul lists them. */
    private static boolean hostFailed(JsonNode playbook, String host) {
        return playbook.path("stats").path(host).path("failures").asLong() > 0;
    }

    /** A result that failed, or a loop item that did; each one listed. */
    private static void failures(String name, String host, String anchor, JsonNode result, List<FailedTask> into) {
        JsonNode items = result.path("results");
        if (items.isArray() && !items.isEmpty()) {
            for (JsonNode item : items) {
                if (item.isObject() && taskFailed(item)) {
                    into.add(failedTask(name, host, anchor, item));
                }
            }
        } else if (taskFailed(result)) {
            into.add(failedTask(name, host, anchor, result));
        }
    }

    /** A non-zero return code (unless {@code failed_when} said it is no failure), or {@code failed}. */
    private static boolean taskFailed(JsonNode result) {
        boolean rc = result.path("rc").asInt(0) != 0
                && !(result.has("failed_when_result")
                        && !result.path("failed_when_result").asBoolean(true));
        return rc || result.path("failed").asBoolean(false);
    }

    /** Failed for the console: itself or any of its loop's items. */
    private static boolean marked(JsonNode result) {
        if (result.path("failed").asBoolean(false)) {
            return true;
        }
        for (JsonNode item : result.path("results")) {
            if (item.isObject() && marked(item)) {
                return true;
            }
        }
        return false;
    }

    private static FailedTask failedTask(String name, String host, String anchor, JsonNode result) {
        List<String> lines = new ArrayList<>();
        result.path("stdout_lines").forEach(l -> lines.add(l.asText()));
        if (lines.isEmpty() && result.hasNonNull("stdout")) {
            lines.addAll(List.of(result.path("stdout").asText().split("\n", -1)));
        }
        result.path("stderr_lines").forEach(l -> lines.add(l.asText()));
        if (!result.has("stderr_lines") && !result.path("stderr").asText("").isEmpty()) {
            lines.addAll(List.of(result.path("stderr").asText().split("\n", -1)));
        }
        long dropped = Math.max(0, lines.size() - KEPT_LINES);
        List<String> kept = lines.subList((int) dropped, lines.size());
        int split = Math.max(0, kept.size() - SHOWN_LINES);
        return new FailedTask(
                name,
                host,
                anchor,
                command(result),
                text(result.path("msg")),
                result.path("exception").asText(""),
                result.has("rc") ? result.path("rc").asText() : "",
                html(kept.subList(split, kept.size())),
                html(kept.subList(0, split)),
                dropped);
    }

    /** A value as text: a string as it is, nothing for none, anything else as its JSON. */
    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "" : value.isTextual() ? value.asText() : value.toString();
    }

    /** The command as written ({@code invocation.module_args._raw_params}), else {@code cmd}. */
    private static String command(JsonNode result) {
        String raw = result.path("invocation")
                .path("module_args")
                .path("_raw_params")
                .asText("");
        if (!raw.isEmpty()) {
            return raw;
        }
        JsonNode cmd = result.path("cmd");
        if (cmd.isArray()) {
            List<String> words = new ArrayList<>();
            cmd.forEach(w -> words.add(w.asText()));
            return String.join(" ", words);
        }
        return cmd.asText("");
    }

    private static List<Output> outputs(JsonNode result) {
        List<Output> outputs = new ArrayList<>();
        for (String key : List.of("msg", "cmd", "stdout", "stderr")) {
            JsonNode value = result.path(key);
            if (value.isMissingNode()
                    || value.isNull()
                    || (value.isTextual() && value.asText().isEmpty())) {
                continue;
            }
            String text = key.equals("cmd") ? command(result) : value.isTextual() ? value.asText() : value.toString();
            String[] lines = text.split("\n", -1);
            StringBuilder html = new StringBuilder();
            int from = Math.max(0, lines.length - KEPT_LINES);
            for (int i = from; i < lines.length; i++) {
                html.append(AnsiHtml.html(lines[i])).append('\n');
            }
            outputs.add(new Output(key, html.toString()));
        }
        return outputs;
    }

    private static String status(JsonNode result) {
        if (result.path("failed").asBoolean(false)) {
            return "Failed";
        }
        if (result.path("unreachable").asBoolean(false)) {
            return "Unreachable";
        }
        if (result.path("changed").asBoolean(false)) {
            return "Changed";
        }
        if (result.path("skipped").asBoolean(false)) {
            return "Skipped";
        }
        return "OK";
    }

    private static String taskName(JsonNode task) {
        String name = task.path("task").path("name").asText("");
        if (name.isEmpty()) {
            JsonNode first = task.path("hosts").elements().hasNext()
                    ? task.path("hosts").elements().next()
                    : null;
            name = first == null ? "" : first.path("action").asText("");
        }
        String role = task.path("role").path("name").asText("");
        return role.isEmpty() ? name : role + ": " + name;
    }

    /** A task's duration in words, from its start and end (ISO, in UTC, with or without a fraction). */
    private static String duration(JsonNode duration) {
        Optional<Instant> start = time(duration.path("start").asText(""));
        Optional<Instant> end = time(duration.path("end").asText(""));
        if (start.isEmpty() || end.isEmpty()) {
            return "";
        }
        Duration took = Duration.between(start.get(), end.get());
        return took.toSeconds() < 1 ? "< 1 s" : Durations.words(took);
    }

    private static Optional<Instant> time(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.endsWith("Z") ? text : text + "Z"));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static List<String> html(List<String> lines) {
        return lines.stream().map(AnsiHtml::html).toList();
    }

    /** A host's name as part of an address: letters, digits, dots and dashes. */
    private static String slug(String host) {
        return host.replaceAll("[^A-Za-z0-9.-]", "_");
    }
}
