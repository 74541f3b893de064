package org.opencontrail.web.deploy.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.fixtures.FreePort;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.shared.testing.Tool;

/**
 * The images of {@code ./suite images}, built on a Debian JRE base and run as an operator runs
 * them: host network on loopback ports, a read-only root filesystem, a data volume.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("podman")
class ContainerImagesIT {

    private static final Path ROOT =
            Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("suite.version", "0.1.0");
    private static final List<String> APPS = List.of("status-web", "logs-web", "git-web", "sandbox");

    private LocalPodman podman;

    @BeforeAll
    void buildImages() throws Exception {
        podman = LocalPodman.prepare(ROOT.resolve("deploy/target/podman"));
        String images = LocalPodman.suiteImages(ROOT);
        for (String app : APPS) {
            assertThat(images).contains("localhost/opencontrail/" + app + ":" + VERSION);
        }
    }

    @Test
    void everyImageIsTheJarOnItsBaseWithLabelsAUserAndContainerAwareFlags() throws Exception {
        for (String app : APPS) {
            String image = "localhost/opencontrail/" + app + ":" + VERSION;
            String inspect = podman.ok(
                    "image",
                    "inspect",
                    "--format",
                    "{{.Config.User}}|{{json .Config.Entrypoint}}|{{json .Config.Labels}}|{{json .Config.ExposedPorts}}",
                    image);
            String[] parts = inspect.split("\\|");
            assertThat(parts[0]).as(app + " user").isEqualTo("10001:10001");
            assertThat(parts[1])
                    .as(app + " entry point")
                    .contains("-XX:MaxRAMPercentage=75.0", "-XX:+ExitOnOutOfMemoryError", "/app/app.jar");
            assertThat(parts[2])
                    .as(app + " labels")
                    .contains(
                            "\"org.opencontainers.image.version\":\"" + VERSION + "\"",
                            "\"org.opencontainers.image.source\":\"https://",
                            "\"org.opencontainers.image.licenses\":\"Apache-2.0\"",
                            "\"org.opencontainers.image.title\":\"opencontrail-" + app + "\"");
            assertThat(parts[3]).as(app + " port").contains(app.equals("sandbox") ? "8091/tcp" : "808");
            // nothing of the build but the jar: the base's layers, one for the jar and one for the empty /data
            int baseLayers = Integer.parseInt(
                    podman.ok("image", "inspect", "--format", "{{len .RootFS.Layers}}", LocalPodman.BASE));
            assertThat(Integer.parseInt(podman.ok("image", "inspect", "--format", "{{len .RootFS.Layers}}", image)))
                    .as(app + " layers")
                    .isEqualTo(baseLayers + 2);
            assertThat(podman.ok(
                            "run", "--rm", "--network", "none", "--entrypoint", "ls", image, "-A", "/app", "/data"))
                    .as(app + " /app and /data")
                    .isEqualTo("/app:\napp.jar\n\n/data:");
        }
    }

    @Test
    void everyImageRunsAsNonRootOnAReadOnlyRootWithADataVolumeAndAnswersHealth() throws Exception {
        List<String> containers = new ArrayList<>();
        List<String> volumes = new ArrayList<>();
        Map<String, Integer> ports = new LinkedHashMap<>();
        try {
            for (String app : APPS) {
                String name = "octest-" + app;
                podman.remove(List.of(name), List.of(name));
                containers.add(name);
                volumes.add(name);
                podman.ok("volume", "create", name);
                int port = FreePort.next();
                ports.put(app, port);
                List<String> run = new ArrayList<>(List.of(
                        "run",
                        "-d",
                        "--name",
                        name,
                        "--network",
                        "host",
                        "--read-only",
                        "-v",
                        name + ":/data",
                        "-e",
                        "MICRONAUT_SERVER_HOST=127.0.0.1",
                        "-e",
                        "MICRONAUT_SERVER_PORT=" + port));
                if (app.equals("sandbox")) {
                    run.addAll(List.of(
                            "-e",
                            "SANDBOX_HTTP_PORT=" + port,
                            "-e",
                            "SANDBOX_SSH_PORT=0",
                            "-e",
                            "SANDBOX_REST_PORT=0",
                            "-e",
                            "SANDBOX_MQTT_PORT=0"));
                }
                run.add("localhost/opencontrail/" + app + ":" + VERSION);
                podman.ok(run.toArray(String[]::new));
            }
            Http http = Http.plain();
            for (String app : APPS) {
                URI health = URI.create("http://127.0.0.1:" + ports.get(app) + "/health");
                await(app + " healthy")
                        .atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .ignoreExceptions()
                        .until(() -> http.get(health).statusCode() == 200);
                String name = "octest-" + app;
                assertThat(podman.ok("exec", name, "id", "-u"))
                        .as(app + " user")
                        .isEqualTo("10001");
                assertThat(podman.run("healthcheck", "run", name).exitCode())
                        .as(app + " image health check")
                        .isZero();
                Tool write = podman.run("exec", name, "touch", "/app/written");
                assertThat(write.exitCode()).as(app + " root filesystem").isNotZero();
                assertThat(write.errors()).contains("Read-only file system");
                assertThat(podman.run("exec", name, "touch", "/data/written").exitCode())
                        .as(app + " data volume")
                        .isZero();
                if (app.equals("logs-web")) {
                    assertThat(podman.ok("exec", name, "ls", "-A", "/data/logs-data"))
                            .as("the store and index on the volume")
                            .contains("index");
                }
            }
        } catch (IOException | AssertionError e) {
            for (String name : containers) {
                System.err.println(
                        name + ": " + podman.run("logs", "--tail", "40", name).output());
            }
            throw e;
        } finally {
            podman.remove(containers, volumes);
        }
    }
}
