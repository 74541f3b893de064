package org.opencontrail.web.bench.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.opencontrail.web.bench.AppProcess;
import org.opencontrail.web.bench.BenchOptions;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.fixtures.JarProcess;
import org.opencontrail.web.shared.io.Trees;
import org.opencontrail.web.shared.json.ForeignJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./suite bench search}: logs-web's search index against grep-style tools over the same
 * logs, in the same run. A corpus of {@code --mb} (1024) MB of real fixture logs with their ids
 * varied is written as a log tree, imported (stored gzip and indexed) by logs-web, then the 60
 * elastic-recheck signatures and 40 phrase and field queries are timed through {@code /api/search},
 * against {@code rg} over the plain tree and {@code zgrep} over the gzip store.
 */
public final class SearchBench {

    private static final Pattern INDEXED =
            Pattern.compile("Indexed (\\d+) builds, (\\d+) lines \\(([^)]+) of text\\) in ([0-9.]+) s");

    private static final List<String> JOBS = List.of(
            "contrail-vnc-build",
            "contrail-vnc-unittest",
            "contrail-sanity-ubuntu",
            "contrail-go-lint",
            "contrail-ansible-deployer");

    private final HttpClient http = Http.builder().build();

    private SearchBench() {}

    @Command(
            name = "bench search",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "logs-web's index and search beside ripgrep and zgrep on the same logs.")
    static final class Options {
        @Option(names = "--jar", required = true, description = "logs-web's jar")
        Path jar;

        @Option(names = "--mb", defaultValue = "1024", description = "MB of logs to index (default: ${DEFAULT-VALUE})")
        long mb;

        @Option(
                names = "--out",
                defaultValue = "target/bench-search.txt",
                description = "a copy of the report (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(
                names = "--fixtures",
                defaultValue = "../logs-web/src/test/resources/logs",
                description = "real logs the corpus is made of")
        Path fixtures;

        @Option(
                names = "--signatures",
                defaultValue = "../logs-web/src/test/resources/elastic-recheck",
                description = "signatures timed")
        Path signatures;

        @Option(names = "--work", defaultValue = "target/bench-search", description = "where the corpus and index go")
        Path work;
    }

    public static void main(String[] args) throws Exception {
        new SearchBench().run(BenchOptions.parse(new Options(), args));
    }

