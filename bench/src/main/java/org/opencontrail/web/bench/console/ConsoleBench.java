package org.opencontrail.web.bench.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencontrail.web.bench.AppProcess;
import org.opencontrail.web.bench.BenchOptions;
import org.opencontrail.web.bench.Quantiles;
import org.opencontrail.web.bench.SandboxProcess;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.fixtures.SseEvents;
import org.opencontrail.web.shared.io.Trees;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./suite bench console}: {@code --viewers} (1,000) people watching one running build's
 * console. On logs-web each viewer follows {@code /stream/{uuid}}, which reads the build's console
 * once from the sandbox's Zuul console stream; the anchor is Zuul's own page, where each viewer
 * opens the console stream itself (one upstream stream per viewer). For every line the sandbox's
 * job writes after the viewers are in, the time from the moment it was written (its time stamp) to
 * its arrival at each viewer: p50, p99 and the worst, the lines that never arrived, and the
 * upstream connections each side made. Goal: p99 under 250 ms on logs-web, with one upstream.
 */
public final class ConsoleBench {

    private static final double GOAL_MS = 250;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final Pattern ROW_TIME = Pattern.compile("data-time=\"([^\"]+)\"");
    private static final Pattern LINE_TIME =
            Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}) \\| ");
    private static final String HIDDEN_PROJECT = "Juniper/contrail-embargoed";

    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService io = Executors.newFixedThreadPool(4);
    private final HttpClient http =
            Http.builder().executor(io).connectTimeout(Duration.ofSeconds(30)).build();

    private ConsoleBench() {}

    @Command(
            name = "bench console",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description =
                    "Many viewers of one running build's console: logs-web's live console against Zuul's own stream.")
    static final class Options {
        @Option(names = "--jar", required = true, description = "logs-web's jar")
        Path jar;

        @Option(names = "--sandbox-jar", required = true, description = "the sandbox's jar")
        Path sandboxJar;

        @Option(
                names = "--viewers",
                defaultValue = "1000",
                description = "viewers of the console (default: ${DEFAULT-VALUE})")
        int viewers;

        @Option(
                names = "--speed",
                defaultValue = "30",
                description =
                        "the sandbox's simulated seconds per second: a 30-minute job runs a minute (default: ${DEFAULT-VALUE})")
        int speed;

        @Option(
                names = "--out",
                defaultValue = "target/bench-console.txt",
                description = "a copy of the report (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(
                names = "--work",
                defaultValue = "target/bench-console",
                description = "where the sandbox and logs-web keep their files")
        Path work;
    }

    /**
     * One side's figures.
     *
     * @param samples    (viewer, line) pairs that arrived
     * @param expected   (viewer, line) pairs written while every viewer was in
     * @param p50Ms      written → arrived, median
     * @param p99Ms      the same, 99th percentile
     * @param maxMs      the same, worst
     * @param upstreams  console streams the sandbox opened for the build
     * @param connected  viewers connected
     */
    record Side(long samples, long expected, double p50Ms, double p99Ms, double maxMs, long upstreams, int connected) {}

    public static void main(String[] args) throws Exception {
        ConsoleBench bench = new ConsoleBench();
        try {
            bench.run(BenchOptions.parse(new Options(), args));
        } finally {
            bench.io.shutdownNow();
        }
    }

    private void run(Options options) throws Exception {
        PrintStream out = System.out;
        Path work = options.work.toAbsolutePath();
        Trees.delete(work);
        Files.createDirectories(work);
        out.println("Starting the sandbox at " + options.speed + " times real time, and logs-web fed by it...");
        try (SandboxProcess sandbox =
                SandboxProcess.start(options.sandboxJar, work.resolve("sandbox"), options.speed)) {
            List<String> properties = new ArrayList<>(sandbox.properties());
            properties.add("-Dlogs.dir=" + work.resolve("logs-web"));
            try (AppProcess logs =
                    AppProcess.start(options.jar, List.of("-Xmx1g"), properties, work.resolve("logs-web.log"))) {
                logs.awaitReady("/health");
                AppProcess.RssSampler rss = new AppProcess.RssSampler(logs.pid());
                rss.start();
                out.printf(Locale.ROOT, "logs-web: %,d viewers of /stream/{uuid}%n", options.viewers);
                Side site = logsWeb(options, sandbox, logs, out);
                rss.interrupt();
                out.printf(Locale.ROOT, "Zuul's own page: %,d viewers, each on the console stream%n", options.viewers);
                Side anchor = zuul(options, sandbox, logs, out);
                List<String> report = report(options, site, anchor, rss.peak());
                out.println();
                report.forEach(out::println);
                Files.createDirectories(options.out.toAbsolutePath().getParent());
                Files.write(options.out, report);
            }
        }
    }

    private static List<String> report(Options options, Side site, Side anchor, long peakRss) {
        List<String> report = new ArrayList<>();
        report.add(String.format(
                Locale.ROOT,
                "live console: %,d viewers of one running build, the sandbox at %dx, %d cores",
                options.viewers,
                options.speed,
                Runtime.getRuntime().availableProcessors()));
        report.add(String.format(
                Locale.ROOT,
                "%-34s %9s %9s %9s %12s %10s %10s",
                "",
                "p50 ms",
                "p99 ms",
                "max ms",
                "arrived",
                "connected",
                "upstreams"));
        report.add(row("logs-web /stream/{uuid}", site));
        report.add(row("Zuul's page (a stream per viewer)", anchor));
        report.add(String.format(
                Locale.ROOT,
                "logs-web against Zuul's page: p99 %.2fx, upstream connections %d against %d; logs-web's peak RSS %d MB",
                site.p99Ms() / Math.max(anchor.p99Ms(), 0.001),
                site.upstreams(),
                anchor.upstreams(),
                peakRss / (1024 * 1024)));
        report.add("(written: the line's time stamp, when the sandbox's job wrote it; the sandbox's stream looks for"
                + " new lines every 100 ms, on both sides alike)");
        boolean met = site.p99Ms() < GOAL_MS && site.upstreams() == 1 && site.samples() == site.expected();
        report.add(String.format(
                Locale.ROOT,
                "goal: p99 under %.0f ms, one upstream connection, every line to every viewer: %s",
                GOAL_MS,
                met ? "met" : "not met"));
        return report;
    }

    private static String row(String name, Side side) {
        return String.format(
                Locale.ROOT,
                "%-34s %9.1f %9.1f %9.1f %12s %10d %10d",
                name,
                side.p50Ms(),
                side.p99Ms(),
                side.maxMs(),
                side.samples() + "/" + side.expected(),
                side.connected(),
                side.upstreams());
    }

    /** A build that has just started, in a project logs-web shows, with a run of {@code minSeconds} or more ahead. */
    private String freshBuild(SandboxProcess sandbox, AppProcess logs, long minSeconds) throws Exception {
        String zuul = sandbox.endpoint("ZUUL_URL");
        URI status = URI.create(
                (zuul.endsWith("/") ? zuul : zuul + "/") + "api/tenant/" + sandbox.endpoint("ZUUL_TENANT") + "/status");
        Http plain = Http.plain();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode tree = json.readTree(plain.get(status).body());
            for (String uuid : started(tree, minSeconds)) {
                if (Http.at(logs.url("")).get("/stream/" + uuid).statusCode() == 200) {
                    return uuid;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no build started in the sandbox for five minutes");
    }

    private static List<String> started(JsonNode status, long minSeconds) {
        long now = Instant.now().getEpochSecond();
        List<String> found = new ArrayList<>();
        for (JsonNode item : status.findValues("heads")) {
            for (JsonNode head : item) {
                for (JsonNode change : head) {
                    if (change.toString().contains(HIDDEN_PROJECT)) {
                        continue;
                    }
                    for (JsonNode job : change.path("jobs")) {
                        if (job.path("uuid").isTextual()
                                && job.path("result").isNull()
                                && job.path("start_time").canConvertToLong()
                                && now - job.path("start_time").asLong() <= 2
                                && job.path("estimated_time").asDouble() >= minSeconds) {
                            found.add(job.path("uuid").asText());
                        }
                    }
                }
            }
        }
        return found;
    }

    private Side logsWeb(Options options, SandboxProcess sandbox, AppProcess logs, PrintStream out) throws Exception {
        String uuid = freshBuild(sandbox, logs, 20);
        out.println("  build " + uuid);
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger ended = new AtomicInteger();
        Instant[] since = {Instant.MAX};
        List<SseEvents> viewers = new ArrayList<>();
        for (int i = 0; i < options.viewers; i++) {
            viewers.add(SseEvents.open(http, logs.url("/stream/" + uuid + "/events"), event -> {
                Instant arrived = Instant.now();
                if (event.name().equals("end")) {
                    ended.incrementAndGet();
                } else if (event.name().equals("lines")) {
                    Matcher times = ROW_TIME.matcher(html(event.data()));
                    while (times.find()) {
                        Instant written = stamp(times.group(1));
                        if (!written.isBefore(since[0])) {
                            latencies.add(Duration.between(written, arrived).toNanos() / 1e6);
                        }
                    }
                }
            }));
            if (i % 100 == 99) {
                Thread.sleep(20);
            }
        }
        int connected = connected(viewers);
        if (connected < viewers.size()) {
            viewers.stream()
                    .filter(viewer -> viewer.response().isCompletedExceptionally())
                    .findFirst()
                    .ifPresent(viewer -> out.println("  a viewer could not connect: "
                            + viewer.response()
                                    .handle((answer, error) -> String.valueOf(error))
                                    .join()));
        }
        out.printf(Locale.ROOT, "  %,d viewers connected%n", connected);
        since[0] = Instant.now().plusSeconds(1);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (ended.get() < connected && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        viewers.forEach(SseEvents::close);
        long lines = linesAfter(sandbox, uuid, since[0]);
        return side(latencies, lines * connected, upstreams(sandbox, uuid), connected);
    }

    private Side zuul(Options options, SandboxProcess sandbox, AppProcess logs, PrintStream out) throws Exception {
        String uuid = freshBuild(sandbox, logs, 20);
        out.println("  build " + uuid);
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger ended = new AtomicInteger();
        AtomicInteger open = new AtomicInteger();
        Instant[] since = {Instant.MAX};
        URI stream = URI.create(sandbox.endpoint("ZUUL_CONSOLE_STREAM"));
        String request = "{\"uuid\": \"" + uuid + "\", \"logfile\": \"console.log\"}";
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < options.viewers; i++) {
            WebSocket.Listener listener = new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public void onOpen(WebSocket socket) {
                    open.incrementAndGet();
                    socket.request(1);
                }

                @Override
                public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                    Instant arrived = Instant.now();
                    for (int c = 0; c < data.length(); c++) {
                        char ch = data.charAt(c);
                        if (ch == '\n') {
                            Matcher time = LINE_TIME.matcher(partial);
                            if (time.find()) {
                                Instant written = stamp(time.group(1));
                                if (!written.isBefore(since[0])) {
                                    latencies.add(
                                            Duration.between(written, arrived).toNanos() / 1e6);
                                }
                            }
                            partial.setLength(0);
                        } else {
                            partial.append(ch);
                        }
                    }
                    socket.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                    ended.incrementAndGet();
                    return null;
                }
            };
            WebSocket socket =
                    http.newWebSocketBuilder().buildAsync(stream, listener).join();
            var unused = socket.sendText(request, true);
            sockets.add(socket);
            if (i % 100 == 99) {
                Thread.sleep(20);
            }
        }
        int connected = open.get();
        since[0] = Instant.now().plusSeconds(1);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (ended.get() < connected && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        sockets.forEach(WebSocket::abort);
        long lines = linesAfter(sandbox, uuid, since[0]);
        return side(latencies, lines * connected, upstreams(sandbox, uuid), connected);
    }

    private static int connected(List<SseEvents> viewers) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int connected = 0;
        while (System.nanoTime() < deadline) {
            connected = (int) viewers.stream().filter(SseEvents::opened).count();
            if (connected == viewers.size()) {
                break;
            }
            Thread.sleep(100);
        }
        return connected;
    }

    private static Side side(ConcurrentLinkedQueue<Double> latencies, long expected, long upstreams, int connected) {
        List<Double> all = new ArrayList<>(latencies);
        return new Side(
                all.size(),
                expected,
                Quantiles.of(all, 0.5),
                Quantiles.of(all, 0.99),
                all.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                upstreams,
                connected);
    }

    /** The lines of the build's stored console written at or after {@code since}: what every viewer should have had. */
    private long linesAfter(SandboxProcess sandbox, String uuid, Instant since) throws IOException {
        String text = Http.at(sandbox.endpoint("ZUUL_CONSOLE_STREAM")
                        .replaceFirst("^ws", "http")
                        .replaceFirst("/zuul/api/tenant/.*$", "/"))
                .get("jenkins/job/bench/" + uuid + "/logText/progressiveText?start=0")
                .body();
        return text.lines()
                .map(LINE_TIME::matcher)
                .filter(Matcher::find)
                .filter(time -> !stamp(time.group(1)).isBefore(since))
                .count();
    }

    /** Console streams the sandbox opened for the build (its log says each one), the count read above left out. */
    private static long upstreams(SandboxProcess sandbox, String uuid) throws IOException {
        return Files.readAllLines(sandbox.log()).stream()
                .filter(line -> line.contains("console stream of build " + uuid + " opened"))
                .count();
    }

    private String html(String data) {
        try {
            return json.readTree(data).path("html").asText();
        } catch (IOException e) {
            return "";
        }
    }

    private static Instant stamp(String text) {
        return LocalDateTime.parse(text, STAMP).toInstant(ZoneOffset.UTC);
    }
}
