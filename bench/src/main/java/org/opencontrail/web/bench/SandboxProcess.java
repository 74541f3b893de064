package org.opencontrail.web.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sandbox CI from its jar, at ten times the speed {@code ./suite run} plays it, on free ports. */
public final class SandboxProcess implements AutoCloseable {

    /** Simulated seconds per real second: ten times ./suite run's 60. */
    private static final int SPEED = 600;

    private final Process process;
    private final Map<String, String> endpoints;
    private final Path state;

    private SandboxProcess(Process process, Map<String, String> endpoints, Path state) {
        this.process = process;
        this.endpoints = endpoints;
        this.state = state;
    }

    public static SandboxProcess start(Path jar, Path state) throws IOException, InterruptedException {
        Files.createDirectories(state);
        Path env = state.resolve("sandbox.env");
        Files.deleteIfExists(env);
        Process process = new ProcessBuilder(
                        "java",
                        "-Xmx512m",
                        "-jar",
                        jar.toString(),
                        "--state-dir",
                        state.toString(),
                        "--speed",
                        String.valueOf(SPEED),
                        "--ssh-port",
                        "0",
                        "--rest-port",
                        "0",
                        "--http-port",
                        "0",
                        "--mqtt-port",
                        "0")
                .redirectErrorStream(true)
                .redirectOutput(state.resolve("sandbox.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.isRegularFile(env)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroy();
                throw new IllegalStateException(
                        "the sandbox did not start; its log is " + state.resolve("sandbox.log"));
            }
            Thread.sleep(200);
        }
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (String line : Files.readAllLines(env)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                endpoints.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new SandboxProcess(process, endpoints, state);
    }

    /** The system properties that feed an app from this sandbox, as ./suite passes them. */
    public List<String> properties() {
        return properties("known_hosts");
    }

    /** The same, with the Gerrit host key learnt into a known_hosts file of this name (one per process that runs beside another). */
    public List<String> properties(String knownHosts) {
        return List.of(
                "-Dgerrit.ssh.host=" + endpoints.get("GERRIT_SSH_HOST"),
                "-Dgerrit.ssh.port=" + endpoints.get("GERRIT_SSH_PORT"),
                "-Dgerrit.ssh.user=" + endpoints.get("GERRIT_SSH_USER"),
                "-Dgerrit.ssh.key-file=" + endpoints.get("GERRIT_SSH_KEY_FILE"),
                "-Dgerrit.ssh.known-hosts=" + state.resolve(knownHosts),
                "-Dgerrit.ssh.host-key-policy=accept-new",
                "-Dgerrit.url=" + endpoints.get("GERRIT_URL"),
                "-Dgerrit.events-log=true",
                "-Dzuul.url=" + endpoints.get("ZUUL_URL"),
                "-Dzuul.tenant=" + endpoints.get("ZUUL_TENANT"),
                "-Dzuul.mqtt.uri=" + endpoints.get("ZUUL_MQTT_URI"),
                "-Dgit.fetch-url=" + endpoints.get("GIT_URL") + "{project}.git");
    }

    /** One of the endpoints the sandbox wrote at start ({@code GERRIT_URL}, {@code ZUUL_URL}...). */
    public String endpoint(String name) {
        String value = endpoints.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the sandbox names no " + name);
        }
        return value;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