    private void run(Options options) throws Exception {
        Path work = options.work.toAbsolutePath();
        Trees.delete(work);
        Path corpus = work.resolve("corpus");
        Path data = work.resolve("logs-web");
        Files.createDirectories(corpus);
        List<String> report = new ArrayList<>();
        PrintStream out = System.out;
        int cores = Runtime.getRuntime().availableProcessors();

        long target = options.mb << 20;
        out.printf("Writing a corpus of %d MB of log text from the fixtures...%n", target >> 20);
        Corpus.Written written = Corpus.write(options.fixtures, corpus, target, JOBS, new Random(20171124));
        out.printf("  %d builds, %d files, %.0f MB%n", written.builds(), written.files(), written.bytes() / 1048576.0);

        out.println("Importing it into logs-web (stored gzip, then indexed)...");
        Path importLog = work.resolve("import.log");
        long started = System.nanoTime();
        Files.deleteIfExists(importLog);
        JarProcess importer = JarProcess.jar(options.jar, importLog)
                .jvm("-Xmx1g")
                .property("logs.dir", data)
                .arguments("import", corpus.toString())
                .start();
        if (importer.exitCode(Duration.ofMinutes(60)) > 1) {
            throw new IllegalStateException("the import failed; see " + importLog);
        }
        double importSeconds = (System.nanoTime() - started) / 1e9;
        Matcher indexed = INDEXED.matcher(Files.readString(importLog));
        if (!indexed.find()) {
            throw new IllegalStateException("the import did not index; see " + importLog);
        }
        double indexSeconds = Double.parseDouble(indexed.group(4));
        long indexBytes = size(data.resolve("index"));
        long storeBytes = size(data.resolve("objects"));
        double mb = written.bytes() / 1048576.0;
        report.add(String.format(
                Locale.ROOT,
                "corpus: %.0f MB of log text, %d builds, %d files, %s lines (machine: %d cores)",
                mb,
                written.builds(),
                written.files(),
                indexed.group(2),
                cores));
        report.add(String.format(
                Locale.ROOT,
                "index: %.1f MB/s on %d indexing threads = %.1f MB/s per core (%.0f s for the text; import with"
                        + " storing %.0f s)",
                mb / indexSeconds,
                cores,
                mb / indexSeconds / cores,
                indexSeconds,
                importSeconds));
        report.add(String.format(
                Locale.ROOT,
                "index size: %.0f MB = %.2f of the text (the gzip store: %.0f MB = %.2f)",
                indexBytes / 1048576.0,
                (double) indexBytes / written.bytes(),
                storeBytes / 1048576.0,
                (double) storeBytes / written.bytes()));

        // Recovery: the index is a cache of the store; what rebuilding it after a lost disk costs.
        out.println("Rebuilding the index from the store (reindex), as after a lost index...");
        Path reindexLog = work.resolve("reindex.log");
        long reindexStarted = System.nanoTime();
        Files.deleteIfExists(reindexLog);
        JarProcess reindex = JarProcess.jar(options.jar, reindexLog)
                .jvm("-Xmx1g")
                .property("logs.dir", data)
                .arguments("reindex")
                .start();
        if (reindex.exitCode(Duration.ofMinutes(60)) != 0) {
            throw new IllegalStateException("the reindex failed; see " + reindexLog);
        }
        double reindexSeconds = (System.nanoTime() - reindexStarted) / 1e9;
        report.add(String.format(
                Locale.ROOT,
                "rebuild of the index from the store (reindex, JVM start included): %.0f s = %.0f s per GB of text",
                reindexSeconds,
                reindexSeconds / (mb / 1024.0)));

        List<String> signatures = signatures(options.signatures);
        List<String> phrases = Corpus.phrases(options.fixtures, 40, new Random(7));
        List<String> phraseQueries = new ArrayList<>();
        String[] filters = {
            "",
            " AND tags:console",
            " AND filename:\"logs/syslog.txt\"",
            " AND build_name:" + JOBS.get(1),
            " AND loglevel:INFO"
        };
        for (int i = 0; i < phrases.size(); i++) {
            phraseQueries.add("message:\"" + phrases.get(i) + "\"" + filters[i % filters.length]);
        }

        Path appLog = work.resolve("logs-web.log");
        try (AppProcess app = AppProcess.start(options.jar, List.of("-Xmx1g"), List.of("-Dlogs.dir=" + data), appLog)) {
            app.awaitReady("/health");
            out.println("Warming up (every query twice), then timing the queries through /api/search...");
            for (int pass = 0; pass < 2; pass++) {
                time(app, signatures, 1);
                time(app, phraseQueries, 1);
            }
            Times sigTimes = time(app, signatures, 5);
            Times phraseTimes = time(app, phraseQueries, 5);
            report.add(String.format(
                    Locale.ROOT,
                    "60 signatures: p50 %.1f ms, p99 %.1f ms (%d runs; %d of them match lines)",
                    sigTimes.p(50),
                    sigTimes.p(99),
                    sigTimes.all.size(),
                    sigTimes.matching));
            report.add(String.format(
                    Locale.ROOT,
                    "40 phrase and field queries: p50 %.1f ms, p99 %.1f ms (%d runs; %d match lines)",
                    phraseTimes.p(50),
                    phraseTimes.p(99),
                    phraseTimes.all.size(),
                    phraseTimes.matching));

            out.println("Timing rg over the plain tree and zgrep over the gzip store, same phrases...");
            List<Double> rg = new ArrayList<>();
            List<Double> ours = new ArrayList<>();
            // Selective: the 10 phrases matching fewest lines (but some), as a search for one failure is.
            List<String> selective = new ArrayList<>();
            Map<String, Long> totals = new HashMap<>();
            for (String phrase : phrases) {
                String url = "/api/search?size=0&q="
                        + URLEncoder.encode("message:\"" + phrase + "\"", StandardCharsets.UTF_8);
                totals.put(
                        phrase,
                        ForeignJson.tree(http.send(
                                                HttpRequest.newBuilder(app.url(url))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .body())
                                .path("total")
                                .asLong());
            }
            phrases.stream()
                    .filter(p -> totals.get(p) > 0)
                    .sorted(java.util.Comparator.comparing(totals::get))
                    .limit(10)
                    .forEach(selective::add);
            report.add(String.format(
                    Locale.ROOT,
                    "selective phrases: %d to %d matching lines each",
                    totals.get(selective.get(0)),
                    totals.get(selective.get(selective.size() - 1))));
            for (String phrase : selective) {
                List<Double> runs = new ArrayList<>();
                for (int r = 0; r < 3; r++) {
                    runs.add(seconds(List.of("rg", "-c", "-F", "--no-messages", phrase, corpus.toString())) * 1000);
                }
                rg.add(median(runs));
                ours.add(time(app, List.of("message:\"" + phrase + "\""), 5).p(50));
            }
            double rgMedian = median(rg);
            double oursMedian = median(ours);
            report.add(String.format(
                    Locale.ROOT,
                    "selective phrases, median of 10 (each the median of its runs): ours %.1f ms, rg %.0f ms: %.0fx faster than rg",
                    oursMedian,
                    rgMedian,
                    rgMedian / oursMedian));
            List<Double> zgrep = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String phrase = selective.get(i * 3);
                zgrep.add(seconds(List.of(
                                "sh",
                                "-c",
                                "find \"$0\" -type f -print0 | xargs -0 zgrep -c -F -e \"$1\" > /dev/null",
                                data.resolve("objects").toString(),
                                phrase))
                        * 1000);
            }
            double zgrepMedian = median(zgrep);
            report.add(String.format(
                    Locale.ROOT,
                    "selective phrases, median of 3: zgrep over the gzip store %.0f ms: %.0fx slower than ours",
                    zgrepMedian,
                    zgrepMedian / oursMedian));
            report.add(
                    String.format(Locale.ROOT, "logs-web peak RSS while searching: %d MB", app.peakRssBytes() >> 20));
        }
        out.println();
        report.forEach(out::println);
        Path file = options.out;
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, report);
    }

    /** Latencies of queries run {@code rounds} times each after one warm-up. */
    private static final class Times {
        final List<Double> all = new ArrayList<>();
        int matching;

        double p(int percentile) {
            List<Double> sorted = new ArrayList<>(all);
            Collections.sort(sorted);
            return sorted.isEmpty()
                    ? 0
                    : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
        }
    }

    private Times time(AppProcess app, List<String> queries, int rounds) throws Exception {
        Times times = new Times();
        for (String query : queries) {
            String url = "/api/search?size=20&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
            JsonNode first = ForeignJson.tree(
                    http.send(HttpRequest.newBuilder(app.url(url)).build(), HttpResponse.BodyHandlers.ofString())
                            .body());
            times.matching += first.path("total").asLong() > 0 ? 1 : 0;
            for (int r = 0; r < rounds; r++) {
                long started = System.nanoTime();
                HttpResponse<byte[]> response = http.send(
                        HttpRequest.newBuilder(app.url(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
                double ms = (System.nanoTime() - started) / 1e6;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(query + " answered " + response.statusCode() + ": "
                            + new String(response.body(), StandardCharsets.UTF_8));
                }
                times.all.add(ms);
            }
        }
        return times;
    }

    /** The signatures' queries as elastic-recheck ran them: with {@code AND voting:1} unless they allow non-voting jobs. */
    public static List<String> signatures(Path dir) throws IOException {
        List<String> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file :
                    files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String text = Files.readString(file);
                int start = text.indexOf("query:");
                String rest = text.substring(start + 6).replaceFirst("^ *[>|]-? *\\n", "");
                StringBuilder query = new StringBuilder();
                for (String line : rest.split("\n")) {
                    if (!line.startsWith(" ") && !line.isBlank()) {
                        break;
                    }
                    query.append(line.strip()).append(' ');
                }
                queries.add("(" + query.toString().strip() + ")"
                        + (text.contains("allow-nonvoting: true") ? "" : " AND voting:1"));
            }
        }
        return queries;
    }

    private static double seconds(List<String> command) throws Exception {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        process.waitFor();
        return (System.nanoTime() - started) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    /** Reads a fixture, inflating gzip. */
    static byte[] read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                return in.readAllBytes();
            }
        }
        return bytes;
    }
}
