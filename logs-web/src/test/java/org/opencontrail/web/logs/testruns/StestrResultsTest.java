package org.opencontrail.web.logs.testruns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.SubunitPackets;

/**
 * A real run of Debian's stestr over a small real suite (every status subunit knows, a slow test,
 * hostile text), read through each path a build may keep it: stestr's repository file (subunit v1),
 * {@code stestr last --subunit} (v2), {@code subunit2junitxml}'s JUnit XML and stestr's console. The
 * totals match {@code subunit-stats} on the same stream, and every path gives the same tests.
 */
class StestrResultsTest {

    @TempDir
    static Path work;

    private static byte[] repositoryFile;
    private static byte[] v2;
    private static byte[] junit;
    private static byte[] console;
    private static String stats;

    @BeforeAll
    static void runStestr() throws Exception {
        Path suite = Path.of(StestrResultsTest.class
                        .getResource("/stestr-suite/.stestr.conf")
                        .toURI())
                .getParent();
        copy(suite, work);
        run(work, null, "stestr", "init");
        console = run(work, null, "stestr", "run");
        repositoryFile = Files.readAllBytes(work.resolve(".stestr/0"));
        v2 = run(work, null, "stestr", "last", "--subunit");
        junit = run(work, v2, "subunit2junitxml");
        stats = new String(run(work, v2, "subunit-stats", "--no-passthrough"), StandardCharsets.UTF_8);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    /** Runs a tool in a folder, feeding it {@code input}; its output (stestr run fails on purpose). */
    private static byte[] run(Path dir, byte[] input, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Thread feeder = new Thread(() -> {
            try (var in = process.getOutputStream()) {
                if (input != null) {
                    in.write(input);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        feeder.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as(String.join(" ", command))
                .isTrue();
        feeder.join();
        return out;
    }

    private static List<TestResult> read(
            java.util.function.BiFunction<InputStream, java.util.function.Consumer<TestResult>, ReadCounts> reader,
            byte[] bytes) {
        List<TestResult> results = new ArrayList<>();
        ReadCounts counts = reader.apply(new ByteArrayInputStream(bytes), results::add);
        assertThat(counts.damaged()).as(counts.problem()).isZero();
        assertThat(counts.results()).isEqualTo(results.size());
        return results;
    }

    /** Each test as pass, fail or skip: what every path can tell. */
    private static Map<String, String> outcomes(List<TestResult> results) {
        Map<String, String> outcomes = new TreeMap<>();
        for (TestResult result : results) {
            outcomes.put(
                    result.testId(),
                    result.status().failed() ? "fail" : result.status() == TestStatus.SKIP ? "skip" : "pass");
        }
        return outcomes;
    }

    private static long stat(String name) {
        Matcher m = Pattern.compile(name + ":\\s+(\\d+)").matcher(stats);
        assertThat(m.find()).as(stats).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void theTotalsAreSubunitStatsTotals() {
        List<TestResult> results = read((in, sink) -> new SubunitStream(".stestr/last").read(in, sink), v2);

        assertThat(results).hasSize((int) stat("Total tests"));
        assertThat(results.stream().filter(r -> r.status() == TestStatus.SKIP)).hasSize((int) stat("Skipped tests"));
        // subunit-stats counts an unexpected success as passed; stestr and this history call it a failure
        assertThat(results.stream().filter(r -> r.status() == TestStatus.FAIL)).hasSize((int) stat("Failed tests"));
        assertThat(results.stream().filter(r -> r.status() == TestStatus.UXSUCCESS))
                .hasSize(1);
        assertThat(results.stream().filter(r -> r.status() == TestStatus.XFAIL)).hasSize(1);
    }

    @Test
    void everyPathGivesTheSameTests() {
        Map<String, String> fromV2 = outcomes(read((in, sink) -> new SubunitStream("v2").read(in, sink), v2));
        Map<String, String> fromV1 =
                outcomes(read((in, sink) -> new SubunitText(".stestr/0").read(in, sink), repositoryFile));
        Map<String, String> fromJUnit = outcomes(read((in, sink) -> new JUnitXml("junit.xml").read(in, sink), junit));
        Map<String, String> fromConsole =
                outcomes(read((in, sink) -> new ConsoleTests("job-output.txt").read(in, sink), console));

        assertThat(fromV2).hasSize(9).containsEntry("demo.tests.test_results.Arithmetic.test_compares", "fail");
        assertThat(fromV1).isEqualTo(fromV2);
        assertThat(fromConsole).isEqualTo(fromV2);
        // JUnit has no word for an unexpected success: subunit2junitxml writes it as a failure, as stestr says
        assertThat(fromJUnit).isEqualTo(fromV2);
    }

    @Test
    void runTimesComeFromTheStream() {
        List<TestResult> results = read((in, sink) -> new SubunitStream("v2").read(in, sink), v2);
        TestResult slow = results.stream()
                .filter(r -> r.testId().endsWith("test_slow"))
                .findFirst()
                .orElseThrow();
        assertThat(slow.duration()).hasValueSatisfying(s -> assertThat(s).isBetween(0.29, 5.0));
        assertThat(slow.start()).isPresent();

        List<TestResult> fromV1 = read((in, sink) -> new SubunitText(".stestr/0").read(in, sink), repositoryFile);
        assertThat(fromV1.stream()
                        .filter(r -> r.testId().endsWith("test_slow"))
                        .findFirst()
                        .orElseThrow()
                        .duration())
                .hasValueSatisfying(s -> assertThat(s).isBetween(0.29, 5.0));
    }

    @Test
    void aGzippedStreamReadsTheSame() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(v2);
        }
        List<TestResult> results = new ArrayList<>();
        new SubunitStream("testrepository.subunit.gz")
                .read(new GZIPInputStream(new ByteArrayInputStream(zipped.toByteArray())), results::add);
        assertThat(results).hasSize(9);
    }

    @Test
    void aTruncatedStreamKeepsWhatCameBefore() {
        // three bytes past a packet's signature byte (0xb3) from the middle on: inside a packet, wherever
        // stestr's timings put its boundaries (a cut at the middle itself fell on one now and then)
        int at = v2.length / 2;
        while (v2[at] != (byte) 0xb3) {
            at++;
        }
        byte[] cut = java.util.Arrays.copyOf(v2, at + 3);
        List<TestResult> results = new ArrayList<>();

        ReadCounts counts = new SubunitStream("v2").read(new ByteArrayInputStream(cut), results::add);

        assertThat(counts.truncated()).isTrue();
        assertThat(counts.damaged()).isPositive();
        assertThat(results).isNotEmpty().hasSizeLessThan(9);
        assertThat(counts.problem()).contains("ends inside a packet");
    }

    @Test
    void aCorruptedPacketIsSkippedAndCountedAndTheRestIsRead() {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        byte[] a = SubunitPackets.test("pkg.A.test_one", SubunitPackets.SUCCESS, t, t.plusSeconds(1));
        byte[] b = SubunitPackets.test("pkg.A.test_two", SubunitPackets.FAIL, t, t.plusSeconds(2));
        byte[] c = SubunitPackets.test("pkg.A.test_three", SubunitPackets.SUCCESS, t, t.plusSeconds(3));
        byte[] stream = new byte[a.length + b.length + c.length];
        System.arraycopy(a, 0, stream, 0, a.length);
        System.arraycopy(b, 0, stream, a.length, b.length);
        System.arraycopy(c, 0, stream, a.length + b.length, c.length);
        stream[a.length + b.length - 6] ^= 0x55; // inside the second test's final packet

        List<TestResult> results = new ArrayList<>();
        ReadCounts counts = new SubunitStream("v2").read(new ByteArrayInputStream(stream), results::add);

        assertThat(results).extracting(TestResult::testId).containsExactly("pkg.A.test_one", "pkg.A.test_three");
        assertThat(counts.damaged()).isPositive();
        assertThat(counts.problem()).contains("checksum");
        assertThat(results.get(1).duration()).contains(3.0);
    }

    @Test
    void textAroundThePacketsIsCountedNotRead() {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        byte[] a = SubunitPackets.test("pkg.A.test_one", SubunitPackets.SUCCESS, t, t.plusMillis(250));
        byte[] noise = "Traceback: <script>\n".getBytes(StandardCharsets.UTF_8);
        byte[] stream = new byte[noise.length + a.length];
        System.arraycopy(noise, 0, stream, 0, noise.length);
        System.arraycopy(a, 0, stream, noise.length, a.length);

        List<TestResult> results = new ArrayList<>();
        ReadCounts counts = new SubunitStream("v2").read(new ByteArrayInputStream(stream), results::add);

        assertThat(results)
                .singleElement()
                .satisfies(r -> assertThat(r.duration()).contains(0.25));
        assertThat(counts.damaged()).isEqualTo(noise.length);
    }

    @Test
    void aMillionTestsAreReadInBoundedMemory() {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        int tests = 1_000_000;
        InputStream generated = new InputStream() {
            private int next;
            private byte[] current = new byte[0];
            private int at;

            @Override
            public int read() {
                if (at == current.length) {
                    if (next == tests) {
                        return -1;
                    }
                    current = SubunitPackets.test(
                            "pkg.module.Class.test_" + next,
                            next % 97 == 0 ? SubunitPackets.FAIL : SubunitPackets.SUCCESS,
                            t,
                            t.plusMillis(next % 1000));
                    next++;
                    at = 0;
                }
                return current[at++] & 0xFF;
            }
        };
        long[] counted = {0, 0};

        ReadCounts counts = new SubunitStream("big.subunit").read(generated, r -> {
            counted[0]++;
            counted[1] += r.status().failed() ? 1 : 0;
        });

        assertThat(counts.results()).isEqualTo(tests);
        assertThat(counted[1]).isEqualTo((tests + 96) / 97);
        assertThat(counts.damaged()).isZero();
    }
}
