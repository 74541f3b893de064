package org.opencontrail.web.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A site's jar run as its own process for a benchmark: started, awaited, measured from /proc, stopped. */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final RssSampler rss;

    private AppProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        this.rss = new RssSampler(process.pid());
        rss.start();
    }

    /** Starts {@code java [jvmOptions] -Dmicronaut.server.port=P [properties] -jar jar} with its output in {@code log}. */
    public static AppProcess start(Path jar, List<String> jvmOptions, List<String> properties, Path log)
            throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmOptions);
        command.add("-Dmicronaut.server.port=" + port);
        command.addAll(properties);
        command.addAll(List.of("-jar", jar.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new AppProcess(process, port);
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Waits until {@code path} answers 200. */
    public AppProcess awaitReady(HttpClient http, String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app exited while starting");
            }
            try {
                if (http.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the app did not answer " + path + " in 90 s");
    }

    public long pid() {
        return process.pid();
    }

    /** The highest resident memory seen, sampled and from the kernel's high-water mark. */
    public long peakRssBytes() {
        return Math.max(rss.peak(), RssSampler.read(process.pid(), "VmHWM:"));
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Kills the process at once (SIGKILL): no shutdown hook runs, its sessions die with it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        rss.interrupt();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
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
                    Thread.sleep(500);
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
