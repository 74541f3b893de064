package org.opencontrail.web.bench.logs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencontrail.web.bench.AppProcess;
import org.opencontrail.web.bench.BenchOptions;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.fixtures.JarProcess;
import org.opencontrail.web.fixtures.S3ProxyServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./suite bench logs}: logs-web's viewer and ingest with their anchors measured in the same
 * run. Arguments: {@code --jar} (the logs-web jar), {@code --s3proxy} (its jar, for the S3 figures),
 * {@code --fixtures} (the real logs the big log is made of), {@code --mb} (size of the big log, 100),
 * {@code --builds} (builds ingested, 20), {@code --out} (a copy of the report).
 */
public final class LogsBench {

    private static final String TOKEN = "bench-token";
    private static final String BIG_ROOT = "87/52287/2/gate/bench-big-log/df70dd4/";
    /** The old generation: what stays after young collections, so what a render would retain. */
    private static final Pattern HEAP = Pattern.compile(
            "^jvm_memory_used_bytes\\{area=\"heap\",id=\"G1 Old Gen\"[^}]*} ([0-9.eE+]+)", Pattern.MULTILINE);

    private final HttpClient http = Http.builder().build();

    /** One timed transfer: time to the first byte of the body, to the last, and the bytes. */
    record Transfer(double firstByteMs, double totalMs, long bytes) {
        double mbPerSecond() {
            return bytes / 1048576.0 / (totalMs / 1000);
        }
    }

    private LogsBench() {}

    @Command(
            name = "bench logs",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "logs-web's log pages and ingest beside a static file server on the same logs.")
    static final class Options {
        @Option(names = "--jar", required = true, description = "logs-web's jar")
        Path jar;

        @Option(
                names = "--mb",
                defaultValue = "100",
                description = "MB of the big log served (default: ${DEFAULT-VALUE})")
        long mb;

        @Option(names = "--builds", defaultValue = "20", description = "builds ingested (default: ${DEFAULT-VALUE})")
        int builds;

        @Option(
                names = "--out",
                defaultValue = "target/bench-logs.txt",
                description = "a copy of the report (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(
                names = "--fixtures",
                defaultValue = "../logs-web/src/test/resources/logs",
                description = "real logs the big log is made of")
        Path fixtures;

        @Option(names = "--s3proxy", description = "s3proxy's jar: ingest into S3 too")
        Path s3proxy;
    }

    public static void main(String[] args) throws Exception {
        Options options = BenchOptions.parse(new Options(), args);
        String report = new LogsBench().run(options);
        System.out.print(report);
        Path out = options.out;
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
    }

