package org.opencontrail.web.bench.scale;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencontrail.web.bench.AppProcess;
import org.opencontrail.web.bench.BenchOptions;
import org.opencontrail.web.bench.Quantiles;
import org.opencontrail.web.bench.logs.BigLog;
import org.opencontrail.web.bench.logs.StaticServer;
import org.opencontrail.web.bench.search.Corpus;
import org.opencontrail.web.bench.search.SearchBench;
import org.opencontrail.web.bench.status.SseFanout;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.fixtures.KafkaBroker;
import org.opencontrail.web.fixtures.OpenSearchNodes;
import org.opencontrail.web.fixtures.S3ProxyServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./suite bench scale}: what the suite's scaled layout costs, on this machine, against the
 * single-machine layout on the same builds. The same builds of real logs, served by a log server,
 * are ingested (fetched, stored in S3, indexed) by one embedded logs-web (its Lucene index), then by
 * two replicas sharing a Kafka broker and a two-node OpenSearch cluster; for each: throughput, MB/s
 * per core of every process involved, and the lag from a build's end (its result handed in) to its
 * lines being searchable, on either replica. Then Gerrit's events through Kafka: events a second from
 * the writer to a replica's listener, and the relay's handover when its leading process is killed. Then
 * status-web's event streams, over one replica and over two.
 * Arguments: {@code --jar}, {@code --status-jar}, {@code --sandbox-jar}, {@code --s3proxy}, {@code --fixtures}, {@code --mb}
 * (logs ingested, 200), {@code --builds} (40), {@code --events} (20000), {@code --clients} (5000), {@code --out}.
 */
public final class ScaleBench {

    private static final String TOKEN = "bench-token";
    private static final Pattern STATE = Pattern.compile("\"state\":\"(\\w+)\"");
    private static final Pattern BYTES = Pattern.compile("\"bytes\":(\\d+)");

    private final HttpClient http = Http.builder().build();

    @Command(
            name = "bench scale",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description =
                    "logs-web's ingest and indexing as two replicas on Kafka and OpenSearch beside one embedded logs-web; "
                            + "Gerrit's events through Kafka.")
    static final class Options {
        @Option(names = "--jar", required = true, description = "logs-web's jar")
        Path jar;

        @Option(names = "--status-jar", required = true, description = "status-web's jar")
        Path statusJar;

        @Option(
                names = "--sandbox-jar",
                required = true,
                description = "the sandbox CI's jar: the Gerrit the relay's handover is measured on")
        Path sandboxJar;

        @Option(
                names = "--clients",
                defaultValue = "5000",
                description = "status-web event streams, over one replica then two " + "(default: ${DEFAULT-VALUE})")
        int clients;

        @Option(names = "--s3proxy", required = true, description = "s3proxy's jar: the store of both layouts")
        Path s3proxy;

        @Option(
                names = "--fixtures",
                defaultValue = "../logs-web/src/test/resources/logs",
                description = "real logs the builds are made of")
        Path fixtures;

        @Option(
                names = "--signatures",
                defaultValue = "../logs-web/src/test/resources/elastic-recheck",
                description = "elastic-recheck's signatures, searched on both layouts")
        Path signatures;

        @Option(names = "--mb", defaultValue = "200", description = "MB of logs ingested (default: ${DEFAULT-VALUE})")
        long mb;

        @Option(
                names = "--builds",
                defaultValue = "40",
                description = "builds they are split into (default: ${DEFAULT-VALUE})")
        int builds;

        @Option(
                names = "--events",
                defaultValue = "20000",
                description = "Gerrit events through Kafka (default: ${DEFAULT-VALUE})")
        int events;

        @Option(
                names = "--min-level",
                defaultValue = "",
                description = "logs.search.min-level of both layouts: lines below it are stored, not indexed "
                        + "(default: every line indexed)")
        String minLevel;

        @Option(
                names = "--opensearch",
                description =
                        "a setting of the replicas' index on OpenSearch, KEY=VALUE for logs.search.opensearch.KEY "
                                + "(block-lines=64, replication=segment, bulk-bytes=..., refresh-interval=...); repeatable")
        List<String> openSearch = new ArrayList<>();

