package org.opencontrail.web.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.deploy.LocalSuite.App;
import org.opencontrail.web.deploy.gerrit.GerritSite;
import org.opencontrail.web.deploy.gerrit.GerritSite.PushedChange;
import org.opencontrail.web.deploy.gerrit.RealGerrit;
import org.opencontrail.web.deploy.sandbox.Sandbox;
import org.opencontrail.web.deploy.sandbox.ci.SandboxBuild;
import org.opencontrail.web.deploy.sandbox.ci.SandboxCi;
import org.opencontrail.web.deploy.sandbox.zuul.GerritEndpoints;
import org.opencontrail.web.fixtures.FreePort;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.fixtures.S3ProxyServer;
import org.opencontrail.web.shared.gerrit.event.Approval;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.ChangeMerged;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.CommentAdded;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.PatchSetCreated;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.RefUpdated;
import org.opencontrail.web.shared.gerrit.stream.GerritHttp;
import org.opencontrail.web.shared.gerrit.stream.GerritSshSettings;
import org.opencontrail.web.shared.gerrit.stream.GerritStream;
import org.opencontrail.web.shared.gerrit.stream.RestChangesBackfill;
import org.opencontrail.web.shared.source.SourceState;
import org.opencontrail.web.shared.ssh.OpenSshServer;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The whole suite as one system against a real Gerrit 3.10 with a CI acting on it: the sandbox in
 * Zuul mode drives the review server (check, recheck, gate in one shared queue with Depends-On,
 * votes and submits through REST), s3proxy keeps the logs, the sandbox's MQTT broker carries the
 * results, and the three sites are configured as an operator would: an Ed25519 key made by
 * ssh-keygen, known_hosts from ssh-keyscan, Gerrit's REST URL. One Gerrit serves every test here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("browser")
@Tag("gerrit")
@Tag("suite")
@Tag("s3")
class WholeSuiteOnRealGerritTest {

    private static final String SANDESH = "Juniper/contrail-sandesh";
    private static final String CONTROLLER = "Juniper/contrail-controller";
    private static final String HIDDEN = "Juniper/contrail-private";
    private static final String FAILING_JOB = "contrail-vnc-build-unittest-ubuntu-trusty";
    private static final Path ROOT =
            Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("suite.version", "0.1.0");

    private final ObjectMapper json = new ObjectMapper();
    private final Http http = Http.plain();
    private Path dir;
    private RealGerrit gerrit;
    private GerritSite site;
    private Path siteKey;
    private Path zuulKey;
    private Path zuulPassword;
    private Path knownHosts;

    @BeforeAll
    void startGerrit(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        this.dir = dir;
        gerrit = new RealGerrit(dir.resolve("gerrit"));
        gerrit.start();
        site = new GerritSite(gerrit, Files.createDirectories(dir.resolve("work")));
        // keys as operators make them: ssh-keygen's default type
        siteKey = OpenSshServer.keygen(dir.resolve("keys").resolve("id_ed25519"), "ed25519", "RFC4716", "");
        zuulKey = OpenSshServer.keygen(dir.resolve("zuul").resolve("id_ed25519"), "ed25519", "RFC4716", "");
        zuulPassword = Files.writeString(dir.resolve("zuul").resolve("http-password"), "zuul-http-secret\n");
        String streamers = site.group("stream-readers", "Accounts that may read the event stream");
        String ci = site.group("ci-bots", "The CI: votes Verified and submits");
        site.account("ci-web", "CI web suite", Files.readString(Path.of(siteKey + ".pub")), null, "stream-readers");
        site.account(
                "zuul", "Zuul CI", Files.readString(Path.of(zuulKey + ".pub")), "zuul-http-secret", "stream-readers");
        gerrit.rest("PUT", "groups/ci-bots/members/zuul", "application/json", "{}");
        site.verifiedLabel();
        site.access("All-Projects", """
                {"add":{
                  "GLOBAL_CAPABILITIES":{"permissions":{"streamEvents":{"rules":{"%s":{"action":"ALLOW"}}}}},
                  "refs/heads/*":{"permissions":{
                    "label-Verified":{"rules":{"%s":{"action":"ALLOW","min":-2,"max":2}}},
                    "submit":{"rules":{"%s":{"action":"ALLOW"}}},
                    "push":{"rules":{"%s":{"action":"ALLOW"}}}}}}}""".formatted(streamers, ci, ci, site.groupId("Administrators")));
        site.project(SANDESH, "Sandesh, the introspection and messaging protocol");
        site.project(CONTROLLER, "Control plane, config and analytics of the SDN controller");
        site.project(HIDDEN, "Work not yet public");
        site.restrict(HIDDEN);
        knownHosts = Files.writeString(dir.resolve("keys").resolve("known_hosts"), keyscan(gerrit.sshPort()));
        assertThat(body(gerrit.url() + "projects/?d"))
                .as("anonymous users' projects")
                .contains(SANDESH)
                .doesNotContain(HIDDEN);
        assertThat(new GerritHttp(
                                gerrit.url(),
                                Duration.ofSeconds(10),
                                Optional.of(new GerritHttp.Credentials("zuul", "zuul-http-secret")))
                        .get("projects/?d"))
                .as("the CI's projects")
                .contains(SANDESH)
                .doesNotContain(HIDDEN);
    }

