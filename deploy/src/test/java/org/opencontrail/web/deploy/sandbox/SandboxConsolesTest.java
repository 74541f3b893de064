package org.opencontrail.web.deploy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.deploy.sandbox.ci.SandboxCi;
import org.opencontrail.web.deploy.sandbox.ci.SandboxLogs;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.shared.json.ForeignJson;

/**
 * With {@code --jenkins-consoles} the sandbox plays Zuul v2: its status links each running job to a
 * Jenkins build whose progressive text is the job's console so far, more while it runs; the console
 * is the start of the job-output.txt stored when the build ends.
 */
@Tag("suite")
class SandboxConsolesTest {

    @TempDir
    Path dir;

    @Test
    void aRunningJobLinksItsJenkinsBuildWhoseConsoleTheStoredLogStartsWith() throws Exception {
        try (Sandbox sandbox = new Sandbox(new Sandbox.Options(
                dir.resolve("sandbox"), 7, 300, 0, 0, 0, 0, Optional.empty(), Optional.empty(), 0, true))) {
            sandbox.start();
            Map<String, String> endpoints = sandbox.endpoints();
            assertThat(endpoints.get("ZUUL_CONSOLE_STREAM"))
                    .matches("ws://127\\.0\\.0\\.1:\\d+/zuul/api/tenant/\\w+/console-stream");
            String zuul = endpoints.get("ZUUL_URL");
            URI status = URI.create(zuul + "api/tenant/" + endpoints.get("ZUUL_TENANT") + "/status");
            JsonNode[] running = {null};
            await("a running job")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        JsonNode tree =
                                ForeignJson.tree(Http.plain().get(status).body());
                        for (JsonNode job : tree.findValues("jobs")) {
                            for (JsonNode j : job) {
                                if (j.path("result").isNull()
                                        && j.path("uuid").isTextual()
                                        && j.path("url").asText().contains("/jenkins/job/")) {
                                    running[0] = j;
                                    return true;
                                }
                            }
                        }
                        return false;
                    });
            String uuid = running[0].path("uuid").asText();
            String build = running[0].path("url").asText();
            assertThat(build).endsWith("/jenkins/job/" + running[0].path("name").asText() + "/" + uuid + "/");

            HttpResponse<String> first = Http.plain().get(URI.create(build + "logText/progressiveText?start=0"));
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("X-More-Data")).hasValue("true");
            String sofar = first.body();

            SandboxCi ci = sandbox.ci();
            SandboxCi.FinishedBuild done = await("the build to end")
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> ci.finishedBuilds().stream()
                                    .filter(b -> b.build().uuid().equals(uuid))
                                    .findFirst(),
                            Optional::isPresent)
                    .orElseThrow();
            String stored = Files.readString(dir.resolve("sandbox/logs")
                    .resolve(SandboxLogs.path(done.item(), done.build()))
                    .resolve("job-output.txt"));
            assertThat(stored).startsWith(sofar).contains("[Zuul] Job complete, result: ");
            HttpResponse<String> end = Http.plain()
                    .get(URI.create(
                            build + "logText/progressiveText?start=" + sofar.getBytes(StandardCharsets.UTF_8).length));
            assertThat(sofar + end.body()).isEqualTo(stored);
            assertThat(end.headers().firstValue("X-More-Data")).isEmpty();
        }
    }
}
