package org.opencontrail.web.bench.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.opencontrail.web.bench.BenchOptions;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./suite bench status}: every figure of status-web's benchmark with the anchor measured in
 * the same run beside it, and the target. Arguments: {@code --jar PATH} (the status-web jar),
 * {@code --clients N} (5000), {@code --seconds S} (60), {@code --out FILE} (a copy of the report).
 */
public final class StatusBench {

    private StatusBench() {}

    @Command(
            name = "bench status",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "status-web's rendering and event stream fan-out beside Zuul's own page.")
    static final class Arguments {
        @Option(names = "--jar", required = true, description = "status-web's jar")
        Path jar;

        @Option(
                names = "--clients",
                defaultValue = "5000",
                description = "event streams held open (default: ${DEFAULT-VALUE})")
        int clients;

        @Option(
                names = "--seconds",
                defaultValue = "60",
                description = "seconds the streams are held (default: ${DEFAULT-VALUE})")
        long seconds;

        @Option(
                names = "--out",
                defaultValue = "target/bench-status.txt",
                description = "a copy of the report (default: ${DEFAULT-VALUE})")
        Path out;
    }

    public static void main(String[] args) throws Exception {
        Arguments options = BenchOptions.parse(new Arguments(), args);
        Map<String, Result<?>> jmh = renderFigures();
        System.out.println("Starting status-web with " + options.clients + " streams...");
        SseFanout.Result fanout = SseFanout.run(
                options.jar,
                options.clients,
                Duration.ofSeconds(options.seconds),
                Path.of("target", "bench-status-web.log"));
        String report = report(jmh, fanout);
        System.out.print(report);
        Path out = options.out;
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, report);
    }

    private static Map<String, Result<?>> renderFigures() throws Exception {
        Options options = new OptionsBuilder()
                .include(StatusRenderBenchmark.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .jvmArgs("-Xmx1g")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Result<?>> byName = new HashMap<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            byName.put(label.substring(label.lastIndexOf('.') + 1), result.getPrimaryResult());
        }
        return byName;
    }

    private static double p50(Result<?> result) {
        return result.getStatistics().getPercentile(50.0);
    }

    static String report(Map<String, Result<?>> jmh, SseFanout.Result f) {
        StringBuilder text = new StringBuilder();
        java.util.Formatter out = new java.util.Formatter(text, Locale.ROOT);
        double html = p50(jmh.get("overviewHtml"));
        double json = p50(jmh.get("statusJson"));
        double anchor = p50(jmh.get("zuulPollAnchor"));
        out.format("%nstatus-web benchmark, %s (busiest real status: 49 items, 398 jobs; 2 cores)%n", Instant.now());
        out.format("%-58s %12s %14s %10s %s%n", "figure", "status-web", "anchor", "ratio", "target");
        out.format(
                "%-58s %9.2f ms %11.2f ms %9.2fx %s%n",
                "overview page, HTML rendered on the server, p50", html, anchor, anchor / html, "< 20 ms");
        out.format(
                "%-58s %9.2f ms %11.2f ms %9.2fx %s%n", "/api/status JSON, p50", json, anchor, anchor / json, "< 5 ms");
        out.format(
                "  anchor: one poll of Zuul's page, the same status.json written and parsed (Jackson), before any drawing%n");
        out.format(
                "%-58s %12s %14s %10s %s%n",
                "SSE streams open (asked for)",
                f.connected() + "/" + f.clients(),
                "",
                "",
                "all; still open at the end: " + f.stillOpen());
        out.format(
                "%-58s %9.0f ms %14s %10s %s%n",
                "Zuul served a change -> every client has it, p50", f.latencyP50Ms(), "", "", "");
        out.format(
                "%-58s %9.0f ms %11s    %10s %s%n",
                "Zuul served a change -> every client has it, p99", f.latencyP99Ms(), "5000 ms", "", "< 250 ms");
        out.format("%-58s %9.0f ms %14s %10s %s%n", "  worst", f.latencyMaxMs(), "", "", "");
        out.format(
                "  anchor: Zuul's page sees a change at its next poll, up to 5 s later; missed deliveries: %d of %d%n",
                f.missed(), f.expected());
        out.format(
                "%-58s %9.1f KB %11.1f KB %9.1fx %s%n",
                "bytes per client per minute on the wire, gzip (anchor: raw)",
                f.bytesPerClientMin() / 1024,
                f.zuulBytesPerMin() / 1024,
                f.zuulBytesPerMin() / f.bytesPerClientMin(),
                ">= 20x less");
        out.format(
                "%-58s %9.1f KB %11.1f KB %9.1fx %s%n",
                "  the same, anchor gzipped too",
                f.bytesPerClientMin() / 1024,
                f.zuulGzipBytesPerMin() / 1024,
                f.zuulGzipBytesPerMin() / f.bytesPerClientMin(),
                "");
        out.format(
                "  anchor: Zuul's page fetches the whole status.json every 5 s; status-web's stream sends what changed%n");
        out.format(
                "%-58s %9.0f MB %14s %10s %s%n",
                "status-web peak resident memory with all streams", f.peakRssBytes() / 1048576.0, "", "", "< 1024 MB");
        out.format(
                "%-58s %9.1f ms %14s %10s %s%n",
                "overview page answer time while streaming, p50", f.pageUnderLoadP50Ms(), "", "", "");
        out.flush();
        return text.toString();
    }
}
