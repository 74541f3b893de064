package org.opencontrail.web.deploy.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.fixtures.FreePort;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.shared.testing.Tool;

/**
 * deploy/compose.yaml started for real with Debian's podman-compose on the locally built images:
 * the three sites, s3proxy, mosquitto and the sandbox, on the host's network on free loopback
 * ports, the sites fed by the sandbox; and the file as Debian's docker-compose reads it.
 */
@Tag("podman")
class ComposeIT {

    private static final Path ROOT =
            Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
    private static final Path COMPOSE = ROOT.resolve("deploy/compose.yaml");
    private static final String PROJECT = "octest-compose";
    private static final String S3_IMAGE = "localhost/opencontrail/test-s3proxy:latest";

    private final Http http = Http.plain();
    private final ObjectMapper json = new ObjectMapper();
    /** The last /health answer of each site, printed when the sites do not come up: it says which part waits. */
    private final Map<Integer, String> lastHealth = new java.util.concurrent.ConcurrentHashMap<>();

    @Test
    void docker_composeAcceptsTheFileWithAndWithoutTheSandboxProfileAndWithTheProductionEnvironment() throws Exception {
        String production = ROOT.resolve("deploy/compose.env.example").toString();
        for (List<String> command : List.of(
                List.of("docker-compose", "-f", COMPOSE.toString(), "config", "-q"),
                List.of("docker-compose", "-f", COMPOSE.toString(), "--profile", "sandbox", "config", "-q"),
                List.of("docker-compose", "--env-file", production, "-f", COMPOSE.toString(), "config", "-q"))) {
            Tool check = Tool.run(Duration.ofMinutes(1), Map.of(), command);
            assertThat(check.exitCode()).as(check.errors()).isZero();
            assertThat(check.errors()).as("warnings of " + command).isBlank();
        }
    }

