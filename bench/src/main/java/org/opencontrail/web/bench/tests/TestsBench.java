package org.opencontrail.web.bench.tests;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencontrail.web.bench.AppProcess;
import org.opencontrail.web.bench.BenchOptions;
import org.opencontrail.web.bench.Quantiles;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.shared.io.Trees;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./suite bench tests}: every test's history on logs-web.
 *
 * <ol>
 *   <li><b>Read and store.</b> {@code --builds} tempest-sized runs (1,500 tests each, as subunit v2
 *       streams) are uploaded to a real logs-web, which reads each into its builds database as the
 *       build is stored; its own timer ({@code logs_test_results_read}) gives the time from the
 *       build's files to its runs committed. The anchor, in the same run: subunit's own
 *       {@code subunit-stats} reading the same stream (reading alone, storing nothing).
 *   <li><b>A test's history.</b> {@code --runs} (10,000,000) test runs over 60 days are written
 *       into logs-web's embedded database through its own schema, then each question is asked
 *       {@code --asks} times of random tests: a test's 30-day history as JSON, openstack-health's
 *       shape, the test's page, and a search of the test ids. openstack-health, the anchor of these
 *       pages, was retired in 2022 and cannot run here: the goals stand alone.
 * </ol>
 */
public final class TestsBench {

    private static final String TOKEN = "bench-tests-token";
    private static final double READ_GOAL_S = 1.0;
    private static final double HISTORY_GOAL_MS = 100;

    private final HttpClient http = Http.builder().build();

    private TestsBench() {}

