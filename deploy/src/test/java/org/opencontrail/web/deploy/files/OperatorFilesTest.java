package org.opencontrail.web.deploy.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.shared.testing.Tool;

/**
 * The files an operator installs by hand, checked by the tools that will read them: systemd's units
 * by systemd-analyze, the proxy's server blocks by nginx -t, the alerts by promtool (their syntax,
 * and unit tests that each one fires on the series that should raise it), the dashboard as Grafana
 * JSON.
 */
class OperatorFilesTest {

    private static final Path DEPLOY = Path.of(System.getProperty("suite.root", ".."))
            .toAbsolutePath()
            .normalize()
            .resolve("deploy");
    private static final List<String> APPS = List.of("status-web", "logs-web", "git-web");

    @Test
    void everySystemdUnitPassesSystemdAnalyzeVerifyWithoutAWarningAndIsHardened() throws Exception {
        for (String app : APPS) {
            Path unit = DEPLOY.resolve("systemd/opencontrail-" + app + ".service");
            Tool verify =
                    Tool.run(Duration.ofMinutes(1), Map.of(), List.of("systemd-analyze", "verify", unit.toString()));
            assertThat(verify.exitCode()).as(verify.errors()).isZero();
            assertThat(verify.output() + verify.errors())
                    .as(app + ": systemd-analyze verify says nothing")
                    .isBlank();
            String text = Files.readString(unit);
            assertThat(text)
                    .contains(
                            "User=opencontrail-" + app + "\n",
                            "EnvironmentFile=/etc/opencontrail/" + app + ".env\n",
                            "Restart=on-failure\n",
                            "ProtectSystem=strict\n",
                            "NoNewPrivileges=yes\n",
                            "StateDirectory=opencontrail/" + app + "\n",
                            "ReadWritePaths=/var/lib/opencontrail/" + app + "\n",
                            "WorkingDirectory=/var/lib/opencontrail/" + app + "\n",
                            "-jar /opt/opencontrail/" + app + ".jar");
            assertThat(Files.readString(DEPLOY.resolve("systemd/opencontrail.sysusers")))
                    .contains("u opencontrail-" + app + " ");
        }
        Tool sysusers = Tool.run(
                Duration.ofMinutes(1),
                Map.of(),
                List.of(
                        "systemd-sysusers",
                        "--dry-run",
                        DEPLOY.resolve("systemd/opencontrail.sysusers").toString()));
        assertThat(sysusers.exitCode()).as(sysusers.errors()).isZero();
    }

    @Test
    void theNginxServerBlocksPassNginxTAndKeepTheEventStreamUnbuffered(@TempDir Path dir) throws Exception {
        Path ssl = Files.createDirectories(dir.resolve("ssl"));
        Tool.run(
                Duration.ofMinutes(1),
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=status.opencontrail.org",
                "-keyout",
                ssl.resolve("privkey.pem").toString(),
                "-out",
                ssl.resolve("fullchain.pem").toString());
        Path snippets = Files.createDirectories(dir.resolve("snippets"));
        Files.copy(DEPLOY.resolve("nginx/opencontrail-proxy.conf"), snippets.resolve("opencontrail-proxy.conf"));
        String site = Files.readString(DEPLOY.resolve("nginx/opencontrail.conf"));
        // the only changes: where this test keeps the certificate and the snippet
        Files.writeString(
                dir.resolve("site.conf"),
                site.replace("/etc/ssl/opencontrail/", ssl + "/").replace("/etc/nginx/snippets/", snippets + "/"));
        Path main = Files.writeString(
                dir.resolve("nginx.conf"),
                "pid " + dir.resolve("nginx.pid") + ";\nerror_log stderr;\n"
                        + "events {}\nhttp {\n  access_log off;\n  include " + dir.resolve("site.conf") + ";\n}\n");
        Tool check = Tool.run(Duration.ofMinutes(1), Map.of(), List.of("nginx", "-t", "-c", main.toString()));
        assertThat(check.exitCode()).as(check.errors()).isZero();
        assertThat(check.errors()).contains("test is successful").doesNotContain("[warn]");

        String stream = site.substring(site.indexOf("location /api/stream"));
        stream = stream.substring(0, stream.indexOf('}'));
        assertThat(stream)
                .contains(
                        "proxy_buffering off;",
                        "proxy_cache off;",
                        "proxy_read_timeout 1h;",
                        "proxy_set_header Host $host;",
                        "proxy_set_header X-Forwarded-Proto $scheme;");
        // single files (PUT /upload/...) and build archives (POST /api/upload/...) alike
        String uploads = site.substring(site.indexOf("location ~ ^/(api/)?upload/"));
        assertThat(uploads.substring(0, uploads.indexOf('}')))
                .contains("client_max_body_size 5g;", "proxy_request_buffering off;");
        for (String host : List.of("status.", "logs.", "git.")) {
            assertThat(site).contains("server_name " + host + "opencontrail.org;");
        }
        assertThat(site)
                .contains(
                        "proxy_pass http://127.0.0.1:8081",
                        "proxy_pass http://127.0.0.1:8082",
                        "proxy_pass http://127.0.0.1:8083");
    }

