package org.opencontrail.web.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.opencontrail.web.bench.AppProcess;
import org.opencontrail.web.bench.BenchOptions;
import org.opencontrail.web.bench.Quantiles;
import org.opencontrail.web.bench.SandboxProcess;
import org.opencontrail.web.fixtures.Http;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./suite bench load}: each app driven past its limits on loopback, bounded in time and
 * count, while the sandbox CI runs at ten times its usual speed. status-web: listeners on the event
 * stream, more than its stream limit; logs-web: searches as fast as clients can send them while it
 * ingests; git-web: concurrent real {@code git clone}s beside page traffic. For each: what was served,
 * what was shed (503 with Retry-After) and what failed otherwise, latency p50/p99, peak memory, and
 * whether normal answers come back once the load stops.
 */
public final class LoadBench {

    private static final HttpClient HTTP = Http.builder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newCachedThreadPool())
            .build();

    private final Path work;
    private final List<String> report = new ArrayList<>();

    private LoadBench(Path work) {
        this.work = work;
    }

    @Command(
            name = "bench load",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description =
                    "Each app past its limits, fed by a sandbox CI: what is served, what is turned away, how fast.")
    static final class Options {
        @Option(names = "--sandbox-jar", required = true, description = "the sandbox CI's jar")
        Path sandboxJar;

        @Option(names = "--status-jar", required = true, description = "status-web's jar")
        Path statusJar;

        @Option(names = "--logs-jar", required = true, description = "logs-web's jar")
        Path logsJar;

        @Option(names = "--git-jar", required = true, description = "git-web's jar")
        Path gitJar;

        @Option(
                names = "--listeners",
                defaultValue = "5000",
                description = "status event streams (default: ${DEFAULT-VALUE})")
        int listeners;

        @Option(
                names = "--searchers",
                defaultValue = "200",
                description = "concurrent searchers (default: ${DEFAULT-VALUE})")
        int searchers;

        @Option(names = "--clones", defaultValue = "50", description = "concurrent clones (default: ${DEFAULT-VALUE})")
        int clones;

        @Option(
                names = "--seconds",
                defaultValue = "30",
                description = "seconds each load runs (default: ${DEFAULT-VALUE})")
        int seconds;
    }

    public static void main(String[] args) throws Exception {
        Options options = BenchOptions.parse(new Options(), args);
        Path work = Path.of("target", "bench-load");
        deleteTree(work); // each run starts from nothing: no mirror, index or clone of an earlier one
        Files.createDirectories(work);
        LoadBench bench = new LoadBench(work);
        int seconds = options.seconds;
        try (SandboxProcess sandbox = SandboxProcess.start(options.sandboxJar, work.resolve("sandbox"))) {
            List<String> fed = sandbox.properties();
            bench.status(options.statusJar, fed, options.listeners, seconds);
            bench.logs(options.logsJar, fed, options.searchers, seconds, Tight.NO);
            bench.logs(options.logsJar, fed, options.searchers, seconds, Tight.YES);
            bench.git(options.gitJar, fed, options.clones, seconds, Tight.NO);
            bench.git(options.gitJar, fed, options.clones, seconds, Tight.YES);
        }
        String text = String.join("\n", bench.report) + "\n";
        System.out.print(text);
        Files.writeString(Path.of("target", "bench-load.txt"), text);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** status-web: listeners past the stream limit, the sandbox's changes flowing to them all. */
    private void status(Path jar, List<String> fed, int listeners, int seconds) throws Exception {
        int limit = listeners * 9 / 10; // so that the last tenth is turned away
        List<String> properties = new ArrayList<>(fed);
        properties.add("-Dsuite.limits.stream.concurrent=" + limit);
        try (AppProcess app = AppProcess.start(jar, List.of("-Xmx512m"), properties, work.resolve("status-web.log"))) {
            app.awaitReady("/health/liveness");
            latencies(app.url("/"), 50); // warm
            Latencies before = latencies(app.url("/"), 20);
            List<Listener> open = Collections.synchronizedList(new ArrayList<>());
            Counts counts = new Counts();
            for (int i = 0; i < listeners; i++) {
                // a 200 streams on into a listener that counts bytes; anything else is counted and read to its end
                HTTP.sendAsync(
                                HttpRequest.newBuilder(app.url("/api/stream"))
                                        .header("Accept", "text/event-stream")
                                        .header("Accept-Encoding", "gzip")
                                        .build(),
                                info -> {
                                    counts.count(
                                            info.statusCode(),
                                            info.headers()
                                                    .firstValue("Retry-After")
                                                    .isPresent());
                                    if (info.statusCode() != 200) {
                                        return HttpResponse.BodySubscribers.discarding();
                                    }
                                    Listener listener = new Listener();
                                    open.add(listener);
                                    return HttpResponse.BodySubscribers.fromSubscriber(listener);
                                })
                        .exceptionally(e -> {
                            counts.failed.incrementAndGet();
                            return null;
                        });
            }
            waitFor(
                    () -> counts.total() + counts.failed.get() >= listeners,
                    Duration.ofMinutes(2),
                    "every listener answered");
            Thread.sleep(seconds * 1000L);
            Latencies during = latencies(app.url("/"), 20);
            long received = open.stream().mapToLong(Listener::bytes).sum();
            long silent = open.stream().filter(l -> l.bytes() == 0).count();
            int leaving = open.size() / 5;
            for (int i = 0; i < leaving; i++) {
                open.remove(open.size() - 1).close();
            }
            // (a cancelled listener's connection closes, and with it its turn)
            Counts after = new Counts();
            Thread.sleep(2000);
            for (int i = 0; i < leaving / 2; i++) {
                HttpResponse<InputStream> answer = HTTP.send(
                        HttpRequest.newBuilder(app.url("/api/stream")).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                after.count(answer.statusCode(), false);
                close(answer.body());
            }
            open.forEach(Listener::close);
            report.add(
                    "status-web: %d listeners asked for /api/stream at once, limit %d (-Xmx512m), sandbox at 10x, %d s"
                            .formatted(listeners, limit, seconds));
            report.add("  listening %d, turned away 503 %d (all with Retry-After: %s), failed otherwise %d"
                    .formatted(
                            counts.ok.get(),
                            counts.shed.get(),
                            counts.shed.get() == counts.shedWithRetry.get(),
                            counts.failed.get() + counts.other.get()));
            report.add("  events received %.1f MB in all, listeners that received nothing %d"
                    .formatted(received / 1e6, silent));
            report.add("  overview page p50/p99 idle %s, with every listener %s (x%.1f)"
                    .formatted(before, during, during.p50() / before.p50()));
            report.add("  after a fifth left, %d new listeners: %d served".formatted(leaving / 2, after.ok.get()));
            report.add("  peak resident memory %d MB".formatted(app.peakRssBytes() >> 20));
        }
    }

    /**
     * Whether a pass runs with the app's default limits, or with limits far below them so that the
     * load of two cores is past them: shedding and recovery seen under real traffic.
     */
    private enum Tight {
        NO,
        YES
    }

    /** logs-web: searchers in a closed loop, past the search limit, while the sandbox's builds are ingested. */
    private void logs(Path jar, List<String> fed, int searchers, int seconds, Tight tight) throws Exception {
        Path dir = work.resolve(tight == Tight.YES ? "logs-data-tight" : "logs-data");
        List<String> properties = new ArrayList<>(fed);
        properties.add("-Dlogs.dir=" + dir);
        if (tight == Tight.YES) {
            properties.addAll(List.of(
                    "-Dsuite.limits.search.concurrent=1",
                    "-Dsuite.limits.search.queue=4",
                    "-Dsuite.limits.search.max-wait=1s"));
        }
        try (AppProcess app = AppProcess.start(jar, List.of("-Xmx512m"), properties, work.resolve("logs-web.log"))) {
            app.awaitReady("/health/liveness");
            URI search = app.url(
                    "/api/search?size=20&q=" + java.net.URLEncoder.encode("message:ERROR OR message:failed", "UTF-8"));
            waitFor(() -> total(search) > 0, Duration.ofMinutes(3), "builds searchable");
            long buildsBefore = storedBuilds(app);
            latencies(search, 50); // warm
            Latencies idle = latencies(search, 20);
            Counts counts = new Counts();
            ConcurrentLinkedQueue<Long> served = new ConcurrentLinkedQueue<>();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            ExecutorService clients = Executors.newFixedThreadPool(searchers);
            for (int i = 0; i < searchers; i++) {
                var unused = clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        long started = System.nanoTime();
                        try {
                            HttpResponse<Void> answer = HTTP.send(
                                    HttpRequest.newBuilder(search)
                                            .timeout(Duration.ofSeconds(30))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding());
                            counts.count(
                                    answer.statusCode(),
                                    answer.headers().firstValue("Retry-After").isPresent());
                            if (answer.statusCode() == 200) {
                                served.add(System.nanoTime() - started);
                            } else if (answer.statusCode() == 503) {
                                Thread.sleep(200); // a polite client backs off a little
                            }
                        } catch (IOException e) {
                            counts.failed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            clients.shutdown();
            clients.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
            long buildsAfter = storedBuilds(app);
            Latencies under = Latencies.of(new ArrayList<>(served));
            int recovered = latencies(search, 5).count();
            report.add("logs-web: %d searchers in a closed loop for %d s (limit %s), ingesting at 10x"
                    .formatted(
                            searchers,
                            seconds,
                            tight == Tight.YES
                                    ? "tightened to 1 at once, 4 waiting up to 1 s"
                                    : "4 at once, 64 waiting up to 10 s"));
            report.add("  served %d (%.0f/s), turned away 503 %d (all with Retry-After: %s), failed otherwise %d"
                    .formatted(
                            counts.ok.get(),
                            counts.ok.get() / (double) seconds,
                            counts.shed.get(),
                            counts.shed.get() == counts.shedWithRetry.get(),
                            counts.failed.get() + counts.other.get()));
            report.add("  search p50/p99 idle %s, under load %s".formatted(idle, under));
            report.add("  builds stored meanwhile %d; after the load, %d of 5 searches served"
                    .formatted(buildsAfter - buildsBefore, recovered));
            report.add("  peak resident memory %d MB".formatted(app.peakRssBytes() >> 20));
        }
    }

    /** git-web: concurrent clones of the biggest mirror beside page traffic. */
    private void git(Path jar, List<String> fed, int clones, int seconds, Tight tight) throws Exception {
        List<String> properties = new ArrayList<>(fed);
        properties.add("-Dgit.dir=" + work.resolve(tight == Tight.YES ? "git-data-tight" : "git-data"));
        if (tight == Tight.YES) {
            properties.addAll(List.of("-Dsuite.limits.clone.concurrent=4", "-Dsuite.limits.clone.queue=8"));
        }
        try (AppProcess app = AppProcess.start(jar, List.of("-Xmx512m"), properties, work.resolve("git-web.log"))) {
            app.awaitReady("/health/liveness");
            String project = "Juniper/contrail-controller";
            URI log = app.url("/" + project + "/+log/master");
            waitFor(() -> status(log) == 200, Duration.ofMinutes(3), "the mirror of " + project);
            List<URI> pages = List.of(
                    log,
                    app.url("/" + project + "/+/master/"),
                    app.url("/" + project + "/+/master/README.md"),
                    app.url("/" + project + "/+/master"),
                    app.url("/"));
            latencies(pages.get(0), 50); // warm
            Latencies idle = latencies(pages.get(0), 20);
            Counts pageCounts = new Counts();
            ConcurrentLinkedQueue<Long> pageTimes = new ConcurrentLinkedQueue<>();
            AtomicInteger cloneFailures = new AtomicInteger();
            ConcurrentLinkedQueue<Long> cloneTimes = new ConcurrentLinkedQueue<>();
            ExecutorService load = Executors.newFixedThreadPool(clones + 8);
            List<Future<?>> running = new ArrayList<>();
            long pagesEnd = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            for (int i = 0; i < clones; i++) {
                Path into = work.resolve(tight == Tight.YES ? "clones-tight" : "clones")
                        .resolve("c" + i);
                Files.createDirectories(into.getParent());
                running.add(load.submit(() -> {
                    long started = System.nanoTime();
                    Process git = new ProcessBuilder(
                                    "git",
                                    "clone",
                                    "--quiet",
                                    "--no-checkout",
                                    app.url("/" + project).toString(),
                                    into.toString())
                            .redirectErrorStream(true)
                            .redirectOutput(into.resolveSibling(into.getFileName() + ".log")
                                    .toFile())
                            .start();
                    if (!git.waitFor(10, TimeUnit.MINUTES) || git.exitValue() != 0) {
                        cloneFailures.incrementAndGet();
                    } else {
                        cloneTimes.add(System.nanoTime() - started);
                    }
                    return null;
                }));
            }
            for (int i = 0; i < 8; i++) {
                int first = i;
                running.add(load.submit(() -> {
                    for (int n = first; System.nanoTime() < pagesEnd; n++) {
                        long started = System.nanoTime();
                        try {
                            HttpResponse<Void> answer = HTTP.send(
                                    HttpRequest.newBuilder(pages.get(n % pages.size()))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding());
                            pageCounts.count(
                                    answer.statusCode(),
                                    answer.headers().firstValue("Retry-After").isPresent());
                            if (answer.statusCode() == 200) {
                                pageTimes.add(System.nanoTime() - started);
                            }
                        } catch (IOException e) {
                            pageCounts.failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> task : running) {
                task.get();
            }
            load.shutdown();
            int recovered = latencies(pages.get(0), 5).count();
            report.add("git-web: %d concurrent git clone of %s (limit %s) and 8 page clients for %d s"
                    .formatted(
                            clones,
                            project,
                            tight == Tight.YES
                                    ? "tightened to 4 at once, 8 waiting"
                                    : "8 at once, 64 waiting up to 60 s",
                            seconds));
            report.add("  clones done %d, refused (git reports the 503) %d, clone time p50/p99 %s"
                    .formatted(cloneTimes.size(), cloneFailures.get(), Latencies.of(new ArrayList<>(cloneTimes))));
            int again = cloneOnce(
                    app.url("/" + project), work.resolve(tight == Tight.YES ? "clone-after-tight" : "clone-after"));
            report.add("  a clone after the load: %s".formatted(again == 0 ? "done" : "failed"));
            report.add("  pages served %d (%.0f/s), turned away 503 %d, failed otherwise %d"
                    .formatted(
                            pageCounts.ok.get(),
                            pageCounts.ok.get() / (double) seconds,
                            pageCounts.shed.get(),
                            pageCounts.failed.get() + pageCounts.other.get()));
            report.add("  log page p50/p99 idle %s, pages under load %s; after the load, %d of 5 served"
                    .formatted(idle, Latencies.of(new ArrayList<>(pageTimes)), recovered));
            report.add("  peak resident memory %d MB".formatted(app.peakRssBytes() >> 20));
        }
    }

    private static int cloneOnce(URI url, Path into) throws Exception {
        Process git = new ProcessBuilder("git", "clone", "--quiet", "--no-checkout", url.toString(), into.toString())
                .redirectErrorStream(true)
                .redirectOutput(into.resolveSibling(into.getFileName() + ".log").toFile())
                .start();
        return git.waitFor(5, TimeUnit.MINUTES) ? git.exitValue() : -1;
    }

    /** Answers by kind. */
    private static final class Counts {
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger shed = new AtomicInteger();
        final AtomicInteger shedWithRetry = new AtomicInteger();
        final AtomicInteger other = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();

        int total() {
            return ok.get() + shed.get() + other.get();
        }

        void count(int status, boolean retryAfter) {
            if (status == 200) {
                ok.incrementAndGet();
            } else if (status == 503) {
                shed.incrementAndGet();
                if (retryAfter) {
                    shedWithRetry.incrementAndGet();
                }
            } else {
                other.incrementAndGet();
            }
        }
    }

    /** Times of answers served, in nanoseconds. */
    private record Latencies(List<Long> nanos) {
        static Latencies of(List<Long> nanos) {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            return new Latencies(sorted);
        }

        int count() {
            return nanos.size();
        }

        double p50() {
            return at(0.5);
        }

        private double at(double quantile) {
            return Quantiles.of(nanos, quantile) / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f/%.1f ms", at(0.5), at(0.99));
        }
    }

    /** One listener's stream, its bytes counted as they come, no thread of its own. */
    private static final class Listener implements Flow.Subscriber<List<ByteBuffer>> {
        private final AtomicLong bytes = new AtomicLong();
        private volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            buffers.forEach(buffer -> bytes.addAndGet(buffer.remaining()));
        }

        @Override
        public void onError(Throwable error) {
            // the stream ended; what it brought is counted
        }

        @Override
        public void onComplete() {
            // the server ended the stream
        }

        long bytes() {
            return bytes.get();
        }

        void close() {
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // gone either way
        }
    }

    /** Times of sequential requests that answered 200. */
    private static Latencies latencies(URI uri, int times) throws Exception {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            long started = System.nanoTime();
            if (HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200) {
                nanos.add(System.nanoTime() - started);
            }
        }
        return Latencies.of(nanos);
    }

    private static int status(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static long total(URI search) {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(search).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            java.util.regex.Matcher total =
                    java.util.regex.Pattern.compile("\"total\"\\s*:\\s*(\\d+)").matcher(body);
            return total.find() ? Long.parseLong(total.group(1)) : 0;
        } catch (IOException | InterruptedException e) {
            return 0;
        }
    }

    private static long storedBuilds(AppProcess app) throws Exception {
        String metrics = HTTP.send(
                        HttpRequest.newBuilder(app.url("/prometheus")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        return metrics.lines()
                .filter(l -> l.startsWith("logs_index_builds "))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    @FunctionalInterface
    private interface Condition {
        boolean met() throws Exception;
    }

    private static void waitFor(Condition condition, Duration most, String what) throws Exception {
        long deadline = System.nanoTime() + most.toNanos();
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + most.toSeconds() + " s for " + what);
            }
            Thread.sleep(1000);
        }
    }
}