        @Option(
                names = "--only",
                split = ",",
                defaultValue = "ingest,gerrit,status",
                description = "the phases run, of ingest, gerrit and status (default: all)")
        Set<Phase> only;

        @Option(
                names = "--out",
                defaultValue = "target/bench-scale.txt",
                description = "a copy of the report (default: ${DEFAULT-VALUE})")
        Path out;
    }

    /** The benchmark's parts: logs-web's ingest, Gerrit's events through Kafka, status-web's fan-out. */
    enum Phase {
        ingest,
        gerrit,
        status
    }

    private ScaleBench() {}

    public static void main(String[] args) throws Exception {
        Options options = BenchOptions.parse(new Options(), args);
        String report = new ScaleBench().run(options);
        System.out.print(report);
        Files.createDirectories(options.out.toAbsolutePath().getParent());
        Files.writeString(options.out, report);
        System.exit(0); // the in-process broker's threads
    }

    /** One layout's ingest of the builds. */
    /**
     * @param cpuSeconds       CPU seconds of every process of the layout
     * @param searchCpuSeconds of those, the OpenSearch nodes' (0 for the embedded layout)
     * @param indexBytes       bytes the index takes on disk (primaries; for OpenSearch, without its copies)
     */
    record Ingest(
            double seconds,
            long bytes,
            double cpuSeconds,
            double searchCpuSeconds,
            long indexBytes,
            List<Double> lagsMs,
            Searched searched) {
        double mbPerSecond() {
            return bytes / 1048576.0 / seconds;
        }

        double mbPerCoreSecond() {
            return bytes / 1048576.0 / cpuSeconds;
        }

        Ingest with(long index, Searched searches) {
            return new Ingest(seconds, bytes, cpuSeconds, searchCpuSeconds, index, lagsMs, searches);
        }

        double lag(double quantile) {
            return quantile(lagsMs, quantile);
        }
    }

    /**
     * The same queries on one layout, once its builds are in: each one's latency through
     * {@code /api/search} (hits, facets and histogram), and the lines each matched on every site.
     *
     * @param disagreeing queries whose count of lines differs between the layout's sites
     */
    record Searched(List<Double> latenciesMs, Map<String, Long> totals, int disagreeing) {
        double latency(double quantile) {
            return quantile(latenciesMs, quantile);
        }
    }

    /** Builds handed in one at a time at a steady rate, on the scaled layout. */
    record Steady(int builds, double mbPerBuild, double mbPerSecond, double share, List<Double> lagsMs) {
        double lag(double quantile) {
            return quantile(lagsMs, quantile);
        }
    }

    private static double quantile(List<Double> lagsMs, double quantile) {
        return Quantiles.of(lagsMs, quantile);
    }

    private static final Duration FANOUT_WINDOW = Duration.ofSeconds(60);