    @AfterAll
    void stopGerrit() throws InterruptedException {
        if (gerrit != null) {
            gerrit.close();
        }
    }

    @Test
    void theThreeSitesFollowARealGerritAndTheCiActingOnIt() throws Exception {
        try (S3ProxyServer s3 = new S3ProxyServer(Path.of("target", "s3proxy", "s3proxy.jar"));
                Sandbox zuul = zuulMode();
                LocalSuite suite =
                        LocalSuite.start(ROOT, VERSION, dir.resolve("suite"), Map.of(), properties(zuul, s3));
                PipelineWatch watch = new PipelineWatch(suite.url(App.STATUS))) {

            // Two changes that need each other across repositories, and one in the hidden project.
            PushedChange a = site.pushForReview(
                    SANDESH, "Sandesh: drop messages larger than the configured limit", "limit.txt", "");
            PushedChange b = site.pushForReview(
                    CONTROLLER, "controller: honour the Sandesh message limit", "limit.cc", "Depends-On: " + a.url());
            PushedChange hidden = site.pushForReview(HIDDEN, "Private work on contrail-private", "secret.txt", "");
            awaitVerified(a, 1);
            awaitVerified(b, 1);
            site.review(b.number(), "Looks good", "{\"Code-Review\":2}");
            site.review(a.number(), "Looks good", "{\"Code-Review\":2}");
            awaitStatus(a, "MERGED");
            awaitStatus(b, "MERGED");
            assertThat(submitted(a)).as("the change depended on merges first").isLessThanOrEqualTo(submitted(b));

            // A job that fails, known to a signature, then a recheck; Gerrit goes away for 30 s meanwhile.
            PushedChange c = site.pushForReview(
                    SANDESH, "Sandesh: retry the collector connection", "retry.txt", "Sandbox-Fail: " + FAILING_JOB);
            awaitVerified(c, -1);
            site.review(c.number(), "recheck", "{}");
            PushedChange d = site.pushForReview(CONTROLLER, "controller: log the peer's address", "peer.cc", "");
            gerrit.stopDaemon();
            Thread.sleep(30_000); // the outage itself
            gerrit.startDaemon();
            awaitVerified(c, 1);
            awaitVerified(d, 1);
            // every site streams again (a push past review is seen live only: no REST answer tells of it)
            for (App app : App.values()) {
                await(app.module + " streams again")
                        .atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> json.readTree(
                                        body(suite.url(app).resolve("/health").toString()))
                                .findPath("gerrit-stream")
                                .toString()
                                .contains("\"state\":\"CONNECTED\""));
            }
            String pushed = site.pushToBranch(SANDESH, "Hot fix straight to master", "HOTFIX");
            assertThat(site.change(hidden.number()).get("status").asText()).isEqualTo("NEW");

            String status = suite.url(App.STATUS).toString();
            String logs = suite.url(App.LOGS).toString();
            String git = suite.url(App.GIT).toString();

            // status-web: both changes in check and in gate, one dependency group, facts from the stream.
            assertThat(watch.pipelinesOf(a.number())).contains("check", "gate");
            assertThat(watch.pipelinesOf(b.number())).contains("check", "gate");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (PushedChange change : List.of(a, b, c, d)) {
                    JsonNode page = json.readTree(get(status + "/api/change/" + change.number()));
                    assertThat(page.get("subject").asText()).isEqualTo(change.subject());
                    assertThat(page.get("owner").asText()).isEqualTo("Administrator");
                    assertThat(page.get("project").asText()).isEqualTo(change.project());
                    assertThat(page.get("status").asText()).isEqualTo(change == a || change == b ? "MERGED" : "NEW");
                    assertOnce(
                            page.get("runs"),
                            run -> run.get("pipeline").asText()
                                    + run.get("patchSet").asText()
                                    + run.get("enqueued").asText());
                    assertOnce(page.get("voteHistory"), vote -> vote.toString());
                }
            });
            JsonNode group =
                    json.readTree(get(status + "/api/change/" + b.number())).get("group");
            assertThat(group.findValuesAsText("number"))
                    .contains(String.valueOf(a.number()), String.valueOf(b.number()));

            // logs-web: every build of the CI, searchable, the failure classified.
            SandboxCi ci = zuul.ci();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                for (SandboxCi.FinishedBuild build : ci.finishedBuilds()) {
                    JsonNode stored = json.readTree(
                            get(logs + "/api/builds/" + build.build().uuid()));
                    assertThat(stored.get("state").asText())
                            .as(build.build().job().name())
                            .isEqualTo("done");
                }
            });
            SandboxBuild failed = ci.finishedBuilds().stream()
                    .map(SandboxCi.FinishedBuild::build)
                    .filter(bld -> bld.result().orElse("").equals("FAILURE"))
                    .findFirst()
                    .orElseThrow();
            assertThat(failed.job().name()).isEqualTo(FAILING_JOB);
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(json.readTree(get(logs + "/api/builds/" + failed.uuid()))
                                    .get("failures")
                                    .toString())
                            .contains("ansible-meminfo-check"));
            JsonNode found = json.readTree(get(logs + "/api/search?range=all&q="
                    + URLEncoder.encode("message:\"head /proc/meminfo\"", StandardCharsets.UTF_8)));
            assertThat(found.get("hits").findValuesAsText("build")).contains(failed.uuid());

            // git-web: both public projects mirrored, clones give Gerrit's heads, the commit linked to review and gate.
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(heads(git + "/" + SANDESH)).containsEntry("refs/heads/master", site.head(SANDESH, "master"));
                assertThat(heads(git + "/" + CONTROLLER))
                        .containsEntry("refs/heads/master", site.head(CONTROLLER, "master"));
            });
            assertThat(json.readTree(get(git + "/?format=JSON")).fieldNames())
                    .toIterable()
                    .contains(SANDESH, CONTROLLER)
                    .doesNotContain(HIDDEN);
            String merged = site.change(a.number()).get("current_revision").asText();
            JsonNode commitCi =
                    json.readTree(GerritHttp.stripXssi(get(git + "/" + SANDESH + "/+ci/" + merged + "?format=JSON")));
            assertThat(commitCi.get("review").get("number").asInt()).isEqualTo(a.number());
            List<String> gateLogs = commitCi.get("gate").get("jobs").findValuesAsText("logUrl");
            assertThat(gateLogs).isNotEmpty().allSatisfy(url -> assertThat(url).isNotBlank());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> get(git + "/" + SANDESH + "/+ci/" + pushed + "?format=JSON")
                            .contains("\"unreviewed\" : true"));
            // listed once no merge has explained it for git.merge-grace (30 s)
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> GerritHttp.stripXssi(get(git + "/" + SANDESH + "/?format=JSON"))
                            .contains(pushed));

            // In a browser: the commit's CI section, the dependency group, the known failure.
            ChromeDriver browser = Chromium.start();
            try {
                browser.get(git + "/" + SANDESH + "/+/" + merged);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> !browser.findElements(By.cssSelector("#ci p.review a"))
                                .isEmpty());
                assertThat(browser.findElement(By.cssSelector("#ci p.review a")).getAttribute("href"))
                        .contains(String.valueOf(a.number()));
                assertThat(browser.findElements(By.cssSelector("#ci ul.jobs li a")))
                        .isNotEmpty();
                browser.get(status + "/change/" + b.number());
                assertThat(browser.findElements(By.cssSelector("tr.member[data-change='" + a.number() + "']")))
                        .hasSize(1);
                browser.get(logs + "/"
                        + json.readTree(get(logs + "/api/builds/" + failed.uuid()))
                                .get("root")
                                .asText());
                assertThat(browser.findElement(By.cssSelector("section.known-failures"))
                                .getText())
                        .contains("ansible-meminfo-check");
            } finally {
                browser.quit();
            }

            // The hidden project is on no page, feed, search result, badge or clone.
            List<String> everything = List.of(
                    status + "/",
                    status + "/api/status",
                    status + "/infra",
                    status + "/api/infra",
                    status + "/change/" + hidden.number(),
                    status + "/api/change/" + hidden.number(),
                    logs + "/",
                    logs + "/failures",
                    logs + "/api/failures",
                    logs + "/flaky",
                    logs + "/api/flaky",
                    git + "/",
                    git + "/?format=JSON",
                    git + "/merges.atom");
            for (String url : everything) {
                assertThat(body(url))
                        .as(url)
                        .doesNotContain("contrail-private")
                        .doesNotContain(hidden.changeId())
                        .doesNotContain(hidden.subject());
            }
            for (String query : List.of("project:\"" + HIDDEN + "\"", "\"Private work\"", "contrail\\-private")) {
                JsonNode results = json.readTree(
                        get(logs + "/api/search?range=all&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)));
                assertThat(results.get("total").asLong()).as(query).isZero();
            }
            // addresses that name it answer as for a project that does not exist, and tell nothing of its change
            for (String address :
                    List.of(status + "/project/", status + "/api/project/", status + "/badge/", git + "/")) {
                String suffix = address.endsWith("badge/") ? ".svg" : address.startsWith(git) ? "/" : "";
                HttpResponse<String> named = send(address + HIDDEN + suffix);
                assertThat(named.statusCode())
                        .as(address)
                        .isEqualTo(send(address + "Juniper/no-such-project" + suffix)
                                .statusCode());
                assertThat(named.body())
                        .as(address)
                        .doesNotContain(hidden.subject())
                        .doesNotContain(hidden.changeId());
            }
            Process clone = new ProcessBuilder("git", "ls-remote", git + "/" + HIDDEN)
                    .redirectErrorStream(true)
                    .start();
            assertThat(clone.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(clone.exitValue())
                    .as("git ls-remote of the hidden project")
                    .isNotZero();
        }
    }

    @Test
    void theReadmesRealCiCommandFeedsTheSitesFromThisGerrit() throws Exception {
        Path run = dir.resolve("suite-run");
        List<Integer> free = FreePort.several(3);
        Map<String, String> ports = Map.of(
                "STATUS_WEB_PORT",
                String.valueOf(free.get(0)),
                "LOGS_WEB_PORT",
                String.valueOf(free.get(1)),
                "GIT_WEB_PORT",
                String.valueOf(free.get(2)));
        ProcessBuilder start = new ProcessBuilder(
                        ROOT.resolve("suite").toString(),
                        "start",
                        "--gerrit",
                        "ci-web@127.0.0.1:" + gerrit.sshPort(),
                        "--gerrit-key",
                        siteKey.toString(),
                        "--known-hosts",
                        knownHosts.toString(),
                        "--gerrit-url",
                        gerrit.url())
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("suite-start.log").toFile());
        start.environment().putAll(ports);
        start.environment().put("SUITE_RUN_DIR", run.toString());
        start.environment().put("SUITE_JAVA_OPTS", "-Xmx256m");
        try {
            Process started = start.start();
            assertThat(started.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(started.exitValue())
                    .as(Files.readString(dir.resolve("suite-start.log")))
                    .isZero();
            assertThat(Files.readString(dir.resolve("suite-start.log"))).contains("The suite is up");
            String status = "http://127.0.0.1:" + ports.get("STATUS_WEB_PORT");
            String git = "http://127.0.0.1:" + ports.get("GIT_WEB_PORT");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> get(status + "/health").contains("CONNECTED"));
            PushedChange change = site.pushForReview(SANDESH, "Sandesh: count dropped messages", "count.txt", "");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> body(status + "/api/change/" + change.number()).contains(change.subject()));
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> body(git + "/?format=JSON").contains(SANDESH));
        } finally {
            ProcessBuilder stop = new ProcessBuilder(ROOT.resolve("suite").toString(), "stop")
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            stop.environment().put("SUITE_RUN_DIR", run.toString());
            stop.start().waitFor(2, TimeUnit.MINUTES);
        }
    }

    @Test
    void theStreamClientReadsTheRealServersEventsTyped() throws Exception {
        String project = "demo/stream";
        site.project(project, "Events of the stream, typed");
        List<GerritEvent> events = new CopyOnWriteArrayList<>();
        GerritSshSettings config = new GerritSshSettings(
                "127.0.0.1",
                gerrit.sshPort(),
                "ci-web",
                siteKey.toString(),
                "",
                knownHosts.toString(),
                GerritSshSettings.HostKeyPolicy.STRICT,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                Duration.ofMillis(500),
                Duration.ofSeconds(5),
                List.of(),
                10_000);
        try (GerritStream stream = new GerritStream(
                config,
                new RestChangesBackfill(gerrit.url(), Duration.ofSeconds(10)),
                Clock.systemUTC(),
                new SplittableRandom(5))) {
            stream.subscribe(events::add);
            stream.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.health().state() == SourceState.CONNECTED);

            PushedChange change = site.pushForReview(project, "Fix crash in BGP peer close", "bgp.cc", "");
            site.review(change.number(), "Looks good", "{\"Code-Review\":2}");
            gerrit.rest("POST", "changes/" + change.number() + "/submit", "application/json", "{}");

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> events.stream()
                            .anyMatch(e ->
                                    e instanceof ChangeMerged m && m.change().number() == change.number()));
            PatchSetCreated created = (PatchSetCreated) events.stream()
                    .filter(e -> e instanceof PatchSetCreated p && p.change().number() == change.number())
                    .findFirst()
                    .orElseThrow();
            assertThat(created.change().project()).isEqualTo(project);
            assertThat(created.change().id()).isEqualTo(change.changeId());
            assertThat(created.change().subject()).isEqualTo(change.subject());
            assertThat(created.patchSet().orElseThrow().ref())
                    .isEqualTo("refs/changes/" + String.format("%02d", change.number() % 100) + "/" + change.number()
                            + "/1");
            assertThat(created.uploader().username()).isEqualTo("admin");

            CommentAdded review = (CommentAdded) events.stream()
                    .filter(e -> e instanceof CommentAdded c
                            && c.change().number() == change.number()
                            && c.approvals().stream().anyMatch(a -> !a.none()))
                    .findFirst()
                    .orElseThrow();
            assertThat(review.approvals())
                    .filteredOn(a -> !a.none())
                    .extracting(Approval::type, Approval::value)
                    .containsExactly(tuple("Code-Review", 2));
            assertThat(review.comment()).contains("Looks good");

            ChangeMerged merged = (ChangeMerged) events.stream()
                    .filter(e -> e instanceof ChangeMerged m && m.change().number() == change.number())
                    .findFirst()
                    .orElseThrow();
            assertThat(merged.change().status()).isEqualTo("MERGED");
            assertThat(merged.submitter().username()).isEqualTo("admin");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> events.stream()
                            .anyMatch(e -> e instanceof RefUpdated r
                                    && r.refUpdate().project().equals(project)
                                    && r.refUpdate().refName().equals("refs/heads/master")
                                    && r.refUpdate().newRev().equals(merged.newRev())));
            assertThat(stream.counters().filteredMeta())
                    .as("refs/changes/*/meta noise dropped")
                    .isPositive();
            assertThat(stream.health().status().malformedLines()).isZero();
        }
    }

    /** The sandbox in Zuul mode, logged in as the zuul account, as fast as the test needs. */
    private Sandbox zuulMode() throws Exception {
        GerritEndpoints endpoints = GerritEndpoints.of(
                "zuul@127.0.0.1:" + gerrit.sshPort(),
                zuulKey,
                Optional.empty(),
                knownHosts,
                gerrit.url(),
                Optional.of("zuul"),
                zuulPassword);
        Sandbox sandbox = new Sandbox(
                new Sandbox.Options(dir.resolve("sandbox"), 20171124, 600, 0, 0, 0, 0, Optional.of(endpoints)));
        sandbox.start();
        return sandbox;
    }

    /** What an operator gives each app: its own Ed25519 key and known_hosts, REST, Zuul, MQTT, S3. */
    private List<String> properties(Sandbox zuul, S3ProxyServer s3) {
        Map<String, String> env = zuul.endpoints();
        return List.of(
                "-Dgerrit.ssh.host=127.0.0.1",
                "-Dgerrit.ssh.port=" + gerrit.sshPort(),
                "-Dgerrit.ssh.user=ci-web",
                "-Dgerrit.ssh.key-file=" + siteKey,
                "-Dgerrit.ssh.known-hosts=" + knownHosts,
                "-Dgerrit.url=" + gerrit.url(),
                "-Dbranding.review-url=" + gerrit.url(),
                "-Dzuul.url=" + env.get("ZUUL_URL"),
                "-Dzuul.poll-interval=500ms",
                "-Dzuul.tenant=" + env.get("ZUUL_TENANT"),
                "-Dzuul.mqtt.uri=" + env.get("ZUUL_MQTT_URI"),
                "-Dlogs.s3.endpoint=" + s3.endpoint(),
                "-Dlogs.s3.bucket=logs",
                "-Dlogs.s3.access-key=" + S3ProxyServer.ACCESS_KEY,
                "-Dlogs.s3.secret-key=" + S3ProxyServer.SECRET_KEY);
    }

    private void awaitVerified(PushedChange change, int value) {
        await("Verified " + value + " on " + change.number())
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> verified(change) == value);
    }

    private int verified(PushedChange change) throws IOException, InterruptedException {
        JsonNode all =
                site.change(change.number()).path("labels").path("Verified").path("all");
        int latest = 0;
        for (JsonNode vote : all) {
            if (vote.path("username").asText().equals("zuul")) {
                latest = vote.path("value").asInt();
            }
        }
        return latest;
    }

    private void awaitStatus(PushedChange change, String status) {
        await(change.number() + " " + status)
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> site.change(change.number()).get("status").asText().equals(status));
    }

    private String submitted(PushedChange change) throws IOException, InterruptedException {
        return site.change(change.number()).get("submitted").asText();
    }

    private static void assertOnce(JsonNode list, java.util.function.Function<JsonNode, String> key) {
        List<String> keys =
                StreamSupport.stream(list.spliterator(), false).map(key).toList();
        assertThat(new HashSet<>(keys)).as("each once: " + keys).hasSameSizeAs(keys);
    }

    /** Branch heads as a real git client sees them over our smart HTTP. */
    private static Map<String, String> heads(String url) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("git", "ls-remote", "--heads", url)
                .redirectErrorStream(false)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        Map<String, String> heads = new ConcurrentHashMap<>();
        out.lines()
                .map(line -> line.split("\t"))
                .filter(parts -> parts.length == 2)
                .forEach(parts -> heads.put(parts[1], parts[0]));
        return heads;
    }

    private static String keyscan(int port) throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder("ssh-keyscan", "-T", "20", "-p", String.valueOf(port), "127.0.0.1").start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        if (out.isBlank()) {
            throw new IllegalStateException("ssh-keyscan found no host key on port " + port);
        }
        return out;
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.timeout(Duration.ofSeconds(20)).get(url);
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** Whatever the answer, its body (a 404 page included). */
    private String body(String url) throws IOException, InterruptedException {
        return send(url).body();
    }

    private HttpResponse<String> send(String url) throws IOException, InterruptedException {
        return http.timeout(Duration.ofSeconds(20)).get(url);
    }

    /** Samples status-web's pipelines as a watching developer would, remembering every pipeline each change was in. */
    private final class PipelineWatch implements AutoCloseable {

        private final Map<Integer, Set<String>> seen = new ConcurrentHashMap<>();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

        PipelineWatch(URI status) {
            sampler.scheduleWithFixedDelay(
                    () -> {
                        try {
                            for (JsonNode pipeline : json.readTree(
                                            get(status.resolve("/api/status").toString()))
                                    .path("pipelines")) {
                                for (JsonNode queue : pipeline.path("change_queues")) {
                                    for (JsonNode head : queue.path("heads")) {
                                        for (JsonNode item : head) {
                                            String id = item.path("refs")
                                                    .path(0)
                                                    .path("id")
                                                    .asText(item.path("id").asText());
                                            if (id.contains(",")) {
                                                seen.computeIfAbsent(
                                                                Integer.parseInt(id.substring(0, id.indexOf(','))),
                                                                n -> ConcurrentHashMap.newKeySet())
                                                        .add(pipeline.path("name")
                                                                .asText());
                                            }
                                        }
                                    }
                                }
                            }
                        } catch (IOException | RuntimeException e) {
                            // not up yet, or Zuul not read yet: the next sample
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    0,
                    200,
                    TimeUnit.MILLISECONDS);
        }

        Set<String> pipelinesOf(int change) {
            return seen.getOrDefault(change, Set.of());
        }

        @Override
        public void close() {
            sampler.shutdownNow();
        }
    }
}
