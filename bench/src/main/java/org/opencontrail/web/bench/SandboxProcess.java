package org.opencontrail.web.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.opencontrail.web.fixtures.JarProcess;
import org.opencontrail.web.fixtures.SandboxEndpoints;

/**
 * The sandbox CI from its jar (fixtures' {@link JarProcess}), at ten times the speed {@code ./suite
 * run} plays it, on ports of its own choosing that it writes to its {@code sandbox.env}.
 */
public final class SandboxProcess implements AutoCloseable {

    /** Simulated seconds per real second: ten times ./suite run's 60. */
    private static final int SPEED = 600;

    private final JarProcess process;
    private final SandboxEndpoints endpoints;
    private final Path state;

    private SandboxProcess(JarProcess process, SandboxEndpoints endpoints, Path state) {
        this.process = process;
        this.endpoints = endpoints;
        this.state = state;
    }

    public static SandboxProcess start(Path jar, Path state) throws IOException {
        return start(jar, state, SPEED);
    }

    /** The sandbox at {@code speed} simulated seconds per real second. */
    public static SandboxProcess start(Path jar, Path state, int speed) throws IOException {
        Files.createDirectories(state);
        Path env = state.resolve("sandbox.env");
        Files.deleteIfExists(env);
        Path log = state.resolve("sandbox.log");
        Files.deleteIfExists(log);
        JarProcess process = JarProcess.jar(jar, log)
                .jvm("-Xmx512m")
                .arguments(
                        "--state-dir",
                        state.toString(),
                        "--speed",
                        String.valueOf(speed),
                        "--ssh-port",
                        "0",
                        "--rest-port",
                        "0",
                        "--http-port",
                        "0",
                        "--mqtt-port",
                        "0",
                        "--console-port",
                        "0")
                .start();
        try {
            // written last, at once, when every endpoint listens
            process.await("the sandbox's sandbox.env", Duration.ofSeconds(60), () -> Files.isRegularFile(env));
            return new SandboxProcess(process, SandboxEndpoints.read(env), state);
        } catch (IOException | RuntimeException e) {
            process.stop();
            throw e;
        }
    }

    /** Its log, where it says what it served. */
    public Path log() {
        return state.resolve("sandbox.log");
    }

    /** The system properties that feed an app from this sandbox, as ./suite passes them. */
    public List<String> properties() {
        return properties("known_hosts");
    }

    /** The same, with the Gerrit host key learnt into a known_hosts file of this name (one per process that runs beside another). */
    public List<String> properties(String knownHosts) {
        return endpoints.siteProperties(state.resolve(knownHosts));
    }

    /** One of the endpoints the sandbox wrote at start ({@code GERRIT_URL}, {@code ZUUL_URL}...). */
    public String endpoint(String name) {
        return endpoints.get(name);
    }

    @Override
    public void close() {
        process.stop();
    }
}
