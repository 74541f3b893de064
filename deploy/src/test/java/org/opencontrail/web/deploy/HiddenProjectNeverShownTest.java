package org.opencontrail.web.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencontrail.web.deploy.LocalSuite.App;
import org.opencontrail.web.deploy.SiteWalk.Visit;
import org.opencontrail.web.deploy.sandbox.ci.CiCatalog;
import org.opencontrail.web.deploy.sandbox.ci.SandboxChange;
import org.opencontrail.web.deploy.sandbox.ci.SandboxCi;
import org.opencontrail.web.fixtures.Http;

/**
 * The sandbox CI tests a project Gerrit hides ({@link CiCatalog#HIDDEN_PROJECT}): its changes are
 * on the event stream and in Gerrit's change queries, its items in Zuul's status, its builds in the
 * MQTT results and the builds API with logs on the log server, its repository beside the others'.
 * None of it shows on any site: not on any page, feed, JSON, badge or event stream a visitor reaches
 * from the home pages, not in a search, not as a build, an archive or a clone, even asked by name.
 */
@ExtendWith(SandboxedSuite.class)
@Tag("suite")
class HiddenProjectNeverShownTest {

    private static final String HIDDEN = CiCatalog.HIDDEN_PROJECT;
    private static final String HIDDEN_NAME = HIDDEN.substring(HIDDEN.indexOf('/') + 1);

    private final Http http = Http.plain();

    @Test
    void aHiddenProjectShowsNowhere(SandboxedSuite.Running running) throws Exception {
        LocalSuite suite = running.suite();
        SandboxCi ci = running.sandbox().ci();
        URI status = suite.url(App.STATUS);
        URI logs = suite.url(App.LOGS);
        URI git = suite.url(App.GIT);

        // While a hidden change is in Zuul's status, status-web's status has the others' and not it.
        String zuulStatus =
                running.sandbox().endpoints().get("ZUUL_URL") + "api/tenant/" + CiCatalog.TENANT + "/status";
        await("a hidden change in Zuul's status")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> get(URI.create(zuulStatus)).body().contains(HIDDEN));
        assertThat(get(status.resolve("/api/status")).body())
                .contains("Juniper/contrail-")
                .doesNotContain(HIDDEN_NAME);

