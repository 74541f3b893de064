package org.opencontrail.web.deploy.sandbox.ci;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A build's console as its job writes it: the lines its {@code job-output.txt} will start with, each
 * written at its moment across the build's planned run, the same whenever asked (they are made from
 * its uuid). While it runs its console is the lines written by now; once it has ended, the stored
 * file, which adds how it ended.
 */
final class SandboxConsole {

    static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    /** A line and when the job writes it. */
    record Line(Instant at, String text) {}

    private SandboxConsole() {}

    /** What the job writes while it runs, in order. */
    static List<Line> body(SandboxItem item, SandboxBuild build) {
        Random random = new Random(build.uuid().hashCode());
        List<String> texts = new ArrayList<>(List.of(
                "[Zuul] Job: " + build.job().name(),
                "[Zuul] Pipeline: " + item.pipeline(),
                "[Zuul] Executor: ze01.opencontrail.org",
                "PLAY [all]",
                "TASK [prepare-workspace : Start zuul_console daemon.]",
                "ok: [primary]",
                "TASK [Clone " + item.project() + "]",
                "changed: [primary]",
                "TASK [Build " + build.job().name() + "]"));
        int noise = 40 + random.nextInt(80);
        for (int i = 0; i < noise; i++) {
            texts.add("primary | scons: building target build/production/"
                    + item.project().replace("Juniper/", "") + "/obj" + i + ".o");
        }
        Duration run = build.planned();
        List<Line> lines = new ArrayList<>(texts.size());
        for (int k = 0; k < texts.size(); k++) {
            Instant at = build.start().plusMillis(run.toMillis() * (k + 1) / (texts.size() + 1));
            lines.add(new Line(at, texts.get(k)));
        }
        return lines;
    }

    /** What a running build's job has written by {@code now}. */
    static String sofar(SandboxItem item, SandboxBuild build, Instant now) {
        StringBuilder console = new StringBuilder();
        for (Line line : body(item, build)) {
            if (line.at().isAfter(now)) {
                break;
            }
            append(console, line.at(), line.text());
        }
        return console.toString();
    }

    /** The whole console of an ended build, with its failure's lines when it failed. */
    static String ended(SandboxItem item, SandboxBuild build, List<String> failure) {
        StringBuilder console = new StringBuilder();
        body(item, build).forEach(line -> append(console, line.at(), line.text()));
        failure.forEach(line -> append(console, build.end(), "primary | " + line));
        append(
                console,
                build.end(),
                "[Zuul] Job complete, result: " + build.result().orElse("UNKNOWN"));
        return console.toString();
    }

    private static void append(StringBuilder console, Instant at, String text) {
        console.append(STAMP.format(at)).append(" | ").append(text).append('\n');
    }
}