    private String run(Options options) throws Exception {
        Path work = Files.createTempDirectory("bench-logs");
        Path jar = options.jar;
        Path fixtures = options.fixtures;
        long target = options.mb << 20;
        Path served = work.resolve("served");
        Path big = served.resolve(BIG_ROOT + "logs/screen-big.txt");
        long bigSize = BigLog.write(fixtures, big, target);
        System.out.printf(Locale.ROOT, "Made a %.0f MB oslo log from the real fixtures%n", bigSize / 1048576.0);

        StringBuilder text = new StringBuilder();
        java.util.Formatter out = new java.util.Formatter(text, Locale.ROOT);
        out.format("%nlogs-web benchmark, %s (2 cores)%n", Instant.now());
        out.format("%-56s %12s %12s %9s %s%n", "figure", "logs-web", "anchor", "ratio", "target");

        try (StaticServer anchor = new StaticServer(served)) {
            // The viewer, against the same file served raw by a static server.
            Path store = work.resolve("store-local");
            runImport(jar, served, store, work.resolve("import.log"));
            try (AppProcess logs = AppProcess.start(
                    jar,
                    List.of("-Xmx128m", "-XX:+UseG1GC"),
                    List.of("-Dlogs.dir=" + store, "-Dlogs.upload-tokens=" + TOKEN),
                    work.resolve("logs-web.log"))) {
                logs.awaitReady("/health");
                String path = "/" + BIG_ROOT + "logs/screen-big.txt";
                HeapWatch heap = new HeapWatch(logs.url("/prometheus"));
                heap.start();
                double heapBefore = heap.sample();
                Transfer raw =
                        median(() -> get(URI.create(anchor.url(BIG_ROOT + "logs/screen-big.txt")), "*/*", "bench"));
                Transfer page = median(() -> get(logs.url(path), "text/html", "Mozilla/5.0"));
                Transfer filtered = median(() -> get(logs.url(path + "?level=WARNING"), "text/html", "Mozilla/5.0"));
                Transfer ours = median(() -> get(logs.url(path + "?raw"), "*/*", "bench"));
                heap.interrupt();
                out.format(
                        "%-56s %9.0f ms %9.0f ms %8.1fx %s%n",
                        "100 MB log as HTML: first byte",
                        page.firstByteMs(),
                        raw.firstByteMs(),
                        page.firstByteMs() / Math.max(raw.firstByteMs(), 0.01),
                        "< 100 ms");
                out.format(
                        "%-56s %7.0f MB/s %7.0f MB/s %8.1fx %s%n",
                        "100 MB log as HTML: log read per second",
                        bigSize / 1048576.0 / (page.totalMs() / 1000),
                        raw.mbPerSecond(),
                        raw.mbPerSecond() / (bigSize / 1048576.0 / (page.totalMs() / 1000)),
                        "(the price of rendering)");
                out.format(
                        "%-56s %9.0f ms %9.0f ms %8.1fx %s%n",
                        "  ?level=WARNING: first byte",
                        filtered.firstByteMs(),
                        raw.firstByteMs(),
                        filtered.firstByteMs() / Math.max(raw.firstByteMs(), 0.01),
                        "< 100 ms");
                out.format(
                        "%-56s %7.0f MB/s %7.0f MB/s %8.1fx %s%n",
                        "  ?level=WARNING: log read per second",
                        bigSize / 1048576.0 / (filtered.totalMs() / 1000),
                        raw.mbPerSecond(),
                        raw.mbPerSecond() / (bigSize / 1048576.0 / (filtered.totalMs() / 1000)),
                        "");
                out.format(
                        "%-56s %7.0f MB/s %7.0f MB/s %8.1fx %s%n",
                        "raw file from the store (inflated on the fly)",
                        ours.mbPerSecond(),
                        raw.mbPerSecond(),
                        raw.mbPerSecond() / ours.mbPerSecond(),
                        "");
                out.format(
                        "%-56s %9.0f MB %12s %9s %s%n",
                        "old generation growth while rendering (of -Xmx128m)",
                        Math.max(0, heap.peak() - heapBefore) / 1048576.0,
                        "",
                        "",
                        "a few MB");
                out.format(
                        "%-56s %9.0f MB %12s %9s %s%n",
                        "logs-web peak resident memory", logs.peakRssBytes() / 1048576.0, "", "", "");
                out.format(
                        "  anchor: the same file from a static file server (what a plain log server does), same machine, same run%n");
            }

            // Ingest from a log server, into the local store and into S3.
            int builds = options.builds;
            long perBuild = BigLog.split(big, served, builds);
            Transfer download = median(() -> downloadAll(anchor, builds));
            Transfer local = ingest(
                    jar,
                    anchor,
                    builds,
                    List.of("-Dlogs.dir=" + work.resolve("store-ingest")),
                    work.resolve("ingest-local.log"));
            out.format(
                    "%-56s %7.0f MB/s %7.0f MB/s %8.1fx %s%n",
                    "ingest " + builds + " builds of " + perBuild / 1048576 + " MB, local store",
                    local.mbPerSecond(),
                    download.mbPerSecond(),
                    download.mbPerSecond() / local.mbPerSecond(),
                    "");
            if (options.s3proxy != null && Files.isRegularFile(options.s3proxy)) {
                try (S3ProxyServer s3 = new S3ProxyServer(options.s3proxy, work.resolve("s3"))) {
                    Transfer s3Ingest = ingest(
                            jar,
                            anchor,
                            builds,
                            List.of(
                                    "-Dlogs.dir=" + work.resolve("store-s3-spool"),
                                    "-Dlogs.s3.endpoint=" + s3.endpoint(),
                                    "-Dlogs.s3.bucket=bench",
                                    "-Dlogs.s3.access-key=" + S3ProxyServer.ACCESS_KEY,
                                    "-Dlogs.s3.secret-key=" + S3ProxyServer.SECRET_KEY),
                            work.resolve("ingest-s3.log"));
                    out.format(
                            "%-56s %7.0f MB/s %7.0f MB/s %8.1fx %s%n",
                            "ingest " + builds + " builds, S3 (s3proxy)",
                            s3Ingest.mbPerSecond(),
                            download.mbPerSecond(),
                            download.mbPerSecond() / s3Ingest.mbPerSecond(),
                            "");
                }
            }
            out.format("  anchor: downloading the same files from the log server, nothing stored%n");
        }
        out.flush();
        return text.toString();
    }

