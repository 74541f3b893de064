package org.opencontrail.web.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencontrail.web.deploy.LocalSuite.App;
import org.opencontrail.web.fixtures.Http;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * status-web's Gerrit plugin in headless Chromium, in a page of another origin (as Gerrit's are)
 * whose {@code window.Gerrit} implements what the plugin uses of Gerrit's plugin API: install,
 * checks (register, announceUpdate) and the REST API. The plugin registers its provider without a
 * poll, fetches the runs of a sandbox change in the pipelines (each a job of that change, dates as
 * dates), follows the change and announces its moves, and its Recheck action posts "recheck" on
 * the patch set. Gerrit's own web UI is not published where this build can fetch it: this page
 * stands in for it.
 */
@ExtendWith(SandboxedSuite.class)
@Tag("browser")
@Tag("suite")
class GerritChecksPluginBrowserTest {

    private static final Pattern CHANGE = Pattern.compile("(\\d+),(\\d+)");

    /** Gerrit's side: the plugin API the plugin calls, each call noted. */
    private static final String PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Gerrit stand-in</title>
            <script>
              window.gerritCalls = {provider: null, config: null, announced: 0, posts: [], installed: []};
              window.Gerrit = {
                styles: {},
                install(callback, version, src) {
                  window.gerritCalls.installed.push(version);
                  callback({
                    getPluginName: () => 'opencontrail-checks',
                    checks: () => ({
                      register(provider, config) { gerritCalls.provider = provider; gerritCalls.config = config; },
                      announceUpdate() { gerritCalls.announced++; },
                      updateResult() {},
                    }),
                    restApi: () => ({
                      post(url, payload) { gerritCalls.posts.push({url, payload}); return Promise.resolve({}); },
                      get(url) { return Promise.resolve({}); },
                    }),
                  });
                },
              };
            </script>
            <script src="/plugins/opencontrail-checks.js"></script>
            </head><body><main><h1>Gerrit stand-in</h1></main></body></html>
            """;

    private static LocalSuite suite;
    private static HttpServer gerrit;
    private static ChromeDriver browser;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start(SandboxedSuite.Running running) throws Exception {
        suite = running.suite();
        String plugin = Http.plain()
                .get(suite.url(App.STATUS) + "/gerrit/opencontrail-checks.js")
                .body();
        gerrit = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gerrit.createContext("/", exchange -> {
            boolean script = exchange.getRequestURI().getPath().equals("/plugins/opencontrail-checks.js");
            byte[] body = (script ? plugin : PAGE).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .set("Content-Type", script ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        gerrit.start();
        browser = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (gerrit != null) {
            gerrit.stop(0);
        }
    }

    /** A change in the pipelines now (its own item, not one ahead of it) with a job not yet finished, and its jobs. */
    private record Moving(int change, int patchSet, List<String> jobs) {}

    private Optional<Moving> moving() throws IOException, InterruptedException {
        JsonNode status = json.readTree(
                Http.plain().get(suite.url(App.STATUS) + "/api/status").body());
        for (JsonNode item : status.findParents("jobs")) {
            // Zuul's v3 shape: the item's change is its first ref's "N,P"; a job not finished has no result
            Matcher change = CHANGE.matcher(item.path("refs").path(0).path("id").asText());
            List<String> jobs = new ArrayList<>();
            boolean unfinished = false;
            for (JsonNode job : item.path("jobs")) {
                jobs.add(job.path("name").asText());
                unfinished |= job.path("result").isNull() || job.path("result").isMissingNode();
            }
            if (change.matches() && item.path("live").asBoolean(true) && unfinished && !jobs.isEmpty()) {
                return Optional.of(new Moving(
                        Integer.parseInt(change.group(1)), Integer.parseInt(change.group(2)), List.copyOf(jobs)));
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> fetch(Moving change) {
        return (Map<String, Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                gerritCalls.provider.fetch({changeNumber: arguments[0], patchsetNumber: arguments[1],
                    patchsetSha: '', repo: '', changeInfo: {}})
                  .then(r => done({code: r.responseCode, error: r.errorMessage || '',
                    actions: (r.actions || []).map(a => a.name),
                    runs: (r.runs || []).map(run => ({name: run.checkName, status: run.status,
                      attempt: run.attempt, change: run.change, patchset: run.patchset,
                      scheduledIsDate: run.scheduledTimestamp instanceof Date,
                      startedIsDate: run.startedTimestamp === undefined || run.startedTimestamp instanceof Date}))}))
                  .catch(e => done({code: 'THROWN', error: String(e)}));
                """, change.change(), change.patchSet());
    }

    @Test
    void thePluginShowsASandboxChangesRunsFollowsItAndRechecks() throws Exception {
        browser.get("http://127.0.0.1:" + gerrit.getAddress().getPort() + "/change");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.executeScript("return gerritCalls.provider !== null"), Boolean.TRUE::equals);
        assertThat(browser.executeScript("return gerritCalls.config.fetchPollingIntervalSeconds"))
                .as("no poll: the plugin is told when the change moves")
                .isEqualTo(0L);

        Moving change = await().atMost(Duration.ofSeconds(60))
                .until(this::moving, Optional::isPresent)
                .orElseThrow();
        Map<String, Object> answer = fetch(change);
        assertThat(answer.get("code")).as(String.valueOf(answer.get("error"))).isEqualTo("OK");
        List<Map<String, Object>> runs = (List<Map<String, Object>>) answer.get("runs");
        assertThat(runs).isNotEmpty().allSatisfy(run -> {
            assertThat(change.jobs()).contains((String) run.get("name"));
            assertThat(run.get("status")).isIn("SCHEDULED", "RUNNING", "COMPLETED");
            assertThat(run.get("change")).isEqualTo((long) change.change());
            assertThat(run.get("patchset")).isEqualTo((long) change.patchSet());
            assertThat((Long) run.get("attempt")).isPositive();
            assertThat(run.get("scheduledIsDate")).isEqualTo(true);
            assertThat(run.get("startedIsDate")).isEqualTo(true);
        });
        assertThat((List<String>) answer.get("actions")).containsExactly("Recheck");

        // the sandbox moves on: the plugin hears it from status-web and has Gerrit fetch again
        await("an update of change " + change.change())
                .atMost(Duration.ofSeconds(90))
                .until(() -> ((Long) browser.executeScript("return gerritCalls.announced")) > 0);

        Object recheck = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                gerritCalls.provider.fetch({changeNumber: arguments[0], patchsetNumber: arguments[1],
                    patchsetSha: '', repo: '', changeInfo: {}})
                  .then(r => r.actions.find(a => a.name === 'Recheck')
                      .callback(arguments[0], arguments[1], undefined, undefined, undefined, 'Recheck'))
                  .then(result => done({message: result.message || '', posts: gerritCalls.posts}));
                """, change.change(), change.patchSet());
        Map<String, Object> result = (Map<String, Object>) recheck;
        assertThat((String) result.get("message")).isNotBlank();
        assertThat((List<Map<String, Object>>) result.get("posts"))
                .singleElement()
                .satisfies(post -> {
                    assertThat(post.get("url"))
                            .isEqualTo("/changes/" + change.change() + "/revisions/" + change.patchSet() + "/review");
                    assertThat(post.get("payload")).isEqualTo(Map.of("message", "recheck"));
                });
    }
}
