package org.opencontrail.web.shared.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback TCP proxy in front of an HTTP server (s3proxy, a log server) that misbehaves on
 * demand, as networks and services do: passes bytes through, passes them slowly, refuses
 * connections, or answers each request itself with an HTTP error (a 500, S3's {@code SlowDown}
 * 503) without reaching the server.
 */
public final class FaultyProxy implements AutoCloseable {

    /** How the proxy behaves for the next connections. */
    public sealed interface Mode {}

    /** Bytes go through untouched. */
    public record Pass() implements Mode {}

    /** Bytes go through, each chunk after a delay. */
    public record Slow(Duration delay) implements Mode {}

    /** Connections are closed as soon as they are accepted, as when nothing listens. */
    public record Refuse() implements Mode {}

    /** Each request is answered with this status and body, and the connection closed. */
    public record Error(int status, String reason, String contentType, String body) implements Mode {}

    /** S3's throttling answer. */
    public static Error slowDown() {
        return new Error(
                503,
                "Slow Down",
                "application/xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>");
    }

    /** An internal error, as S3 answers now and then. */
    public static Error internalError() {
        return new Error(
                500,
                "Internal Server Error",
                "application/xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>");
    }

    private final ServerSocket server;
    private final int target;
    private final AtomicReference<Mode> mode = new AtomicReference<>(new Pass());
    private final AtomicLong faults = new AtomicLong();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "faulty-proxy");
        thread.setDaemon(true);
        return thread;
    });

    /** Listens on a free loopback port and forwards to {@code targetPort} on loopback. */
    public FaultyProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Changes the behaviour; connections already open are cut so that the next request meets it. */
    public void set(Mode next) {
        mode.set(next);
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /** Requests refused or answered with an error so far. */
    public long faults() {
        return faults.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        Mode now = mode.get();
        try {
            if (now instanceof Refuse) {
                faults.incrementAndGet();
                client.close();
            } else if (now instanceof Error error) {
                answer(client, error);
            } else {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(upstream);
                Duration delay = now instanceof Slow slow ? slow.delay() : Duration.ZERO;
                threads.execute(() -> pump(upstream, client, delay));
                pump(client, upstream, delay);
            }
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    /** Reads a request's head, answers the error without reading its body, and closes. */
    private void answer(Socket client, Error error) throws IOException {
        try (client) {
            InputStream in = client.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            for (int b; matched < 4 && (b = in.read()) >= 0; ) {
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            if (head.size() == 0) {
                return;
            }
            faults.incrementAndGet();
            byte[] body = error.body().getBytes(StandardCharsets.UTF_8);
            OutputStream out = client.getOutputStream();
            out.write(("HTTP/1.1 " + error.status() + " " + error.reason() + "\r\nContent-Type: " + error.contentType()
                            + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        }
    }

    private void pump(Socket from, Socket to, Duration delay) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (!delay.isZero()) {
                    Thread.sleep(delay.toMillis()); // the slowness itself
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: close both
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(FaultyProxy::closeQuietly);
        threads.shutdownNow();
    }
}