    private String run(Options options) throws Exception {
        Path work = Files.createTempDirectory("bench-scale-");
        StringBuilder report = new StringBuilder();
        java.util.Formatter out = new java.util.Formatter(report, Locale.ROOT);
        out.format(
                "bench scale: %s, %d cores%n%n",
                options.only, Runtime.getRuntime().availableProcessors());
        if (options.only.contains(Phase.ingest)) {
            Path big = work.resolve("big.txt");
            long total = BigLog.write(options.fixtures, big, options.mb * 1048576L);
            Path served = work.resolve("served");
            long perBuild = BigLog.split(big, served, options.builds);
            out.format(
                    "%d builds of %.1f MB (%.0f MB of real service logs)%n",
                    options.builds, perBuild / 1048576.0, total / 1048576.0);
            out.format(
                    "lines indexed: %s; OpenSearch's settings: %s%n",
                    options.minLevel.isBlank() ? "every line" : options.minLevel + " and above, and lines of no level",
                    options.openSearch.isEmpty() ? "the defaults" : String.join(", ", options.openSearch));
            Ingest embedded;
            Ingest scaled;
            Steady steady;
            try (StaticServer logServer = new StaticServer(served);
                    S3ProxyServer s3 = new S3ProxyServer(options.s3proxy, work.resolve("s3"))) {
                embedded = embedded(options, logServer, s3, work);
                Steady[] measured = new Steady[1];
                scaled = scaled(
                        options,
                        logServer,
                        s3,
                        work,
                        (replicas, throughput) -> measured[0] = steady(
                                options,
                                logServer,
                                replicas,
                                perBuild / 1048576.0,
                                throughput.mbPerSecond() * STEADY_SHARE));
                steady = measured[0];
            }
            out.format("%-58s %12s %12s %8s%n", "figure", "2 replicas", "embedded", "ratio");
            out.format(
                    "%-58s %9.1f MB/s %7.1f MB/s %7.2fx%n",
                    "ingest + index, wall clock",
                    scaled.mbPerSecond(),
                    embedded.mbPerSecond(),
                    scaled.mbPerSecond() / embedded.mbPerSecond());
            out.format(
                    "%-58s %9.2f MB/s %7.2f MB/s %7.2fx%n",
                    "ingest + index per core (CPU seconds of every process)",
                    scaled.mbPerCoreSecond(),
                    embedded.mbPerCoreSecond(),
                    scaled.mbPerCoreSecond() / embedded.mbPerCoreSecond());
            out.format(
                    "%-58s %9.0f ms   %7.0f ms  %7.2fx%n",
                    "build handed in -> its lines searchable, p50",
                    scaled.lag(0.5),
                    embedded.lag(0.5),
                    scaled.lag(0.5) / embedded.lag(0.5));
            out.format(
                    "%-58s %9.0f ms   %7.0f ms  %7.2fx%n",
                    "build handed in -> its lines searchable, p99",
                    scaled.lag(0.99),
                    embedded.lag(0.99),
                    scaled.lag(0.99) / embedded.lag(0.99));
            out.format(
                    "%-58s %12.2f %12.2f %7.2fx%n",
                    "index on disk / log text",
                    (double) scaled.indexBytes() / scaled.bytes(),
                    (double) embedded.indexBytes() / embedded.bytes(),
                    (double) scaled.indexBytes() / embedded.indexBytes());
            Searched one = embedded.searched();
            Searched two = scaled.searched();
            long differing = one.totals().keySet().stream()
                    .filter(q -> !one.totals().get(q).equals(two.totals().get(q)))
                    .count();
            long matching =
                    one.totals().values().stream().filter(lines -> lines > 0).count();
            out.format(
                    "%-58s %9.0f ms   %7.0f ms  %7.2fx%n",
                    "search with facets and histogram, p50",
                    two.latency(0.5),
                    one.latency(0.5),
                    two.latency(0.5) / one.latency(0.5));
            out.format(
                    "%-58s %9.0f ms   %7.0f ms  %7.2fx%n",
                    "search with facets and histogram, p99",
                    two.latency(0.99),
                    one.latency(0.99),
                    two.latency(0.99) / one.latency(0.99));
            out.format(
                    "  %d queries (elastic-recheck's signatures unchanged, 40 phrases of the logs; %d match lines), %d runs each; "
                            + "lines matched: %d queries differ between the layouts, %d between the 2 replicas%n",
                    one.totals().size(), matching, SEARCH_ROUNDS, differing, two.disagreeing());
            out.format(
                    "  CPU seconds: 2 replicas %.0f s and 2 OpenSearch nodes %.0f s (the Kafka broker runs in this driver: not counted); "
                            + "embedded %.0f s%n",
                    scaled.cpuSeconds() - scaled.searchCpuSeconds(), scaled.searchCpuSeconds(), embedded.cpuSeconds());
            out.format(
                    "  OpenSearch's size counts the primaries once, merged as they stand after the run; the embedded index is its folder%n");
            out.format("%-58s %9.0f ms%n", "steady rate: build's end -> its lines searchable, p50", steady.lag(0.5));
            out.format("%-58s %9.0f ms%n", "steady rate: build's end -> its lines searchable, p99", steady.lag(0.99));
            out.format("%-58s %9.0f ms%n", "steady rate: build's end -> its lines searchable, max", steady.lag(1.0));
            out.format(
                    "  %d builds of %.1f MB handed in one at a time at %.2f MB/s, %.0f%% of the 2 replicas' wall-clock rate above%n",
                    steady.builds(), steady.mbPerBuild(), steady.mbPerSecond(), steady.share() * 100);
            double peak = 36.0;
            out.format(
                    "  OpenStack's 2014 peak, %.0f MB/s of logs: %.0f cores on the scaled layout, %.0f on the embedded one%n%n",
                    peak, Math.ceil(peak / scaled.mbPerCoreSecond()), Math.ceil(peak / embedded.mbPerCoreSecond()));
        }
        if (options.only.contains(Phase.gerrit)) {
            GerritThroughput.Result events = GerritThroughput.measure(options.events);
            out.format("%-58s %9.0f /s%n", "Gerrit events written to Kafka and heard by a replica", events.perSecond());
            out.format("%-58s %9.1f ms%n", "  one event, written -> heard, p50", events.latencyP50Ms());
            out.format("%-58s %9.1f ms%n", "  one event, written -> heard, p99", events.latencyP99Ms());
            out.format(
                    "  OpenStack's 2014 Gerrit wrote about %d events a day: %.5f%% of this rate%n%n",
                    120_000, 100.0 * 120_000 / 86_400 / events.perSecond());
            RelayHandover.Result handover =
                    new RelayHandover(http).measure(options.sandboxJar, options.statusJar, work);
            out.format("%-58s %9d ms%n", "relay's leader killed -> the other replica leads", handover.killToLeaderMs());
            out.format(
                    "%-58s %9d ms   %7d ms  %7.2fx%n",
                    "longest silence on the topic: across the kill / before it",
                    handover.silenceAcrossMs(),
                    handover.silenceBeforeMs(),
                    (double) handover.silenceAcrossMs() / handover.silenceBeforeMs());
            out.format("%-58s %12d%n", "events Gerrit sent while the topic was read", handover.sent());
            out.format("%-58s %12d%n", "  of them missing from the topic", handover.missing());
            out.format("%-58s %12d%n", "  events on the topic twice (every reader drops the second)", handover.twice());
            out.format(
                    "  2 status-web processes relay the sandbox's Gerrit (%.1f events/s) through Kafka, the leader elected in ZooKeeper "
                            + "(sessions of %d s) and killed with SIGKILL; the next leader backfills from the events-log%n%n",
                    handover.eventsPerSecond(), RelayHandover.SESSION.toSeconds());
        }
        if (options.only.contains(Phase.status)) {
            SseFanout.Result one =
                    SseFanout.run(options.statusJar, options.clients, 1, FANOUT_WINDOW, work.resolve("status-1.log"));
            SseFanout.Result two =
                    SseFanout.run(options.statusJar, options.clients, 2, FANOUT_WINDOW, work.resolve("status-2.log"));
            out.format(
                    "%-58s %12s %12s %8s%n",
                    "status-web: " + options.clients + " event streams", "2 replicas", "1 replica", "ratio");
            out.format(
                    "%-58s %9.0f ms   %7.0f ms  %7.2fx%n",
                    "change served by Zuul -> on a client, p50",
                    two.latencyP50Ms(),
                    one.latencyP50Ms(),
                    two.latencyP50Ms() / one.latencyP50Ms());
            out.format(
                    "%-58s %9.0f ms   %7.0f ms  %7.2fx%n",
                    "change served by Zuul -> on a client, p99",
                    two.latencyP99Ms(),
                    one.latencyP99Ms(),
                    two.latencyP99Ms() / one.latencyP99Ms());
            out.format(
                    "%-58s %9.0f ms   %7.0f ms  %7.2fx%n",
                    "change served by Zuul -> on a client, max",
                    two.latencyMaxMs(),
                    one.latencyMaxMs(),
                    two.latencyMaxMs() / one.latencyMaxMs());
            out.format("%-58s %12d %12d%n", "streams open at the end", two.stillOpen(), one.stillOpen());
            out.format(
                    "%-58s %12d %12d%n",
                    "changes a client never had (of " + two.expected() + " / " + one.expected() + ")",
                    two.missed(),
                    one.missed());
            out.format(
                    "%-58s %9.0f MB   %7.0f MB  %7.2fx%n",
                    "peak resident memory of the largest replica",
                    two.peakRssBytes() / 1048576.0,
                    one.peakRssBytes() / 1048576.0,
                    (double) two.peakRssBytes() / one.peakRssBytes());
            out.format(
                    "  each replica polls Zuul itself and serves the streams spread over it in turn; all on this machine's %d cores%n",
                    Runtime.getRuntime().availableProcessors());
        }
        return report.toString();
    }

