package org.opencontrail.web.shared.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.opencontrail.web.fixtures.FreePort;

/**
 * A real S3-compatible server for the tests: s3proxy with a filesystem backend, its own process on
 * a free loopback port, signing checked (v2 and v4). A module's build copies its jar (the tests of
 * logs-web, and the end-to-end tests of deploy, into {@code target/s3proxy}). It can be stopped and
 * started again on the same port and data, to test an outage.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "logs-test-access";
    public static final String SECRET_KEY = "logs-test-secret-0123456789";

    private final Path jar;
    private final Path dir;
    private final int port;
    private Process process;

    /** s3proxy from the jar the module's build copied to {@code target/s3proxy/s3proxy.jar}. */
    public S3ProxyServer() throws IOException {
        this(Path.of("target", "s3proxy", "s3proxy.jar"));
    }

    public S3ProxyServer(Path jar) throws IOException {
        this.jar = jar;
        dir = Files.createTempDirectory("s3proxy-");
        Files.createDirectories(dir.resolve("data"));
        port = FreePort.next();
        configure(ACCESS_KEY, SECRET_KEY);
        start();
    }

    private void configure(String accessKey, String secretKey) throws IOException {
        Files.writeString(
                dir.resolve("s3proxy.properties"),
                String.join(
                        "\n",
                        "s3proxy.endpoint=http://127.0.0.1:" + port,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + accessKey,
                        "s3proxy.credential=" + secretKey,
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=" + dir.resolve("data"),
                        ""));
    }

    /** Restarts the server on the same port and data, knowing only the given keys: a rotation of credentials. */
    public void rotate(String accessKey, String secretKey) throws IOException {
        stop();
        configure(accessKey, secretKey);
        start();
    }

    /** Starts the server (again) and waits until it takes connections. */
    public void start() throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the build copies it (mvn process-test-resources)");
        }
        process = new ProcessBuilder(List.of(
                        "java",
                        "-Xmx256m",
                        "-jar",
                        jar.toString(),
                        "--properties",
                        dir.resolve("s3proxy.properties").toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("s3proxy.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited: " + Files.readString(dir.resolve("s3proxy.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("s3proxy did not listen within 60 s");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server; its data stays for {@link #start()}. */
    public void stop() {
        if (process != null) {
            Processes.stop(process, Duration.ofSeconds(10));
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