        // A hidden build finished, with its logs on the log server, and a public one after it is stored.
        SandboxCi.FinishedBuild hiddenBuild = await("a hidden build finished")
                .atMost(Duration.ofMinutes(3))
                .until(
                        () -> ci.finishedBuilds().stream()
                                .filter(b -> b.item().project().equals(HIDDEN))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertThat(get(URI.create(hiddenBuild.build().logUrl())).statusCode())
                .as("the sandbox serves the hidden build's logs")
                .isEqualTo(200);
        await("a public build finished after it is stored")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    List<SandboxCi.FinishedBuild> finished = ci.finishedBuilds();
                    int at = finished.indexOf(hiddenBuild);
                    return finished.subList(at, finished.size()).stream()
                            .filter(b -> !b.item().project().equals(HIDDEN))
                            .anyMatch(b -> state(logs.resolve(
                                            "/api/builds/" + b.build().uuid()))
                                    .equals("done"));
                });
        List<SandboxChange> hiddenChanges =
                ci.changes().stream().filter(c -> c.project().equals(HIDDEN)).toList();
        assertThat(hiddenChanges).isNotEmpty();
        List<String> secrets =
                new ArrayList<>(List.of(HIDDEN_NAME, hiddenBuild.build().uuid()));
        hiddenChanges.forEach(change -> {
            secrets.add(change.subject());
            secrets.add(change.changeId());
        });

        // Every address a crawler reaches from the home pages, and the event stream for a while.
        Set<URI> start = new LinkedHashSet<>();
        Set<Integer> ports = new LinkedHashSet<>();
        for (App app : App.values()) {
            start.add(suite.url(app));
            ports.add(suite.url(app).getPort());
        }
        List<Visit> visits = SiteWalk.walk(start, ports, 3, 200);
        assertThat(visits).hasSizeGreaterThan(60);
        // a diff names projects only when an item comes in whole: read until one has, and at least 3 s
        String stream = streamUntil(status.resolve("/api/stream"), "Juniper/contrail-", 3, 60);
        assertThat(stream).contains("Juniper/contrail-");
        for (String secret : secrets) {
            for (Visit visit : visits) {
                assertThat(visit.body())
                        .as(visit.uri() + " shows the hidden project")
                        .doesNotContain(secret);
            }
            assertThat(stream).as("status-web's event stream").doesNotContain(secret);
        }

        // Asked by name or number: what a visitor who knows it asks. The name may be echoed; nothing of the project is
        // shown.
        List<URI> asked = new ArrayList<>();
        for (SandboxChange change : hiddenChanges) {
            asked.add(status.resolve("/change/" + change.number()));
            asked.add(status.resolve("/api/change/" + change.number()));
        }
        asked.add(status.resolve("/project/" + HIDDEN));
        asked.add(status.resolve("/api/project/" + HIDDEN));
        asked.add(status.resolve("/badge/" + HIDDEN + ".svg"));
        for (String query : List.of(
                HIDDEN_NAME, "project:\"" + HIDDEN + "\"", hiddenBuild.build().uuid())) {
            asked.add(logs.resolve("/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)));
            asked.add(logs.resolve("/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)));
        }
        asked.add(logs.resolve("/flaky"));
        asked.add(logs.resolve("/api/flaky"));
        asked.add(logs.resolve("/stream/" + hiddenBuild.build().uuid()));
        for (String suffix : List.of(
                "/",
                "/+log",
                "/+refs",
                "/+/master",
                "/+atom/master",
                "/+archive/master.tar.gz",
                "/info/refs?service=git-upload-pack")) {
            asked.add(git.resolve("/" + HIDDEN + suffix));
        }
        asked.add(git.resolve("/?format=JSON"));
        // code search: every README names its project, the hidden one's too
        asked.add(git.resolve("/+search?q=f:README"));
        asked.add(git.resolve("/+search?format=JSON&q=f:README"));
        asked.add(git.resolve("/+search?q=%23"));
        asked.add(git.resolve("/api/v1/search?q=%23&repos=*"));
        asked.add(git.resolve("/+search/left-out?format=JSON"));
        for (URI uri : asked) {
            HttpResponse<String> answer = get(uri);
            for (String secret : secrets) {
                if (URLDecoder.decode(uri.toString(), StandardCharsets.UTF_8).contains(secret)) {
                    continue; // what the visitor asked for may be said back
                }
                assertThat(answer.body()).as(uri + " shows the hidden project").doesNotContain(secret);
            }
        }
        assertThat(get(logs.resolve("/stream/" + hiddenBuild.build().uuid() + "/events"))
                        .statusCode())
                .as("the hidden build's live console")
                .isEqualTo(404);
        assertThat(get(logs.resolve("/api/builds/" + hiddenBuild.build().uuid()))
                        .statusCode())
                .as("the hidden build on logs-web")
                .isEqualTo(404);
        assertThat(get(git.resolve("/" + HIDDEN + "/")).statusCode())
                .as("the hidden repository on git-web")
                .isEqualTo(404);
        assertThat(get(git.resolve("/?format=JSON")).body()).doesNotContain(HIDDEN_NAME);
        Process clone = new ProcessBuilder(
                        "git", "ls-remote", git.resolve("/" + HIDDEN).toString())
                .redirectErrorStream(true)
                .start();
        String said = new String(clone.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(clone.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(clone.exitValue())
                .as("git ls-remote of the hidden project: " + said)
                .isNotZero();
    }

    private HttpResponse<String> get(URI uri) {
        return http.timeout(Duration.ofSeconds(30)).get(uri);
    }

    private String state(URI build) {
        try {
            return Http.json(get(build).body()).path("state").asText();
        } catch (IllegalArgumentException notJson) {
            return "";
        }
    }

    /** The stream read for at least {@code least} seconds and until it holds {@code wanted}, at most {@code most} seconds. */
    private String streamUntil(URI uri, String wanted, int least, int most) throws IOException {
        HttpResponse<InputStream> answer = http.stream(uri.toString(), "Accept", "text/event-stream");
        StringBuffer read = new StringBuffer();
        Thread reader = new Thread(
                () -> {
                    byte[] buffer = new byte[8192];
                    try (InputStream in = answer.body()) {
                        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                            read.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        }
                    } catch (IOException closed) {
                        // closed below, once enough is read
                    }
                },
                "stream-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            await("the stream names " + wanted)
                    .pollDelay(Duration.ofSeconds(least))
                    .atMost(Duration.ofSeconds(most))
                    .until(() -> read.indexOf(wanted) >= 0);
        } catch (ConditionTimeoutException e) {
            // what was read is returned: the caller says what it lacks
        } finally {
            answer.body().close();
        }
        return read.toString();
    }
}
