package org.opencontrail.web.bench.logs;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.opencontrail.web.bench.AppProcess;

/** s3proxy's jar with a filesystem backend, for the S3 figures. */
public final class S3Proxy implements AutoCloseable {
    public static final String ACCESS = "bench-access";
    public static final String SECRET = "bench-secret-0123456789";
    private final Process process;
    private final int port;

    public S3Proxy(Path jar, Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        port = AppProcess.freePort();
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(
                properties,
                String.join(
                        "\n",
                        "s3proxy.endpoint=http://127.0.0.1:" + port,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + ACCESS,
                        "s3proxy.credential=" + SECRET,
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=" + dir.resolve("data"),
                        ""));
        process = new ProcessBuilder("java", "-Xmx512m", "-jar", jar.toString(), "--properties", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("s3proxy.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("s3proxy did not start");
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