    @Test
    void theComposedSuiteComesUpFedByTheSandbox() throws Exception {
        LocalPodman podman = LocalPodman.prepare(ROOT.resolve("deploy/target/podman"));
        LocalPodman.suiteImages(ROOT);
        buildS3Image(podman);
        Map<String, Integer> ports = new HashMap<>();
        List<String> names = List.of("status", "logs", "git", "s3", "mqtt", "ssh", "rest", "http");
        List<Integer> free = FreePort.several(names.size()); // two services on one port would keep one down
        for (int i = 0; i < names.size(); i++) {
            ports.put(names.get(i), free.get(i));
        }
        Map<String, String> env = environment(ports);
        try {
            Tool up = podman.compose(Duration.ofMinutes(5), env, PROJECT, COMPOSE, "up", "-d");
            assertThat(up.exitCode()).as(up.output() + up.errors()).isZero();
            // six containers starting on a machine of two cores, then the sandbox's first buildsets
            await("the three sites fed by the sandbox")
                    .atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofSeconds(2))
                    .ignoreExceptions()
                    .untilAsserted(() -> {
                        JsonNode status = health(ports.get("status"));
                        assertThat(status.at("/details/gerrit-stream/details/state")
                                        .asText())
                                .isEqualTo("CONNECTED");
                        assertThat(status.at("/details/zuul-status/details/items")
                                        .asInt())
                                .isPositive();
                        JsonNode logs = health(ports.get("logs"));
                        assertThat(logs.at("/details/log-store/details/store").asText())
                                .startsWith("s3://logs at http://127.0.0.1:");
                        assertThat(logs.at("/details/ingest/details/done").asInt())
                                .as("builds stored in S3")
                                .isPositive();
                        JsonNode git = health(ports.get("git"));
                        assertThat(git.at("/details/mirrors/details/projects").asInt())
                                .as("projects mirrored")
                                .isPositive();
                        assertThat(git.at("/details/mirrors/details/notYetFetched")
                                        .asInt())
                                .isZero();
                    });
            assertThat(podman.ok(
                                    "ps",
                                    "--filter",
                                    "label=io.podman.compose.project=" + PROJECT,
                                    "--format",
                                    "{{.Names}}")
                            .lines())
                    .hasSize(6);
            everySeriesTheAlertsAndTheDashboardUseIsExported(ports);
        } catch (AssertionError | RuntimeException e) {
            for (String service : List.of("status-web", "logs-web", "git-web", "s3", "mqtt", "sandbox")) {
                // the access log of the test's own polling would hide what the service said
                List<String> said = podman.run("logs", "--tail", "500", PROJECT + "_" + service + "_1")
                        .output()
                        .lines()
                        .filter(line -> !line.contains("HTTP_ACCESS_LOGGER"))
                        .toList();
                System.err.println(service + ":\n"
                        + String.join("\n", said.subList(Math.max(0, said.size() - 40), said.size())));
            }
            lastHealth.forEach((port, body) -> System.err.println("/health on " + port + ": " + body));
            throw e;
        } finally {
            podman.compose(Duration.ofMinutes(2), env, PROJECT, COMPOSE, "down");
            String volumes = podman.ok("volume", "ls", "-q", "--filter", "name=" + PROJECT);
            podman.remove(List.of(), volumes.lines().toList());
        }
    }

    /** The alerts and the dashboard watch series the running sites really export, by these names. */
    private void everySeriesTheAlertsAndTheDashboardUseIsExported(Map<String, Integer> ports) throws Exception {
        Set<String> exported = new TreeSet<>();
        for (String site : List.of("status", "logs", "git")) {
            String text = http.get("http://127.0.0.1:" + ports.get(site) + "/prometheus")
                    .body();
            text.lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .forEach(line -> exported.add(line.split("[{ ]", 2)[0]));
        }
        Pattern series = Pattern.compile("\\b((?:suite|status|logs|git|disk|http|jvm)_[a-z0-9_]+)\\b");
        Set<String> used = new TreeSet<>();
        for (Path file : List.of(
                ROOT.resolve("deploy/prometheus/opencontrail-alerts.yml"),
                ROOT.resolve("deploy/grafana/opencontrail-ci-web.json"))) {
            Matcher matcher = series.matcher(Files.readString(file)
                    .lines()
                    .filter(l -> l.contains("expr"))
                    .reduce("", String::concat));
            while (matcher.find()) {
                used.add(matcher.group(1));
            }
        }
        assertThat(used).hasSizeGreaterThan(10);
        assertThat(exported).containsAll(used);
    }

    private JsonNode health(int port) throws Exception {
        HttpResponse<String> answer = http.get("http://127.0.0.1:" + port + "/health");
        lastHealth.put(port, answer.statusCode() + " " + answer.body());
        return json.readTree(answer.body());
    }

    /** Every setting as an operator's environment gives it: here free ports, the local images and the test's stores. */
    private static Map<String, String> environment(Map<String, Integer> ports) {
        String http = "http://127.0.0.1:" + ports.get("http");
        Map<String, String> env = new HashMap<>();
        env.put("IMAGES", "localhost/opencontrail");
        env.put("VERSION", System.getProperty("suite.version", "0.1.0"));
        env.put("S3_IMAGE", S3_IMAGE);
        env.put("MQTT_IMAGE", LocalPodman.BASE); // Debian's mosquitto is in the test base
        env.put("STATUS_WEB_PORT", String.valueOf(ports.get("status")));
        env.put("LOGS_WEB_PORT", String.valueOf(ports.get("logs")));
        env.put("GIT_WEB_PORT", String.valueOf(ports.get("git")));
        env.put("STATUS_URL", "http://127.0.0.1:" + ports.get("status"));
        env.put("LOGS_URL", "http://127.0.0.1:" + ports.get("logs"));
        env.put("GIT_URL", "http://127.0.0.1:" + ports.get("git"));
        env.put("S3_PORT", String.valueOf(ports.get("s3")));
        env.put("S3_ENDPOINT", "http://127.0.0.1:" + ports.get("s3"));
        env.put("MQTT_PORT", String.valueOf(ports.get("mqtt")));
        env.put("ZUUL_MQTT_URI", "tcp://127.0.0.1:" + ports.get("mqtt"));
        env.put("GERRIT_SSH_PORT", String.valueOf(ports.get("ssh")));
        env.put("SANDBOX_REST_PORT", String.valueOf(ports.get("rest")));
        env.put("SANDBOX_HTTP_PORT", String.valueOf(ports.get("http")));
        env.put("GERRIT_URL", "http://127.0.0.1:" + ports.get("rest") + "/");
        env.put("ZUUL_URL", http + "/zuul/");
        env.put("GIT_FETCH_URL", http + "/git/");
        env.put("SANDBOX_SPEED", "120");
        return env;
    }

    /** s3proxy's jar on the local base, taking the published image's variables (no registry here). */
    private static void buildS3Image(LocalPodman podman) throws IOException, InterruptedException {
        Path context = ROOT.resolve("deploy/target/podman/s3proxy-image");
        Files.createDirectories(context);
        Files.copy(
                ROOT.resolve("deploy/target/s3proxy/s3proxy.jar"),
                context.resolve("s3proxy.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        for (String name : List.of("Containerfile", "entry.sh")) {
            try (InputStream in = ComposeIT.class.getResourceAsStream("/container/s3proxy/" + name)) {
                Files.copy(in, context.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        podman.ok(
                "build",
                "-q",
                "-f",
                context.resolve("Containerfile").toString(),
                "--build-arg",
                "BASE=" + LocalPodman.BASE,
                "-t",
                S3_IMAGE,
                context.toString());
    }
}
