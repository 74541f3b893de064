package org.opencontrail.web.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.opencontrail.web.fixtures.JarProcess;

/**
 * A site's jar run as its own process for a benchmark (fixtures' {@link JarProcess}), measured: its
 * resident memory sampled from /proc while it runs.
 */
public final class AppProcess implements AutoCloseable {

    private final JarProcess process;
    private final RssSampler rss;

    private AppProcess(JarProcess process) {
        this.process = process;
        this.rss = new RssSampler(process.pid());
        rss.start();
    }

    /** Starts {@code java [jvmOptions] [properties] -Dmicronaut.server.port=P -jar jar}, its output in {@code log} (a new one). */
    public static AppProcess start(Path jar, List<String> jvmOptions, List<String> properties, Path log)
            throws IOException {
        Files.deleteIfExists(log);
        return new AppProcess(
                JarProcess.site(jar, log).jvm(jvmOptions).jvm(properties).start());
    }

    public URI url(String path) {
        return process.url(path);
    }

    /** Waits until {@code path} answers 200, 90 s at most. */
    public AppProcess awaitReady(String path) {
        process.awaitAnswer(path, Duration.ofSeconds(90));
        return this;
    }

    /**
     * Asks the site for {@code target} (one GET, a minute at most) and gives the milliseconds from
     * the request to the last byte of a 200 answer; any other answer is an error with its body.
     */
    public double askMillis(java.net.http.HttpClient http, String target) throws IOException, InterruptedException {
        URI uri = url(target);
        long started = System.nanoTime();
        java.net.http.HttpResponse<byte[]> answer = http.send(
                java.net.http.HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        double ms = (System.nanoTime() - started) / 1e6;
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + answer.statusCode() + ": "
                    + new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return ms;
    }

    /**
     * Waits until the app has done its work in the background (its first fetches, the indexes it
     * makes after them): until it uses less than a tenth of a core over two seconds, or the timeout
     * passes. Its answers are timed on an idle machine, as the anchors' are.
     */
    public void awaitIdle(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long before = cpuTicks();
        while (System.nanoTime() < deadline) {
            Thread.sleep(2000);
            long now = cpuTicks();
            if (now - before < 2 * TICKS_PER_SECOND / 10) {
                return;
            }
            before = now;
        }
    }

    /** Linux's clock ticks a second, as /proc counts processor time. */
    private static final long TICKS_PER_SECOND = 100;

    /** The processor time the app has used so far, in clock ticks (user and system, /proc/PID/stat). */
    private long cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            // the fields after the command's name, which is in parentheses and may hold spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            return 0; // gone: nothing more will run
        }
    }

    public long pid() {
        return process.pid();
    }

    /** The highest resident memory seen, sampled and from the kernel's high-water mark. */
    public long peakRssBytes() {
        return Math.max(rss.peak(), RssSampler.read(process.pid(), "VmHWM:"));
    }

    /** Kills the process at once (SIGKILL): no shutdown hook runs, its sessions die with it. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() {
        rss.interrupt();
        process.stop();
    }

    /** Samples a process's resident memory from /proc. */
    public static final class RssSampler extends Thread {
        private final long pid;
        private final AtomicLong peak = new AtomicLong();

        public RssSampler(long pid) {
            super("rss-sampler");
            this.pid = pid;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                peak.accumulateAndGet(read(pid, "VmRSS:"), Math::max);
                try {
                    Thread.sleep(500); // the sampling's pace
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        public long peak() {
            return peak.get();
        }

        public static long read(long pid, String field) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                    if (line.startsWith(field)) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return 0;
            }
            return 0;
        }
    }
}