    @Command(
            name = "bench tests",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Test results read and stored, and a test's history over ten million runs.")
    static final class Options {
        @Option(names = "--jar", required = true, description = "logs-web's jar")
        Path jar;

        @Option(
                names = "--builds",
                defaultValue = "30",
                description = "tempest-sized runs uploaded (default: ${DEFAULT-VALUE})")
        int builds;

        @Option(
                names = "--runs",
                defaultValue = "10000000",
                description = "test runs in the database for the history (default: ${DEFAULT-VALUE})")
        long runs;

        @Option(
                names = "--asks",
                defaultValue = "200",
                description = "times each question is asked (default: ${DEFAULT-VALUE})")
        int asks;

        @Option(
                names = "--out",
                defaultValue = "target/bench-tests.txt",
                description = "a copy of the report (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--work", defaultValue = "target/bench-tests", description = "where the databases go")
        Path work;
    }

    public static void main(String[] args) throws Exception {
        new TestsBench().run(BenchOptions.parse(new Options(), args));
    }

    private void run(Options options) throws Exception {
        PrintStream out = System.out;
        Path work = options.work.toAbsolutePath();
        Trees.delete(work);
        Files.createDirectories(work);
        List<String> ids = TempestRun.ids(TempestRun.TESTS);
        List<String> report = new ArrayList<>();
        report.add(String.format(
                Locale.ROOT,
                "test history: %d tempest-sized runs read, %,d runs in the database, %d asks, %d cores",
                options.builds,
                options.runs,
                options.asks,
                Runtime.getRuntime().availableProcessors()));
        report.add(
                String.format(Locale.ROOT, "%-58s %12s %12s %8s %s", "figure", "logs-web", "anchor", "ratio", "goal"));
        readAndStore(options, work.resolve("read"), ids, report, out);
        history(options, work.resolve("history"), ids, report, out);
        out.println();
        report.forEach(out::println);
        Files.createDirectories(options.out.toAbsolutePath().getParent());
        Files.write(options.out, report);
    }

    private void readAndStore(Options options, Path logsDir, List<String> ids, List<String> report, PrintStream out)
            throws Exception {
        Files.createDirectories(logsDir);
        List<String> properties =
                List.of("-Dlogs.dir=" + logsDir, "-Dlogs.upload-tokens=" + TOKEN, "-Dlogs.tests.catch-up=2s");
        List<byte[]> streams = new ArrayList<>();
        Instant start = Instant.now().minus(Duration.ofHours(2));
        for (int i = 0; i < options.builds; i++) {
            streams.add(TempestRun.stream(ids, start.plus(Duration.ofMinutes(i)), i));
        }
        out.printf(
                Locale.ROOT,
                "Uploading %d runs of %,d tests (%,d bytes each)...%n",
                options.builds,
                ids.size(),
                streams.get(0).length);
        try (AppProcess app =
                AppProcess.start(options.jar, List.of("-Xmx1g"), properties, logsDir.resolve("logs-web.log"))) {
            app.awaitReady("/health");
            HexFormat hex = HexFormat.of();
            for (int i = 0; i < options.builds; i++) {
                int change = 700_000 + i;
                String uuid7 =
                        hex.formatHex(new byte[] {(byte) 0xbe, (byte) i, 0, 0}).substring(0, 7);
                String path = "/upload/" + change % 100 + "/" + change + "/1/check/tempest-full/" + uuid7
                        + "/logs/testrepository.subunit";
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(app.url(path))
                                .header("Authorization", "Bearer " + TOKEN)
                                .header("Content-Type", "application/octet-stream")
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(streams.get(i)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() / 100 != 2) {
                    throw new IllegalStateException(path + " answered " + answer.statusCode() + ": " + answer.body());
                }
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (metric(app, "logs_test_results_builds_read_total") < options.builds) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("logs-web read "
                            + metric(app, "logs_test_results_builds_read_total") + " of " + options.builds
                            + " builds' results in five minutes");
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
            double p50 = metric(app, "logs_test_results_read_seconds{quantile=\"0.5\"");
            double p99 = metric(app, "logs_test_results_read_seconds{quantile=\"0.99\"");
            double max = metric(app, "logs_test_results_read_seconds_max");
            double runs = metric(app, "logs_test_results_runs_total");
            List<Double> anchor = new ArrayList<>();
            for (int i = 0; i < Math.min(10, options.builds); i++) {
                anchor.add(subunitStats(streams.get(i)));
            }
            double anchor50 = Quantiles.of(anchor, 0.5);
            report.add(row("a tempest run (1,500 tests) read and stored, p50", p50, anchor50, "s", ""));
            report.add(row(
                    "  p99",
                    p99,
                    Quantiles.of(anchor, 0.99),
                    "s",
                    String.format(Locale.ROOT, "< %.0f s: %s", READ_GOAL_S, p99 < READ_GOAL_S ? "met" : "not met")));
            report.add(row("  slowest", max, Quantiles.of(anchor, 1.0), "s", ""));
            report.add(String.format(
                    Locale.ROOT, "  runs stored: %,.0f of %,d", runs, (long) options.builds * ids.size()));
            report.add("  anchor: subunit-stats (python3-subunit) reading the same stream, storing nothing");
        }
    }

    private void history(Options options, Path logsDir, List<String> ids, List<String> report, PrintStream out)
            throws Exception {
        Files.createDirectories(logsDir);
        List<String> properties = List.of("-Dlogs.dir=" + logsDir, "-Dlogs.tests.catch-up=1h");
        Path log = logsDir.resolve("logs-web.log");
        out.println("Making the schema (logs-web's migrations)...");
        try (AppProcess app = AppProcess.start(options.jar, List.of("-Xmx1g"), properties, log)) {
            app.awaitReady("/health");
        }
        out.printf(Locale.ROOT, "Writing %,d test runs...%n", options.runs);
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(
                "jdbc:h2:file:" + logsDir.resolve("database").resolve("builds"), "sa", "")) {
            write(c, ids, options.runs, out);
        }
        out.printf(Locale.ROOT, "  written in %.0f s%n", (System.nanoTime() - started) / 1e9);
        long bytes;
        try (var files = Files.walk(logsDir.resolve("database"))) {
            bytes = files.filter(Files::isRegularFile)
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        }
        report.add(String.format(
                Locale.ROOT,
                "the embedded database with %,d runs: %,d MB on disk (%.0f bytes a run)",
                options.runs,
                bytes >> 20,
                (double) bytes / options.runs));
        Map<String, String> questions = new LinkedHashMap<>();
        questions.put("a test's 30-day history, JSON (/api/test/ID)", "/api/test/%s?days=30");
        questions.put("openstack-health's shape (/api/test_runs/ID)", "/api/test_runs/%s?days=30");
        questions.put("the test's page, plots drawn (/test/ID)", "/test/%s?days=30");
        try (AppProcess app = AppProcess.start(options.jar, List.of("-Xmx1g"), properties, log)) {
            app.awaitReady("/health");
            Random random = new Random(30);
            for (int warm = 0; warm < 20; warm++) {
                for (String question : questions.values()) {
                    app.askMillis(http, question.formatted(path(ids.get(random.nextInt(ids.size())))));
                }
            }
            for (Map.Entry<String, String> question : questions.entrySet()) {
                out.println("  " + question.getKey());
                List<Double> ms = new ArrayList<>();
                for (int i = 0; i < options.asks; i++) {
                    ms.add(app.askMillis(
                            http, question.getValue().formatted(path(ids.get(random.nextInt(ids.size()))))));
                }
                double p99 = Quantiles.of(ms, 0.99);
                report.add(row(question.getKey() + ", p50", Quantiles.of(ms, 0.5), Double.NaN, "ms", ""));
                report.add(row(
                        "  p99",
                        p99,
                        Double.NaN,
                        "ms",
                        question.getKey().startsWith("a test's")
                                ? String.format(
                                        Locale.ROOT,
                                        "< %.0f ms: %s",
                                        HISTORY_GOAL_MS,
                                        p99 < HISTORY_GOAL_MS ? "met" : "not met")
                                : ""));
            }
            List<Double> found = new ArrayList<>();
            for (int i = 0; i < Math.min(20, options.asks); i++) {
                found.add(app.askMillis(http, "/api/tests?q=operation_" + random.nextInt(ids.size()) + "%5B&days=30"));
            }
            report.add(row(
                    "finding a test by part of its id, the lists beside, p50",
                    Quantiles.of(found, 0.5),
                    Double.NaN,
                    "ms",
                    ""));
            report.add(row("  p99", Quantiles.of(found, 0.99), Double.NaN, "ms", ""));
            report.add("  anchor: openstack-health, retired in 2022, cannot run here");
            report.add(String.format(Locale.ROOT, "  logs-web's peak memory: %,d MB", app.peakRssBytes() >> 20));
        }
    }

    /**
     * Runs as a busy tempest job makes them over 60 days: one build every few minutes, each running
     * every test, about 1 in 30 skipped and a few failing, from check, gate and post; one buildset a build.
     */
    private static void write(Connection c, List<String> ids, long runs, PrintStream out) throws SQLException {
        c.setAutoCommit(false);
        long builds = Math.max(1, runs / ids.size());
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Duration step = Duration.ofDays(60).dividedBy(builds);
        Random random = new Random(60);
        try (PreparedStatement test = c.prepareStatement("INSERT INTO tests (id, test_id) VALUES (?, ?)")) {
            for (int i = 0; i < ids.size(); i++) {
                test.setLong(1, i + 1);
                test.setString(2, ids.get(i));
                test.addBatch();
            }
            test.executeBatch();
        }
        try (PreparedStatement buildset = c.prepareStatement(
                        "INSERT INTO buildsets (id, uuid, pipeline, project,"
                                + " branch, change_number, patchset, ref, newrev, result, reported, message, event_id, updated)"
                                + " VALUES (?, ?, ?, 'Juniper/contrail-controller', 'master', ?, ?, '', ?, ?, TRUE, '', '', ?)");
                PreparedStatement build = c.prepareStatement("INSERT INTO builds (id, uuid, buildset_id, job_name,"
                        + " result, start_time, end_time, duration, voting, log_url, nodeset, error_detail, final,"
                        + " held, event_id, pipeline, project, branch, change_number, patchset, ref, newrev, root,"
                        + " source, state, files, bytes, received, updated) VALUES (?, ?, ?, 'tempest-full', ?, ?, ?,"
                        + " 3600, TRUE, '', '', '', TRUE, FALSE, '', ?, 'Juniper/contrail-controller', 'master', ?, ?,"
                        + " '', ?, ?, 'bench', 'done', 1, 1000, ?, ?)");
                PreparedStatement run = c.prepareStatement("INSERT INTO test_runs (test, build_id, status, start_time,"
                        + " stop_time, duration, job_name, project, branch, pipeline, change_number, patchset,"
                        + " log_file, log_line) VALUES (?, ?, ?, ?, ?, ?, 'tempest-full', 'Juniper/contrail-controller',"
                        + " 'master', ?, ?, ?, 'logs/testrepository.subunit', 0)");
                PreparedStatement read = c.prepareStatement("INSERT INTO build_test_results (build_id, source, runs,"
                        + " failures, damaged, problem, read_at) VALUES (?, 'subunit', ?, ?, 0, '', ?)")) {
            HexFormat hex = HexFormat.of();
            long written = 0;
            // the daily sums logs-web keeps beside the runs (test_days), as its writer makes them
            Map<String, double[]> days = new java.util.HashMap<>();
            for (long b = 1; b <= builds; b++) {
                Instant start = end.minus(step.multipliedBy(builds - b + 1));
                String pipeline = random.nextInt(10) < 6 ? "check" : random.nextInt(4) < 3 ? "gate" : "post";
                boolean change = !pipeline.equals("post");
                int changeNumber = 700_000 + random.nextInt(3000);
                int failures = 0;
                byte[] uuid = new byte[16];
                random.nextBytes(uuid);
                buildset.setLong(1, b);
                buildset.setString(2, hex.formatHex(uuid));
                buildset.setString(3, pipeline);
                setChange(buildset, 4, change, changeNumber, 1);
                buildset.setString(6, hex.formatHex(uuid) + "00000000");
                Instant at = start;
                List<Object[]> rows = new ArrayList<>(ids.size());
                for (int t = 0; t < ids.size(); t++) {
                    String status = random.nextInt(30) == 0 ? "skip" : random.nextInt(800) == 0 ? "fail" : "success";
                    failures += status.equals("fail") ? 1 : 0;
                    double seconds = Math.min(60, Math.exp(random.nextGaussian() * 1.5 + 6) / 1000);
                    Instant stop = at.plusMillis((long) (seconds * 1000));
                    rows.add(new Object[] {t + 1L, status, at, stop, seconds});
                    double[] sums = days.computeIfAbsent(
                            (t + 1) + "|" + at.atZone(ZoneOffset.UTC).toLocalDate(), k -> new double[5]);
                    boolean skipped = status.equals("skip");
                    sums[0] += skipped ? 0 : 1;
                    sums[1] += status.equals("fail") ? 1 : 0;
                    sums[2] += skipped ? 1 : 0;
                    sums[3] += skipped ? 0 : 1;
                    sums[4] += skipped ? 0 : seconds;
                    at = stop;
                }
                buildset.setString(7, failures > 0 ? "FAILURE" : "SUCCESS");
                buildset.setObject(8, utc(at));
                buildset.addBatch();
                build.setLong(1, b);
                build.setString(2, hex.formatHex(uuid));
                build.setLong(3, b);
                build.setString(4, failures > 0 ? "FAILURE" : "SUCCESS");
                build.setObject(5, utc(start));
                build.setObject(6, utc(at));
                build.setString(7, pipeline);
                setChange(build, 8, change, changeNumber, 1);
                build.setString(10, hex.formatHex(uuid) + "00000000");
                build.setString(11, "bench/" + b + "/");
                build.setObject(12, utc(at));
                build.setObject(13, utc(at));
                build.addBatch();
                read.setLong(1, b);
                read.setInt(2, ids.size());
                read.setInt(3, failures);
                read.setObject(4, utc(at));
                read.addBatch();
                for (Object[] row : rows) {
                    run.setLong(1, (Long) row[0]);
                    run.setLong(2, b);
                    run.setString(3, (String) row[1]);
                    run.setObject(4, utc((Instant) row[2]));
                    run.setObject(5, utc((Instant) row[3]));
                    run.setDouble(6, (Double) row[4]);
                    run.setString(7, pipeline);
                    setChange(run, 8, change, changeNumber, 1);
                    run.addBatch();
                }
                if (b % 20 == 0 || b == builds) {
                    buildset.executeBatch();
                    build.executeBatch();
                    read.executeBatch();
                    run.executeBatch();
                    c.commit();
                }
                written += ids.size();
                if (b % 500 == 0) {
                    out.printf(Locale.ROOT, "  %,d runs%n", written);
                }
            }
            try (PreparedStatement day = c.prepareStatement("INSERT INTO test_days (test, run_day, job_name, project,"
                    + " runs, failures, skips, timed, seconds) VALUES (?, ?, 'tempest-full', 'Juniper/contrail-controller',"
                    + " ?, ?, ?, ?, ?)")) {
                for (Map.Entry<String, double[]> sums : days.entrySet()) {
                    String[] key = sums.getKey().split("\\|");
                    day.setLong(1, Long.parseLong(key[0]));
                    day.setObject(2, java.time.LocalDate.parse(key[1]));
                    for (int i = 0; i < 4; i++) {
                        day.setLong(3 + i, (long) sums.getValue()[i]);
                    }
                    day.setDouble(7, sums.getValue()[4]);
                    day.addBatch();
                }
                day.executeBatch();
            }
            c.commit();
        }
        try (var statistics = c.createStatement()) {
            statistics.execute("ANALYZE"); // as on a database that has run a while
        }
        c.commit();
    }

    private static void setChange(PreparedStatement statement, int index, boolean change, int number, int patchSet)
            throws SQLException {
        if (change) {
            statement.setInt(index, number);
            statement.setInt(index + 1, patchSet);
        } else {
            statement.setNull(index, java.sql.Types.INTEGER);
            statement.setNull(index + 1, java.sql.Types.INTEGER);
        }
    }

    private static LocalDateTime utc(Instant time) {
        return LocalDateTime.ofInstant(time, ZoneOffset.UTC);
    }

    private static String path(String testId) {
        StringBuilder out = new StringBuilder();
        for (byte b : testId.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((Character.isLetterOrDigit(c) && c < 128) || "-._~,:".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    /** A figure of logs-web's {@code /prometheus}: the first line starting with {@code name}. */
    private double metric(AppProcess app, String name) throws IOException, InterruptedException {
        String text = http.send(
                        HttpRequest.newBuilder(app.url("/prometheus")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "[^ ]* ([0-9.eE+-]+)$")
                .matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** Seconds subunit-stats takes to read a stream, its start included (as a job's post-run would). */
    private static double subunitStats(byte[] stream) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder("subunit-stats", "--no-passthrough")
                .redirectErrorStream(true)
                .start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stream);
        }
        process.getInputStream().readAllBytes();
        process.waitFor(1, TimeUnit.MINUTES);
        return (System.nanoTime() - started) / 1e9;
    }

    private static String row(String figure, double ours, double anchor, String unit, String goal) {
        String scale = unit.equals("s") ? "%9.3f s" : "%8.1f ms";
        return String.format(
                Locale.ROOT,
                "%-58s %12s %12s %8s %s",
                figure,
                String.format(Locale.ROOT, scale, ours),
                Double.isNaN(anchor) ? "" : String.format(Locale.ROOT, scale, anchor),
                Double.isNaN(anchor) ? "" : String.format(Locale.ROOT, "%.2fx", ours / anchor),
                goal);
    }
}