    private void runImport(Path jar, Path tree, Path store, Path log) throws Exception {
        Files.deleteIfExists(log);
        JarProcess importer = JarProcess.jar(jar, log)
                .jvm("-Xmx256m")
                .property("logs.dir", store)
                .arguments("import", tree.toString())
                .start();
        if (importer.exitCode(Duration.ofMinutes(60)) != 0) {
            throw new IllegalStateException("the import failed: " + importer.logTail());
        }
    }

    private Transfer ingest(Path jar, StaticServer server, int builds, List<String> properties, Path log)
            throws Exception {
        List<String> all = new ArrayList<>(properties);
        all.add("-Dlogs.upload-tokens=" + TOKEN);
        all.add("-Dlogs.ingest.workers=2");
        try (AppProcess logs = AppProcess.start(jar, List.of("-Xmx256m"), all, log)) {
            logs.awaitReady("/health");
            long start = System.nanoTime();
            for (int i = 0; i < builds; i++) {
                String body = """
                        {"uuid": "%04d0000beef", "job_name": "bench", "result": "SUCCESS", "pipeline": "check", "log_url": "%s",
                         "ref": {"project": "Juniper/contrail-controller", "change": %d, "patchset": 1}}
                        """.formatted(i, server.url("build-" + i + "/"), 600000 + i);
                http.send(
                        HttpRequest.newBuilder(logs.url("/api/builds"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            long bytes = 0;
            for (int i = 0; i < builds; i++) {
                String uuid = "%04d0000beef".formatted(i);
                while (true) {
                    String record = http.send(
                                    HttpRequest.newBuilder(logs.url("/api/builds/" + uuid))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
                    if (record.contains("\"state\":\"done\"")) {
                        Matcher m = Pattern.compile("\"bytes\":(\\d+)").matcher(record);
                        bytes += m.find() ? Long.parseLong(m.group(1)) : 0;
                        break;
                    }
                    if (record.contains("\"state\":\"failed\"")) {
                        throw new IllegalStateException("build " + uuid + " failed: " + record);
                    }
                    Thread.sleep(50);
                }
            }
            return new Transfer(0, (System.nanoTime() - start) / 1e6, bytes);
        }
    }

    private Transfer downloadAll(StaticServer server, int builds) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long bytes = 0;
        for (int i = 0; i < builds; i++) {
            bytes += get(URI.create(server.url("build-" + i + "/job-output.txt")), "*/*", "bench")
                    .bytes();
        }
        return new Transfer(0, (System.nanoTime() - start) / 1e6, bytes);
    }

    private Transfer get(URI uri, String accept, String agent) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Accept", accept)
                        .header("User-Agent", agent)
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
        byte[] buffer = new byte[256 * 1024];
        long bytes = 0;
        double first = -1;
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (first < 0) {
                    first = (System.nanoTime() - start) / 1e6;
                }
                bytes += n;
            }
        }
        return new Transfer(first, (System.nanoTime() - start) / 1e6, bytes);
    }

    private interface Measure {
        Transfer once() throws Exception;
    }

    /** The run with the median total time of three, after one to warm up. */
    private static Transfer median(Measure measure) throws Exception {
        measure.once();
        List<Transfer> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(measure.once());
        }
        runs.sort(java.util.Comparator.comparingDouble(Transfer::totalMs));
        return runs.get(1);
    }

    /** Samples logs-web's heap from its metrics. */
    private final class HeapWatch extends Thread {
        private final URI metrics;
        private volatile double peak;

        HeapWatch(URI metrics) {
            this.metrics = metrics;
            setDaemon(true);
        }

        double sample() {
            try {
                String text = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                        .body();
                Matcher m = HEAP.matcher(text);
                double sum = 0;
                while (m.find()) {
                    sum += Double.parseDouble(m.group(1));
                }
                peak = Math.max(peak, sum);
                return sum;
            } catch (IOException e) {
                return peak;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return peak;
            }
        }

        double peak() {
            return peak;
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                sample();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
