package org.opencontrail.web.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.deploy.LocalSuite.App;
import org.opencontrail.web.deploy.sandbox.Sandbox;
import org.opencontrail.web.deploy.sandbox.ci.CiCatalog;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.shared.testing.Tool;
import org.opencontrail.web.shared.zuul.status.QueueItem;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot;
import org.opencontrail.web.shared.zuul.status.ZuulStatusParser;

/**
 * kill -9 of status-web and of git-web (the real jars, fed by the sandbox CI) in their busiest work:
 * git-web while pushes arrive and it mirrors them, status-web with hundreds of event streams open.
 * Each is started again and, with nothing lost, matches its sources: git-web's mirrors have every
 * ref the sandbox's repositories have, status-web shows exactly the public items of Zuul's status.
 * (logs-web's drill is {@code IngestKillDrillTest}.)
 */
@Tag("suite")
class KillDrillTest {

    private static final int LISTENERS = 300;

    private final Http http = Http.plain();
    private final ZuulStatusParser parser = new ZuulStatusParser();

    @Test
    void statusWebAndGitWebKilledMidWorkComeBackMatchingTheirSources() throws Exception {
        try (SandboxedSuite.Running running = SandboxedSuite.Running.start("kill-drill", 5, List.of())) {
            Sandbox sandbox = running.sandbox();
            LocalSuite suite = running.suite();
            URI git = suite.url(App.GIT);
            String sources = sandbox.endpoints().get("GIT_URL");
            List<String> projects = sandbox.ci().publicProjects().stream()
                    .map(CiCatalog.ProjectSpec::name)
                    .toList();
            for (String project : projects) {
                await(project + " mirrored")
                        .atMost(Duration.ofMinutes(2))
                        .ignoreExceptions()
                        .until(() -> !refs(git + "/" + project).isEmpty());
            }

            // git-web: pushes land, and it is killed while it fetches them
            List<Map.Entry<String, String>> pushed = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                pushed.add(sandbox.ci().pushStraightToMaster());
            }
            suite.killAndStart(App.GIT);
            for (int i = 0; i < 3; i++) {
                pushed.add(sandbox.ci().pushStraightToMaster());
            }
            for (String project : projects) {
                await(project + " matches its source")
                        .atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofMillis(500))
                        .ignoreExceptions()
                        .until(() -> refs(git + "/" + project).equals(refs(sources + project + ".git")));
            }
            for (Map.Entry<String, String> push : pushed) {
                assertThat(get(git.resolve("/" + push.getKey() + "/+/" + push.getValue()))
                                .statusCode())
                        .as("pushed " + push.getValue() + " to " + push.getKey())
                        .isEqualTo(200);
            }

            // status-web: killed while hundreds of browsers follow its event stream
            URI status = suite.url(App.STATUS);
            List<CompletableFuture<HttpResponse<InputStream>>> listeners = new ArrayList<>();
            for (int i = 0; i < LISTENERS; i++) {
                listeners.add(http.sendAsync(
                        http.request(status.resolve("/api/stream")), HttpResponse.BodyHandlers.ofInputStream()));
            }
            await("the listeners connected")
                    .atMost(Duration.ofSeconds(30))
                    .until(() ->
                            listeners.stream().filter(CompletableFuture::isDone).count() == LISTENERS);
            suite.killAndStart(App.STATUS);
            listeners.forEach(listener -> listener.thenAccept(answer -> {
                try (InputStream body = answer.body()) {
                    body.readAllBytes(); // ended by the kill
                } catch (Exception ended) {
                    // a connection cut by the kill
                }
            }));
            String zuul = sandbox.endpoints().get("ZUUL_URL") + "api/tenant/" + CiCatalog.TENANT + "/status";
            await("status-web shows Zuul's public items")
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> {
                        Set<String> shown =
                                items(get(status.resolve("/api/status")).body());
                        return !shown.isEmpty()
                                && shown.equals(
                                        publicItems(get(URI.create(zuul)).body()));
                    });
            HttpResponse<InputStream> again =
                    http.stream(status.resolve("/api/stream").toString());
            try (InputStream body = again.body()) {
                assertThat(again.statusCode()).isEqualTo(200);
                assertThat(new String(body.readNBytes(16), StandardCharsets.UTF_8))
                        .as("a browser following the stream again")
                        .isNotBlank();
            }
        }
    }

    /** Every ref a repository advertises, with what it points at (protocol v0: the sandbox's own server speaks no v2 over HTTP). */
    static Set<String> refs(String repository) throws Exception {
        return new TreeSet<>(Tool.run(
                        Duration.ofSeconds(30),
                        "git",
                        "-c",
                        "protocol.version=0",
                        "ls-remote",
                        "--heads",
                        "--tags",
                        repository)
                .lines()
                .toList());
    }

    /** Pipeline, project, change and patch set of every item in a status document. */
    private Set<String> items(String json) throws Exception {
        return items(parser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))), false);
    }

    private Set<String> publicItems(String json) throws Exception {
        return items(parser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))), true);
    }

    private static Set<String> items(ZuulSnapshot snapshot, boolean publicOnly) {
        Set<String> items = new TreeSet<>();
        for (ZuulSnapshot.Pipeline pipeline : snapshot.pipelines()) {
            pipeline.queues().stream()
                    .flatMap(q -> q.heads().stream())
                    .flatMap(List::stream)
                    .forEach(item -> {
                        for (QueueItem.ItemRef ref : item.refs()) {
                            if (!publicOnly || !ref.project().equals(CiCatalog.HIDDEN_PROJECT)) {
                                items.add(pipeline.name() + " " + ref.project() + " "
                                        + ref.change().orElse(0) + ","
                                        + ref.patchSet().orElse(0));
                            }
                        }
                    });
        }
        return items;
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.timeout(Duration.ofSeconds(20)).get(uri);
    }
}
