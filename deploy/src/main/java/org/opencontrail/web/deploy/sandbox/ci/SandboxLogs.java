package org.opencontrail.web.deploy.sandbox.ci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opencontrail.web.shared.json.ForeignJson;

/**
 * Writes each finished build's logs in the logs.openstack.org layout, most with a zuul-manifest.json,
 * the way a job's post-run uploaded them: its console (job-output.txt, what {@link SandboxConsole}
 * streamed while it ran, and how it ended) and a few files under logs/.
 * Failed builds carry real failure lines from public CI logs.
 */
public final class SandboxLogs {

    private static final DateTimeFormatter STAMP = SandboxConsole.STAMP;
    private static final DateTimeFormatter SYSLOG =
            DateTimeFormatter.ofPattern("MMM dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Path root;
    private final List<String> failureLines;
    private final SandboxTestRuns testRuns;

    public SandboxLogs(Path root, SandboxTestRuns testRuns) {
        this.root = root;
        this.testRuns = testRuns;
        this.failureLines = readFailureLines();
    }

    public Path root() {
        return root;
    }

    private static List<String> readFailureLines() {
        try (InputStream in = SandboxLogs.class.getResourceAsStream("/sandbox/failure-lines.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The layout path of a build: {@code NN/CHANGE/PS/PIPELINE/JOB/UUID7/} for changes,
     * {@code NEWREV[:2]/NEWREV/PIPELINE/JOB/UUID7/} for ref updates, {@code PIPELINE/PROJECT/BRANCH/JOB/UUID7/}
     * for periodic builds.
     */
    public static String path(SandboxItem item, SandboxBuild build) {
        String uuid7 = build.uuid().substring(0, 7);
        if (item.change() != null) {
            int change = item.change().number();
            String nn = String.format("%02d", change % 100);
            return nn + "/" + change + "/" + item.patchSet() + "/" + item.pipeline() + "/"
                    + build.job().name() + "/" + uuid7 + "/";
        }
        if (item.pipeline().startsWith("periodic")) {
            return item.pipeline() + "/" + item.project() + "/" + item.branch() + "/"
                    + build.job().name() + "/" + uuid7 + "/";
        }
        return item.newrev().substring(0, 2) + "/" + item.newrev() + "/" + item.pipeline() + "/"
                + build.job().name() + "/" + uuid7 + "/";
    }

    /** Writes the build's files under its path. */
    public void write(SandboxItem item, SandboxBuild build, Random random) {
        Path dir = root.resolve(path(item, build));
        try {
            Files.createDirectories(dir.resolve("logs"));
            boolean failed = build.result().map(r -> !r.equals("SUCCESS")).orElse(false);
            String line = failed
                    ? failureLines.get(build.failureLine().orElseGet(() -> random.nextInt(failureLines.size())))
                    : "";
            List<String> ended = new java.util.ArrayList<>();
            if (SandboxTestRuns.runsUnitTests(build.job().name())) {
                // its unit tests, as stestr ran them: the stream and the JUnit file published, the lines printed
                java.util.Optional<SandboxTestRuns.Run> tests = testRuns.take(failed);
                if (tests.isPresent()) {
                    Files.write(
                            dir.resolve("logs/testrepository.subunit"),
                            tests.get().subunit());
                    Files.write(dir.resolve("logs/junit.xml"), tests.get().junit());
                    ended.addAll(tests.get().console());
                }
            }
            if (failed) {
                ended.add(line);
                ended.add("ERROR: the build of " + build.job().name() + " failed");
            }
            String console = SandboxConsole.ended(item, build, ended);
            Files.writeString(dir.resolve("job-output.txt"), console);
            Files.writeString(dir.resolve("job-output.json"), SandboxJobOutput.of(item, build, line));
            StringBuilder syslog = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                Instant at = build.start().plusSeconds(i * 30L);
                syslog.append(SYSLOG.format(at))
                        .append(" primary kernel: [")
                        .append(1000 + i * 30)
                        .append(".000000] ")
                        .append(
                                i % 7 == 3
                                        ? "vrouter: Loading vrouter kernel module"
                                        : "IPv6: ADDRCONF(NETDEV_UP): vhost0: link is not ready")
                        .append('\n');
            }
            Files.writeString(dir.resolve("logs/syslog.txt"), syslog);
            Files.writeString(
                    dir.resolve("logs/contrail-control.log"),
                    STAMP.format(build.start())
                            + " SYS_NOTICE BgpPeer: 10.0.0.1 state Established\n"
                            + (failed
                                    ? STAMP.format(build.end()) + " SYS_ERR XmppChannel: connection to 10.0.0.2 lost\n"
                                    : ""));
            if (build.job().name().contains("unittest")) {
                Files.writeString(dir.resolve("logs/testr_results.html"), testrResults(build, failed));
            }
            if (hasManifest(build.uuid())) {
                Files.writeString(dir.resolve("zuul-manifest.json"), manifest(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A unit test report as subunit2html writes it: a page with its own style and script (which a
     * log server must show without running it in its origin).
     */
    private static String testrResults(SandboxBuild build, boolean failed) {
        return """
                <!DOCTYPE html>
                <html><head><title>Unit Test Report</title>
                <style>body { font-family: sans-serif; } .failCase { color: #c00; } .hiddenRow { display: none; }</style>
                <script type="text/javascript">
                function showCase(level) { document.title = 'showCase ' + level; }
                window.addEventListener('load', function () { showCase(%d); });
                </script></head>
                <body><h1>Unit Test Report</h1>
                <p>Start Time: %s</p><p>Status: %s</p>
                <table id="result_table"><tr><td>%s</td><td class="%s">%s</td></tr></table>
                </body></html>
                """.formatted(
                        failed ? 1 : 0,
                        STAMP.format(build.start()),
                        failed ? "Fail 1" : "Pass 212",
                        build.job().name(),
                        failed ? "failCase" : "passCase",
                        failed ? "fail" : "pass");
    }

    /**
     * Whether a build's logs come with a zuul-manifest.json: a quarter do not (uuids starting 0 to 3),
     * as logs published by older jobs did not, so that consumers must also read directory indexes.
     */
    public static boolean hasManifest(String uuid) {
        return !uuid.isEmpty() && "0123".indexOf(uuid.charAt(0)) < 0;
    }

    private String manifest(Path dir) throws IOException {
        ObjectNode tree = ForeignJson.object();
        tree.set("tree", children(dir));
        tree.put("index_links", false);
        return tree.toPrettyString();
    }

    private ArrayNode children(Path dir) throws IOException {
        ArrayNode list = ForeignJson.array();
        List<Path> entries = new ArrayList<>();
        try (var stream = Files.list(dir)) {
            stream.sorted().forEach(entries::add);
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.equals("zuul-manifest.json")) {
                continue;
            }
            ObjectNode node = list.addObject();
            node.put("name", name);
            if (Files.isDirectory(entry)) {
                node.put("mimetype", "application/directory");
                node.put("encoding", (String) null);
                node.set("children", children(entry));
            } else {
                node.put("mimetype", "text/plain");
                node.put("encoding", (String) null);
                node.put("last_modified", Files.getLastModifiedTime(entry).toMillis() / 1000);
                node.put("size", Files.size(entry));
            }
        }
        return list;
    }
}
