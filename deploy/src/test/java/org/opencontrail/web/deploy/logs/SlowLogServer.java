package org.opencontrail.web.deploy.logs;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A log server whose every answer takes a while, so that a logs-web ingesting from it is always in
 * the middle of a build: builds of four files (a console, two logs, Zuul's manifest of them), each
 * naming its build, and a count of the requests for each path.
 */
final class SlowLogServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    /**
     * @param folder the folder of build {@code i}, e.g. {@code b7}
     * @param delay  how long each answer takes
     */
    SlowLogServer(Path served, int builds, IntFunction<String> folder, Duration delay) throws IOException {
        for (int i = 0; i < builds; i++) {
            Path build = served.resolve(folder.apply(i));
            Files.createDirectories(build.resolve("logs"));
            Files.writeString(build.resolve("job-output.txt"), "console " + i + "\n");
            Files.writeString(build.resolve("logs/a.txt"), "a " + i + "\n");
            Files.writeString(build.resolve("logs/b.txt"), "b " + i + "\n");
            Files.writeString(build.resolve("zuul-manifest.json"), """
                    {"tree": [{"name": "job-output.txt"}, {"name": "logs", "mimetype": "application/directory",
                      "children": [{"name": "a.txt"}, {"name": "b.txt"}]}]}""");
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Path file = served.resolve(exchange.getRequestURI().getPath().substring(1))
                    .normalize();
            requests.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new AtomicInteger())
                    .incrementAndGet();
            try {
                Thread.sleep(delay.toMillis()); // the slowness itself
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = file.startsWith(served) && Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
            exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Requests for each path so far, e.g. {@code /b7/job-output.txt}. */
    Map<String, AtomicInteger> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
