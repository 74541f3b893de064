package org.opencontrail.web.bench.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencontrail.web.bench.AppProcess;
import org.opencontrail.web.fixtures.Http;

/**
 * The push side under load: a real status-web jar fed by an {@link EvolvingZuul}, with thousands of
 * browsers' streams open at once. Measures how long a change Zuul served takes to reach every
 * client, what each client receives per minute against what Zuul's own page fetches in the same
 * minute, and how much memory status-web needs for it. With several replicas (each polling Zuul
 * itself, as status-web's replicas do), the clients are spread over them in turn.
 */
public final class SseFanout {

    /**
     * What one run measured.
     *
     * @param clients            streams asked for
     * @param connected          streams open when measuring began
     * @param stillOpen          streams open when it ended
     * @param latencyP50Ms       Zuul served a change → a client had it, median over every client and change
     * @param latencyP99Ms       the same, 99th percentile
     * @param latencyMaxMs       the same, worst
     * @param missed             (client, change) pairs that never arrived
     * @param expected           (client, change) pairs measured
     * @param bytesPerClientMin  what one client received per minute
     * @param zuulBytesPerMin    what Zuul's page fetches per minute: the whole status.json every 5 s
     * @param zuulGzipBytesPerMin the same, gzipped on the wire
     * @param peakRssBytes       status-web's peak resident memory (the largest replica's)
     * @param pageUnderLoadP50Ms the overview page's answer time while the streams run
     */
    public record Result(
            int clients,
            int connected,
            int stillOpen,
            double latencyP50Ms,
            double latencyP99Ms,
            double latencyMaxMs,
            long missed,
            long expected,
            double bytesPerClientMin,
            double zuulBytesPerMin,
            double zuulGzipBytesPerMin,
            long peakRssBytes,
            double pageUnderLoadP50Ms) {}

    private SseFanout() {}

    static Result run(Path jar, int clients, Duration window, Path log) throws Exception {
        return run(jar, clients, 1, window, log);
    }

    /** {@code replicas} status-web processes, {@code clients} streams spread over them; each replica's log beside {@code log}. */
    public static Result run(Path jar, int clients, int replicas, Duration window, Path log) throws Exception {
        AtomicInteger latest = new AtomicInteger();
        try (EvolvingZuul zuul = new EvolvingZuul(StatusRenderBenchmark.fixture())) {
            List<AppProcess> apps = new ArrayList<>();
            List<URI> bases = new ArrayList<>();
            for (int r = 0; r < replicas; r++) {
                Path replicaLog = replicas == 1 ? log : log.resolveSibling(log.getFileName() + "." + r);
                AppProcess app = AppProcess.start(
                        jar,
                        List.of("-Xmx768m"),
                        List.of("-Dzuul.url=" + zuul.url(), "-Dzuul.poll-interval=1s"),
                        replicaLog);
                apps.add(app);
                bases.add(app.url(""));
            }
            ExecutorService io = Executors.newFixedThreadPool(2);
            HttpClient http = Http.builder()
                    .executor(io)
                    .connectTimeout(Duration.ofSeconds(30))
                    .build();
            Thread ticker = new Thread(
                    () -> {
                        while (!Thread.currentThread().isInterrupted()) {
                            int marker = zuul.tick();
                            if (marker > 0) {
                                latest.set(marker);
                            }
                            try {
                                Thread.sleep(1000);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "zuul-ticker");
            try {
                for (AppProcess app : apps) {
                    app.awaitReady("/api/status");
                }
                ticker.setDaemon(true);
                ticker.start();

                int markers = (int) (window.toSeconds() / 2 + 600);
                List<SseClient> streams = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    SseClient client = new SseClient(markers, latest::get);
                    streams.add(client);
                    HttpRequest request = HttpRequest.newBuilder(
                                    bases.get(i % replicas).resolve("/api/stream"))
                            .header("Accept", "text/event-stream")
                            .header("Accept-Encoding", "gzip")
                            .build();
                    var unused = http.sendAsync(request, HttpResponse.BodyHandlers.fromSubscriber(client));
                    if (i % 100 == 99) {
                        Thread.sleep(40);
                    }
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (streams.stream().filter(SseClient::open).count() < clients && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                int connected = (int) streams.stream().filter(SseClient::open).count();
                // Steady state: a new stream is in status-web's shared compression within 32 events (~32 s here).
                Thread.sleep(40_000);

                int first = latest.get() + 1;
                streams.forEach(s -> s.lookFrom(first));
                streams.forEach(SseClient::resetBytes);
                long start = System.nanoTime();
                double pageP50 = pageTimes(http, bases.get(0), window);
                long elapsedNanos = System.nanoTime() - start;
                long bytes = streams.stream().mapToLong(SseClient::bytes).sum();
                int last = latest.get();
                Thread.sleep(3000); // let the newest change arrive before counting

                List<Long> latencies = new ArrayList<>();
                long missed = 0;
                long expected = 0;
                for (int n = first; n <= last; n++) {
                    Long served = zuul.firstServed(n);
                    if (served == null) {
                        continue;
                    }
                    for (SseClient client : streams) {
                        expected++;
                        long seen = client.seenAt(n);
                        if (seen == 0) {
                            missed++;
                        } else {
                            latencies.add(Math.max(0, seen - served));
                        }
                    }
                }
                Collections.sort(latencies);
                double minutes = elapsedNanos / 60e9;
                int stillOpen = (int) streams.stream().filter(SseClient::open).count();
                return new Result(
                        clients,
                        connected,
                        stillOpen,
                        percentileMs(latencies, 50),
                        percentileMs(latencies, 99),
                        percentileMs(latencies, 100),
                        missed,
                        expected,
                        bytes / (double) Math.max(1, connected) / minutes,
                        zuul.documentSize() * 12.0,
                        zuul.gzippedSize() * 12.0,
                        apps.stream().mapToLong(AppProcess::peakRssBytes).max().orElse(0),
                        pageP50);
            } finally {
                ticker.interrupt();
                apps.forEach(AppProcess::close);
                io.shutdownNow();
            }
        }
    }

    /** The overview page fetched again and again through the measuring window; its median answer time. */
    private static double pageTimes(HttpClient http, URI base, Duration window) throws Exception {
        List<Long> times = new ArrayList<>();
        long end = System.nanoTime() + window.toNanos();
        HttpRequest page = HttpRequest.newBuilder(base.resolve("/"))
                .header("Accept", "text/html")
                .build();
        while (System.nanoTime() < end) {
            long t = System.nanoTime();
            http.send(page, HttpResponse.BodyHandlers.discarding());
            times.add(System.nanoTime() - t);
            Thread.sleep(500);
        }
        Collections.sort(times);
        return percentileMs(times, 50);
    }

    static double percentileMs(List<Long> sortedNanos, double percentile) {
        if (sortedNanos.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, Math.min(sortedNanos.size() - 1, index))) / 1e6;
    }
}