    @Test
    void theAlertRulesPassPromtoolAndItsUnitTestsOfEveryAlert() throws Exception {
        Path rules = DEPLOY.resolve("prometheus/opencontrail-alerts.yml");
        Tool check = Tool.run(Duration.ofMinutes(1), Map.of(), List.of("promtool", "check", "rules", rules.toString()));
        assertThat(check.exitCode()).as(check.output() + check.errors()).isZero();
        Tool tests = Tool.run(
                Duration.ofMinutes(2),
                Map.of(),
                List.of(
                        "promtool",
                        "test",
                        "rules",
                        DEPLOY.resolve("prometheus/opencontrail-alerts.test.yml")
                                .toString()));
        assertThat(tests.exitCode()).as(tests.output() + tests.errors()).isZero();
        Tool config = Tool.run(
                Duration.ofMinutes(1),
                Map.of(),
                List.of(
                        "promtool",
                        "check",
                        "config",
                        DEPLOY.resolve("prometheus/prometheus.yml").toString()));
        assertThat(config.exitCode()).as(config.output() + config.errors()).isZero();

        // every alert has a summary, a description saying what to do, and a unit test where it fires
        String text = Files.readString(rules);
        String unitTests = Files.readString(DEPLOY.resolve("prometheus/opencontrail-alerts.test.yml"));
        List<String> alerts = text.lines()
                .map(String::strip)
                .filter(l -> l.startsWith("- alert: "))
                .map(l -> l.substring("- alert: ".length()))
                .toList();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(11);
        for (String alert : alerts) {
            assertThat(unitTests)
                    .as(alert + " fires in a unit test")
                    .containsPattern(
                            "eval_time: \\w+\\n\\s+alertname: " + alert + "\\n\\s+exp_alerts:\\n\\s+- exp_labels");
        }
        assertThat(text.split("summary: ", -1)).hasSize(alerts.size() + 1);
        assertThat(text.split("description: ", -1)).hasSize(alerts.size() + 1);
    }

    @Test
    void theDashboardIsGrafanaJsonWhosePanelsEachAskPrometheus() throws IOException {
        try (Stream<Path> files = Files.list(DEPLOY.resolve("grafana"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
                assertThat(dashboard.path("uid").asText()).isNotBlank();
                assertThat(dashboard.path("title").asText()).contains("OpenContrail");
                assertThat(dashboard.path("schemaVersion").asInt()).isPositive();
                assertThat(dashboard.path("panels")).isNotEmpty();
                for (JsonNode panel : dashboard.path("panels")) {
                    assertThat(panel.path("title").asText()).isNotBlank();
                    assertThat(panel.path("gridPos").path("w").asInt()).isPositive();
                    assertThat(panel.path("targets"))
                            .as(panel.path("title").asText())
                            .isNotEmpty();
                    panel.path("targets")
                            .forEach(target ->
                                    assertThat(target.path("expr").asText()).isNotBlank());
                }
            }
        }
    }
}