    /** One embedded logs-web: its Lucene index, the store on S3. */
    private Ingest embedded(Options options, StaticServer logServer, S3ProxyServer s3, Path work) throws Exception {
        try (AppProcess logs = AppProcess.start(
                options.jar,
                List.of("-Xmx512m"),
                logsProperties(options, work.resolve("embedded"), s3, "embedded"),
                work.resolve("embedded.log"))) {
            logs.awaitReady("/health");
            Ingest ingest = ingest(options, logServer, List.of(logs), List.of(logs.pid()), List.of(), "a");
            return ingest.with(
                    folderBytes(work.resolve("embedded").resolve("index")), searched(options, List.of(logs)));
        }
    }

    /** What runs on the scaled layout once its throughput is measured, while its replicas are up. */
    interface AfterThroughput {
        void run(List<AppProcess> replicas, Ingest throughput) throws Exception;
    }

    /** Two replicas on one Kafka broker and a two-node OpenSearch cluster, the store on S3. */
    private Ingest scaled(Options options, StaticServer logServer, S3ProxyServer s3, Path work, AfterThroughput then)
            throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start();
                OpenSearchNodes search = OpenSearchNodes.start(2, 768)) {
            List<AppProcess> replicas = new ArrayList<>();
            try {
                for (String id : List.of("a", "b")) {
                    List<String> properties =
                            new ArrayList<>(logsProperties(options, work.resolve("replica-" + id), s3, "scaled"));
                    options.openSearch.forEach(setting -> properties.add("-Dlogs.search.opensearch." + setting));
                    properties.add("-Dkafka.bootstrap-servers=" + kafka.bootstrapServers());
                    properties.add("-Dsuite.replica.id=" + id);
                    properties.add("-Dlogs.ingest.kafka.partitions=4");
                    properties.add("-Dlogs.search.opensearch.hosts=" + search.hosts());
                    replicas.add(AppProcess.start(
                            options.jar, List.of("-Xmx512m"), properties, work.resolve("replica-" + id + ".log")));
                }
                for (AppProcess replica : replicas) {
                    replica.awaitReady("/health");
                }
                Thread.sleep(5000); // both in the group before the first build
                Ingest ingest = ingest(
                        options,
                        logServer,
                        replicas,
                        replicas.stream().map(AppProcess::pid).toList(),
                        search.pids(),
                        "b");
                Ingest measured = ingest.with(primaryStoreBytes(search), searched(options, replicas));
                then.run(replicas, measured);
                return measured;
            } finally {
                for (AppProcess replica : replicas) {
                    replica.close();
                }
            }
        }
    }

    private static List<String> logsProperties(Options options, Path dir, S3ProxyServer s3, String bucket) {
        return List.of(
                "-Dlogs.search.min-level=" + options.minLevel,
                "-Dlogs.dir=" + dir,
                "-Dlogs.upload-tokens=" + TOKEN,
                "-Dlogs.ingest.workers=2",
                "-Dlogs.s3.endpoint=" + s3.endpoint(),
                "-Dlogs.s3.bucket=" + bucket,
                "-Dlogs.s3.access-key=" + S3ProxyServer.ACCESS_KEY,
                "-Dlogs.s3.secret-key=" + S3ProxyServer.SECRET_KEY);
    }

    /**
     * Hands every build in (to the replicas in turn), one every interval the layout keeps up with,
     * and waits until each is searchable on the last replica: the lag is from handing it in to that.
     */
    private Ingest ingest(
            Options options,
            StaticServer logServer,
            List<AppProcess> sites,
            List<Long> sitePids,
            List<Long> searchPids,
            String tag)
            throws Exception {
        double cpuBefore = cpuSeconds(sitePids);
        double searchCpuBefore = cpuSeconds(searchPids);
        long start = System.nanoTime();
        long[] handedIn = new long[options.builds];
        for (int i = 0; i < options.builds; i++) {
            handedIn[i] = System.nanoTime();
            handIn(sites.get(i % sites.size()), logServer, i, tag);
        }
        AppProcess last = sites.get(sites.size() - 1);
        List<Double> lags = new ArrayList<>();
        long bytes = 0;
        boolean[] searchable = new boolean[options.builds];
        int left = options.builds;
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (left > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(left + " builds were not searchable within 20 minutes");
            }
            for (int i = 0; i < options.builds; i++) {
                if (searchable[i]) {
                    continue;
                }
                long size = searchableBytes(last, uuid(i, tag));
                if (size >= 0) {
                    lags.add((System.nanoTime() - handedIn[i]) / 1e6);
                    bytes += size;
                    searchable[i] = true;
                    left--;
                }
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double searchCpu = cpuSeconds(searchPids) - searchCpuBefore;
        return new Ingest(seconds, bytes, cpuSeconds(sitePids) - cpuBefore + searchCpu, searchCpu, 0, lags, null);
    }

    private static String uuid(int build, String tag) {
        return "%04d%s0000beef".formatted(build, tag);
    }

    /** Hands a build in as Zuul's result would: its logs are those of the served folder build-N. */
    private void handIn(AppProcess site, StaticServer logServer, int build, String tag)
            throws IOException, InterruptedException {
        String body = """
                {"uuid": "%s", "job_name": "bench-scale", "result": "SUCCESS", "pipeline": "check", "log_url": "%s",
                 "ref": {"project": "Juniper/contrail-controller", "change": %d, "patchset": 1}}
                """.formatted(uuid(build, tag), logServer.url("build-" + build + "/"), 700000 + build);
        HttpResponse<String> accepted = http.send(
                HttpRequest.newBuilder(site.url("/api/builds"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException(
                    "build " + build + " was not accepted: " + accepted.statusCode() + " " + accepted.body());
        }
    }

    private static final int SEARCH_ROUNDS = 3;

    /**
     * Runs elastic-recheck's signatures (unchanged) and 40 phrases of the logs on the sites: once on
     * each to warm up and count the lines each matches there, then {@link #SEARCH_ROUNDS} more
     * times, the sites in turn, timed.
     */
    private Searched searched(Options options, List<AppProcess> sites) throws Exception {
        List<String> queries = new ArrayList<>(SearchBench.signatures(options.signatures));
        Corpus.phrases(options.fixtures, 40, new Random(7))
                .forEach(phrase -> queries.add("message:\"" + phrase + "\""));
        Map<String, Long> totals = new LinkedHashMap<>();
        int disagreeing = 0;
        for (String query : queries) {
            Set<Long> counts = new HashSet<>();
            for (AppProcess site : sites) {
                counts.add(hits(site, query));
            }
            totals.put(query, counts.iterator().next());
            disagreeing += counts.size() > 1 ? 1 : 0;
        }
        List<Double> latencies = new ArrayList<>();
        for (int round = 0; round < SEARCH_ROUNDS; round++) {
            for (int i = 0; i < queries.size(); i++) {
                AppProcess site = sites.get((i + round) % sites.size());
                long started = System.nanoTime();
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(site.url("/api/search?size=20&q="
                                        + URLEncoder.encode(queries.get(i), StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                latencies.add((System.nanoTime() - started) / 1e6);
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException(
                            queries.get(i) + " answered " + answer.statusCode() + ": " + answer.body());
                }
            }
        }
        return new Searched(latencies, totals, disagreeing);
    }

    /** The bytes of a build once it is stored and its lines searchable on a site; -1 before. */
    private long searchableBytes(AppProcess site, String uuid) throws IOException, InterruptedException {
        String record = get(site.url("/api/builds/" + uuid));
        Matcher stateOf = STATE.matcher(record);
        String state = stateOf.find() ? stateOf.group(1) : "";
        if (state.equals("failed")) {
            throw new IllegalStateException("build " + uuid + " failed: " + record);
        }
        if (state.equals("done") && hits(site, "build_uuid:" + uuid) > 0) {
            Matcher size = BYTES.matcher(record);
            return size.find() ? Long.parseLong(size.group(1)) : 0;
        }
        return -1;
    }

    /** Share of the measured wall-clock rate the steady phase hands builds in at: a layout sized with headroom. */
    private static final double STEADY_SHARE = 0.6;

    private static final int STEADY_BUILDS = 12;

    /**
     * Hands builds in one at a time at a steady rate (the replicas in turn), as finished builds come
     * at a CI's peak, and measures each one's lag from being handed in to its lines being
     * searchable on the other replica: the lag a user sees, without a queue of the bench's making.
     */
    private Steady steady(
            Options options, StaticServer logServer, List<AppProcess> replicas, double mbPerBuild, double mbPerSecond)
            throws Exception {
        int count = Math.min(STEADY_BUILDS, options.builds);
        long interval = (long) (mbPerBuild / mbPerSecond * 1e9);
        long[] handedIn = new long[count];
        boolean[] searchable = new boolean[count];
        List<Double> lags = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(10).toNanos();
        int next = 0;
        while (lags.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        (count - lags.size()) + " builds of the steady phase were not searchable within 10 minutes");
            }
            if (next < count && System.nanoTime() >= start + next * interval) {
                handedIn[next] = System.nanoTime();
                handIn(replicas.get(next % replicas.size()), logServer, next, "c");
                next++;
            }
            for (int i = 0; i < next; i++) {
                if (!searchable[i] && searchableBytes(replicas.get((i + 1) % replicas.size()), uuid(i, "c")) >= 0) {
                    lags.add((System.nanoTime() - handedIn[i]) / 1e6);
                    searchable[i] = true;
                }
            }
            Thread.sleep(100);
        }
        return new Steady(count, mbPerBuild, mbPerSecond, STEADY_SHARE, lags);
    }

    /** The bytes of the files under a folder. */
    private static long folderBytes(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> {
                        try {
                            return Files.size(file);
                        } catch (IOException gone) {
                            return 0;
                        }
                    })
                    .sum();
        }
    }

    /** What the cluster's primaries take on disk, after a flush. */
    private long primaryStoreBytes(OpenSearchNodes search) throws IOException, InterruptedException {
        http.send(
                HttpRequest.newBuilder(URI.create(search.url(0) + "/_flush"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        String stats = get(URI.create(search.url(0) + "/_stats/store"));
        Matcher size = Pattern.compile("\"primaries\":\\{[^}]*?\"store\":\\{\"size_in_bytes\":(\\d+)")
                .matcher(stats);
        return size.find() ? Long.parseLong(size.group(1)) : 0;
    }

    private long hits(AppProcess site, String query) throws IOException, InterruptedException {
        String answer = get(site.url("/api/search?size=0&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)));
        Matcher total = Pattern.compile("\"total\":(\\d+)").matcher(answer);
        return total.find() ? Long.parseLong(total.group(1)) : 0;
    }

    private String get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** CPU time the processes have used so far (user and system), from the kernel's accounting. */
    private static double cpuSeconds(List<Long> pids) {
        double seconds = 0;
        for (long pid : pids) {
            seconds += ProcessHandle.of(pid)
                    .flatMap(p -> p.info().totalCpuDuration())
                    .map(d -> d.toNanos() / 1e9)
                    .orElse(0.0);
        }
        return seconds;
    }
}
