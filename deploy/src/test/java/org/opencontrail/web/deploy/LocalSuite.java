package org.opencontrail.web.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencontrail.web.fixtures.FreePort;
import org.opencontrail.web.fixtures.JarProcess;
import org.opencontrail.web.fixtures.SandboxEndpoints;
import org.opencontrail.web.shared.io.Trees;

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

    /** How each app runs, on the port kept for it while the suite lives (restarts and the links between sites). */
    private final Map<App, JarProcess.Launch> launches = new EnumMap<>(App.class);

    private final Map<App, JarProcess> processes = new EnumMap<>(App.class);
    private final Path logDir;

    private LocalSuite(Path logDir) {
        this.logDir = logDir;
    }

    /** The system properties that point an app at a running sandbox CI, as ./suite passes them. */
    static List<String> fedBy(Map<String, String> sandbox, Path knownHosts) {
        return new SandboxEndpoints(sandbox).siteProperties(knownHosts);
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
        LocalSuite suite = new LocalSuite(logDir);
        List<Integer> free = FreePort.several(App.values().length);
        Map<App, URI> urls = new EnumMap<>(App.class);
        for (App app : App.values()) {
            urls.put(app, URI.create("http://127.0.0.1:" + free.get(app.ordinal())));
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
                suite.launches.put(
                        app,
                        JarProcess.site(
                                        root.resolve(app.module)
                                                .resolve("target")
                                                .resolve(app.module + "-" + version + ".jar"),
                                        suite.log(app))
                                .onPort(free.get(app.ordinal()))
                                .jvm("-Xmx256m")
                                .jvm(properties)
                                .property("branding.status-url", urls.get(App.STATUS))
                                .property("branding.logs-url", urls.get(App.LOGS))
                                .property("branding.git-url", urls.get(App.GIT))
                                .property("logs.dir", logDir.resolve(app.module + "-data"))
                                .property("git.dir", logDir.resolve(app.module + "-git"))
                                .environment(environment));
            }
            for (App app : apps) {
                suite.launch(app);
            }
            for (App app : apps) {
                suite.processes.get(app).awaitHealthy();
            }
            return suite;
        } catch (RuntimeException | IOException e) {
            suite.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    URI url(App app) {
        return launches.get(app).url("");
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
        processes.remove(app).stop();
        whileStopped.run();
        start(app);
    }

    /** kill -9 of an app, as a crash or the OOM killer does it; then started again and waited for as its service manager would. */
    void killAndStart(App app) throws Exception {
        kill(app);
        start(app);
    }

    /** kill -9 of an app, as a crash or the OOM killer does it; it stays down. */
    void kill(App app) throws InterruptedException {
        processes.remove(app).kill();
    }

    /** Starts an app that was killed, or not started with the others, and waits until it is healthy. */
    void start(App app) throws IOException {
        launch(app);
        processes.get(app).awaitHealthy();
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
        processes.put(app, launches.get(app).start());
    }

    @Override
    public void close() {
        JarProcess.stopAll(processes.values());
        processes.clear();
    }
}
