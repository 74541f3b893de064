package org.opencontrail.web.logs.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A log server on loopback as build logs were published: files under a folder, Apache-style
 * directory indexes (with Parent Directory and sorting links), and a build's zuul-manifest.json
 * when the build has one. It can fail every request for a while.
 */
public final class LogServer implements AutoCloseable {

    private final HttpServer server;
    private final Path root;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int failuresLeft;
    private final Map<String, AtomicInteger> fileRequests = new ConcurrentHashMap<>();
    private volatile CountDownLatch held = new CountDownLatch(0);

    public LogServer(Path root) {
        this.root = root;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.setExecutor(
                java.util.concurrent.Executors.newCachedThreadPool()); // a held request must not hold the others
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    int requests() {
        return requests.get();
    }

    /** How many times the file at {@code path} (as given to {@link #url}) was asked for. */
    int fileRequests(String path) {
        return fileRequests.getOrDefault("/" + path, new AtomicInteger()).get();
    }

    /** Requests for files wait (as on a slow server) until {@link #release()}; listings still answer. */
    void holdFiles() {
        held = new CountDownLatch(1);
    }

    void release() {
        held.countDown();
    }

    /** The next {@code count} requests answer 503. */
    void failNext(int count) {
        failuresLeft = count;
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        if (failuresLeft > 0) {
            failuresLeft--;
            reply(exchange, 503, "text/plain", "busy\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String relative = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8)
                .substring(1);
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root)) {
            reply(exchange, 404, "text/plain", new byte[0]);
        } else if (Files.isDirectory(file)) {
            reply(exchange, 200, "text/html", index("/" + relative, file).getBytes(StandardCharsets.UTF_8));
        } else if (Files.isRegularFile(file)) {
            fileRequests
                    .computeIfAbsent("/" + relative, k -> new AtomicInteger())
                    .incrementAndGet();
            try {
                held.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, "text/plain", Files.readAllBytes(file));
        } else {
            reply(exchange, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private String index(String path, Path dir) throws IOException {
        StringBuilder html =
                new StringBuilder("<html><head><title>Index of " + path + "</title></head><body><h1>Index of " + path
                        + "</h1><table><tr><th><a href=\"?C=N;O=D\">Name</a></th><th><a href=\"?C=M;O=A\">Last modified</a></th></tr>"
                        + "<tr><td><a href=\"/" + "\">Parent Directory</a></td></tr>"
                        + "<tr><td><a href=\"../\">Parent Directory</a></td></tr>"
                        + "<tr><td><a href=\"http://elsewhere.example.org/x.txt\">elsewhere</a></td></tr>");
        List<Path> entries = new ArrayList<>();
        try (var list = Files.list(dir)) {
            list.sorted().forEach(entries::add);
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.equals("zuul-manifest.json")) {
                continue;
            }
            String href =
                    java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
                            + (Files.isDirectory(entry) ? "/" : "");
            html.append("<tr><td><a href=\"")
                    .append(href)
                    .append("\">")
                    .append(name)
                    .append("</a></td></tr>");
        }
        return html.append("</table></body></html>").toString();
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
