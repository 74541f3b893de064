package org.opencontrail.web.deploy;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencontrail.web.fixtures.FreePort;
import org.opencontrail.web.shared.io.Trees;
import org.opencontrail.web.shared.testing.Processes;

/**
 * The three apps started from their built jars, as {@code ./suite run} starts them, on free
 * loopback ports, with each one's branding pointing at the others.
 */
final class LocalSuite implements AutoCloseable {

    enum App {
        STATUS("status-web"),
        LOGS("logs-web"),
        GIT("git-web");

        final String module;

        App(String module) {
            this.module = module;
        }
    }

    private final Map<App, URI> urls = new EnumMap<>(App.class);
    private final Map<App, Process> processes = new EnumMap<>(App.class);
    private final Map<App, Path> jars = new EnumMap<>(App.class);
    private final Path logDir;
    private final Map<String, String> environment;
    private final List<String> properties;

    private LocalSuite(Path logDir, Map<String, String> environment, List<String> properties) {
        this.logDir = logDir;
        this.environment = environment;
        this.properties = properties;
    }

    /** The system properties that point an app at a running sandbox CI, as ./suite passes them. */
    static List<String> fedBy(Map<String, String> sandbox, Path knownHosts) {
        return List.of(
                "-Dgerrit.ssh.host=" + sandbox.get("GERRIT_SSH_HOST"),
                "-Dgerrit.ssh.port=" + sandbox.get("GERRIT_SSH_PORT"),
                "-Dgerrit.ssh.user=" + sandbox.get("GERRIT_SSH_USER"),
                "-Dgerrit.ssh.key-file=" + sandbox.get("GERRIT_SSH_KEY_FILE"),
                "-Dgerrit.ssh.known-hosts=" + knownHosts,
                "-Dgerrit.ssh.host-key-policy=accept-new",
                "-Dgerrit.url=" + sandbox.get("GERRIT_URL"),
                "-Dgerrit.events-log=true",
                "-Dzuul.url=" + sandbox.get("ZUUL_URL"),
                "-Dzuul.tenant=" + sandbox.get("ZUUL_TENANT"),
                "-Dzuul.mqtt.uri=" + sandbox.get("ZUUL_MQTT_URI"),
                "-Dgit.fetch-url=" + sandbox.get("GIT_URL") + "{project}.git");
    }

    /** Starts the three apps and returns once each answers /health. */
    static LocalSuite start(Path root, String version, Path logDir) {
        return start(root, version, logDir, Map.of());
    }

    /** Starts the three apps with extra environment variables. */
    static LocalSuite start(Path root, String version, Path logDir, Map<String, String> environment) {
        return start(root, version, logDir, environment, List.of());
    }

    /** Starts the three apps with extra environment variables and system properties (-Dkey=value). */
    static LocalSuite start(
            Path root, String version, Path logDir, Map<String, String> environment, List<String> properties) {
        return start(root, version, logDir, environment, properties, EnumSet.allOf(App.class));
    }

    /** Starts some of the apps (the others' addresses are still reserved, for the links between sites; {@link #start(App)} starts them later). */
    static LocalSuite start(
            Path root,
            String version,
            Path logDir,
            Map<String, String> environment,
            List<String> properties,
            Set<App> apps) {
        LocalSuite suite = new LocalSuite(logDir, environment, properties);
        List<Integer> free = FreePort.several(App.values().length);
        for (App app : App.values()) {
            suite.urls.put(app, URI.create("http://127.0.0.1:" + free.get(app.ordinal())));
        }
        try {
            Files.createDirectories(logDir);
            for (App app : App.values()) {
                Trees.delete(logDir.resolve(app.module + "-data")); // each run starts with empty stores
                Trees.delete(logDir.resolve(app.module + "-git"));
                Files.deleteIfExists(suite.log(app));
            }
            // the sandbox's known failures, as ./suite run gives them to logs-web
            Path signatures = Files.createDirectories(
                    logDir.resolve(App.LOGS.module + "-data").resolve("signatures"));
            try (var yaml = Files.list(root.resolve("deploy").resolve("signatures"))) {
                for (Path file :
                        yaml.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                    Files.copy(file, signatures.resolve(file.getFileName()));
                }
            }
            for (App app : App.values()) {
                suite.jars.put(
                        app, root.resolve(app.module).resolve("target").resolve(app.module + "-" + version + ".jar"));
            }
            for (App app : apps) {
                suite.launch(app);
            }
            for (App app : apps) {
                suite.awaitHealthy(app);
            }
            return suite;
        } catch (RuntimeException | IOException e) {
            suite.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    URI url(App app) {
        return urls.get(app);
    }

    /** logs-web's store, records and index ({@code logs.dir}). */
    Path logsDir() {
        return logDir.resolve(App.LOGS.module + "-data");
    }

    /** git-web's mirrors ({@code git.dir}). */
    Path mirrorsDir() {
        return logDir.resolve(App.GIT.module + "-git");
    }

    /** Stops an app (as its service manager would), does what is asked while it is down, starts it again and waits until it is healthy. */
    void restart(App app, ThrowingRunnable whileStopped) throws Exception {
        stop(processes.remove(app));
        whileStopped.run();
        launch(app);
        awaitHealthy(app);
    }

    /** kill -9 of an app, as a crash or the OOM killer does it; then started again and waited for as its service manager would. */
    void killAndStart(App app) throws Exception {
        kill(app);
        start(app);
    }

    /** kill -9 of an app, as a crash or the OOM killer does it; it stays down. */
    void kill(App app) throws InterruptedException {
        Process process = processes.remove(app);
        process.destroyForcibly();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException(app.module + " did not die");
        }
    }

    /** Starts an app that was killed, or not started with the others, and waits until it is healthy. */
    void start(App app) throws IOException {
        launch(app);
        awaitHealthy(app);
    }

    /** What an operator does while an app is stopped. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Where the app's standard output and error go. */
    Path log(App app) {
        return logDir.resolve(app.module + ".log");
    }

    private void launch(App app) throws IOException {
        Path jar = jars.get(app);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the apps before this test");
        }
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(properties);
        command.addAll(List.of(
                "-Dmicronaut.server.port=" + urls.get(app).getPort(),
                "-Dbranding.status-url=" + urls.get(App.STATUS),
                "-Dbranding.logs-url=" + urls.get(App.LOGS),
                "-Dbranding.git-url=" + urls.get(App.GIT),
                "-Dlogs.dir=" + logDir.resolve(app.module + "-data"),
                "-Dgit.dir=" + logDir.resolve(app.module + "-git"),
                "-jar",
                jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(app).toFile()));
        builder.environment().putAll(environment);
        processes.put(app, builder.start());
    }

    private void awaitHealthy(App app) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(urls.get(app).resolve("/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        await(app.module + " healthy")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() ->
                        http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy); // all at once, then each waited for
        processes.values().forEach(LocalSuite::stop);
        processes.clear();
    }

    private static void stop(Process process) {
        Processes.stop(process, Duration.ofSeconds(20));
    }
}
