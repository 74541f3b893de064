package org.opencontrail.web.deploy.gerrit;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.opencontrail.web.fixtures.FreePort;
import org.opencontrail.web.fixtures.Http;

/**
 * A real Gerrit 3.10 server on loopback, from the jars Maven Central serves: initialized as a
 * development site (user admin, HTTP password "secret"), run headless as its own process.
 */
public final class RealGerrit implements AutoCloseable {

    private final Path site;
    private final Path home;
    private final List<String> classPath;
    private final int httpPort;
    private final int sshPort;
    private Process daemon;

    public RealGerrit(Path dir) throws IOException {
        this.site = dir.resolve("site");
        this.home = dir.resolve("home");
        Files.createDirectories(home);
        Path lib = Path.of(System.getProperty("gerrit.lib", "target/gerrit-lib"));
        List<String> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(lib)) {
            files.map(Path::toString)
                    .filter(name -> name.endsWith(".jar"))
                    .sorted((a, b) -> Boolean.compare(!a.contains("plugin-api"), !b.contains("plugin-api")))
                    .forEach(jars::add);
        }
        if (jars.stream().noneMatch(name -> name.contains("gerrit-plugin-api"))) {
            throw new IllegalStateException(
                    "No Gerrit jars in " + lib + ": the build copies them there before the tests");
        }
        jars.add(Path.of(GerritLauncher.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .getPath())
                .toString());
        this.classPath = jars;
        java.util.List<Integer> free = FreePort.several(2);
        this.httpPort = free.get(0);
        this.sshPort = free.get(1);
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort + "/";
    }

    public int sshPort() {
        return sshPort;
    }

    private ProcessBuilder java(String program, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                String.join(File.pathSeparator, classPath),
                GerritLauncher.class.getName(),
                program));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        return builder;
    }

    public void start() throws Exception {
        Process init = java("com.google.gerrit.pgm.Init", "--batch", "--dev", "--no-auto-start", "-d", site.toString())
                .redirectOutput(site.getParent().resolve("init.log").toFile())
                .start();
        if (!init.waitFor(5, TimeUnit.MINUTES) || init.exitValue() != 0) {
            throw new IllegalStateException(
                    "Gerrit init failed: " + Files.readString(site.getParent().resolve("init.log")));
        }
        FileBasedConfig config =
                new FileBasedConfig(site.resolve("etc/gerrit.config").toFile(), FS.DETECTED);
        config.load();
        config.setString("httpd", null, "listenUrl", url());
        config.setString("gerrit", null, "canonicalWebUrl", url());
        config.setString("sshd", null, "listenAddress", "127.0.0.1:" + sshPort);
        config.setBoolean("sendemail", null, "enable", false);
        // a plugin file dropped into plugins/ is loaded within seconds, not the minute Gerrit waits by default
        config.setString("plugins", null, "checkFrequency", "2 s");
        config.save();
        startDaemon();
    }

    /** The site's plugins folder, where an operator drops a plugin's file. */
    public Path plugins() {
        return site.resolve("plugins");
    }

    /** Starts the server on its site (again, after {@link #stopDaemon()}), and waits until REST answers. */
    public void startDaemon() throws Exception {
        daemon = java("com.google.gerrit.pgm.Daemon", "-d", site.toString(), "--headless", "--console-log")
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        site.getParent().resolve("daemon.log").toFile()))
                .start();
        Http http = Http.plain();
        await("Gerrit answers REST")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> {
                    if (!daemon.isAlive()) {
                        throw new IllegalStateException("Gerrit stopped: "
                                + Files.readString(site.getParent().resolve("daemon.log")));
                    }
                    return http.get(url() + "config/server/version").statusCode() == 200;
                });
    }

    /** Stops the server as an operator's restart does; its site stays, and {@link #startDaemon()} brings it back. */
    public void stopDaemon() throws InterruptedException {
        daemon.destroy();
        if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
            daemon.destroyForcibly().waitFor();
        }
    }

    /** An authenticated REST call as admin; the answer without the XSSI prefix. */
    public String rest(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = Http.plain()
                .send(
                        method,
                        url() + "a/" + path,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body),
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8)),
                        "Content-Type",
                        contentType);
        if (response.statusCode() >= 300) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        String text = response.body();
        return text.startsWith(")]}'") ? text.substring(text.indexOf('\n') + 1) : text;
    }

    @Override
    public void close() throws InterruptedException {
        if (daemon != null && daemon.isAlive()) {
            stopDaemon();
        }
    }
}
