package org.opencontrail.web.logs.testruns;

import jakarta.inject.Singleton;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.opencontrail.web.logs.database.BuildRow;
import org.opencontrail.web.logs.database.TestRunWriter;
import org.opencontrail.web.logs.store.LogStore;

/**
 * Reads one build's test results from its stored files ({@link ResultFiles}) into runs to write.
 * Failures are held back (a few, usually) until the console has been searched for the line that
 * tells each of them, so every failure links to its line in the log.
 */
@Singleton
public final class BuildResults {

    /** Failures held back to find their console line; beyond, they are written without one. */
    private static final int HELD_FAILURES = 10_000;

    private final LogStore store;

    BuildResults(LogStore store) {
        this.store = store;
    }

    /** The build's files, under its folder. */
    public List<String> files(BuildRow build) throws IOException {
        String folder = folder(build);
        List<String> paths = new ArrayList<>();
        store.walk(folder, object -> paths.add(object.key().substring(folder.length())));
        return paths;
    }

    /** Reads the results of the build, whose files are {@code paths}, into {@code sink}. */
    public TestRunWriter.Summary read(BuildRow build, List<String> paths, Consumer<TestRunWriter.Run> sink) {
        ResultFiles files = ResultFiles.of(paths);
        List<TestResult> held = new ArrayList<>();
        long[] counts = {0, 0};
        Consumer<TestResult> keep = result -> {
            counts[0]++;
            if (result.status().failed()) {
                counts[1]++;
                if (held.size() < HELD_FAILURES) {
                    held.add(result);
                    return;
                }
            }
            sink.accept(run(result));
        };
        ReadCounts read = readAll(build, files, keep);
        String kind = files.kind();
        if (read.results() == 0
                && read.damaged() == 0
                && !"console".equals(kind)
                && files.console().isPresent()) {
            // XML files that were not JUnit, say: the console may still tell the tests
            kind = "console";
            read = readAll(
                    build, new ResultFiles("console", List.of(files.console().get()), files.console()), keep);
        }
        if (!held.isEmpty()) {
            Map<String, Long> lines = "console".equals(kind) ? Map.of() : failureLines(build, files.console(), held);
            for (TestResult failure : held) {
                Long line = lines.get(failure.testId());
                sink.accept(
                        run(line == null ? failure : failure.at(files.console().orElseThrow(), line)));
            }
        }
        return new TestRunWriter.Summary(
                read.results() == 0 && read.damaged() == 0 ? "none" : kind,
                counts[0],
                counts[1],
                read.damaged(),
                read.problem());
    }

    private ReadCounts readAll(BuildRow build, ResultFiles files, Consumer<TestResult> keep) {
        ReadCounts total = ReadCounts.NONE;
        for (String path : files.paths()) {
            try (InputStream in = open(build, path)) {
                ReadCounts counts = switch (files.kind()) {
                    case "subunit" -> subunit(in, path, keep);
                    case "junit" -> new JUnitXml(path).read(in, keep);
                    default -> new ConsoleTests(path).read(in, keep);
                };
                total = total.plus(counts);
            } catch (IOException e) {
                total = total.plus(new ReadCounts(0, 1, true, path + " could not be read: " + e.getMessage()));
            }
        }
        return total;
    }

    /**
     * A subunit stream, v2 (packets) or v1 (text, as stestr keeps its repository): a whole v2 packet
     * (its checksum right) in its first 64 KiB tells, whatever output leaked before it.
     */
    private static ReadCounts subunit(InputStream in, String path, Consumer<TestResult> keep) throws IOException {
        InputStream buffered = new BufferedInputStream(in, 64 * 1024);
        buffered.mark(64 * 1024);
        byte[] head = buffered.readNBytes(64 * 1024);
        buffered.reset();
        boolean packets = head.length > 0 && (head[0] & 0xFF) == 0xB3;
        for (int i = 0; i < head.length && !packets; i++) {
            packets = SubunitStream.packetAt(head, i);
        }
        return packets || head.length == 0
                ? new SubunitStream(path).read(buffered, keep)
                : new SubunitText(path).read(buffered, keep);
    }

    /** The console line of each failure the console tells. */
    private Map<String, Long> failureLines(BuildRow build, Optional<String> console, List<TestResult> failures) {
        Map<String, Long> lines = new HashMap<>();
        if (console.isEmpty()) {
            return lines;
        }
        java.util.Set<String> wanted = new java.util.HashSet<>();
        failures.forEach(f -> wanted.add(f.testId()));
        try (InputStream in = open(build, console.get())) {
            new ConsoleTests(console.get()).read(in, result -> {
                if (result.status().failed() && wanted.contains(result.testId())) {
                    lines.putIfAbsent(result.testId(), result.line());
                }
            });
        } catch (IOException e) {
            // the failures keep their result file as their link
        }
        return lines;
    }

    /** A stored file's bytes as the build wrote them, a gzip file (a {@code .gz} result) opened too. */
    private InputStream open(BuildRow build, String path) throws IOException {
        InputStream in = new BufferedInputStream(
                store.open(folder(build) + path).orElseThrow(() -> new IOException("no longer stored")), 64 * 1024);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first != 0x1f || second != 0x8b) {
            return in;
        }
        try {
            return new GZIPInputStream(in, 64 * 1024);
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    private static String folder(BuildRow build) {
        return build.root().endsWith("/") ? build.root() : build.root() + "/";
    }

    private static TestRunWriter.Run run(TestResult result) {
        return new TestRunWriter.Run(
                result.testId(),
                result.status().word(),
                result.start(),
                result.stop(),
                result.duration(),
                result.file(),
                result.line());
    }
}
