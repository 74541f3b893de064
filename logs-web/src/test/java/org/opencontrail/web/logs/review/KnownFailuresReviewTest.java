package org.opencontrail.web.logs.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.logs.database.ReviewCommentRows;
import org.opencontrail.web.logs.ingest.LogServer;
import org.opencontrail.web.shared.gerrit.projects.PublicProjects;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResult;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResultParser;
import org.opencontrail.web.shared.zuul.mqtt.ZuulResultListener;
import reactor.core.publisher.Mono;

/**
 * A failed buildset gets one comment on its change, once its failed voting builds are stored,
 * indexed and matched: naming each one's known failure, or its first anomaly; passing buildsets
 * and non-voting failures get none. Gerrit down, Gerrit refusing, an answer lost, a restart and a
 * second replica all still end with one comment.
 */
class KnownFailuresReviewTest {

    private static final String PROJECT = "Juniper/contrail-controller";
    private static final String USER = "opencontrail-ci";

    @TempDir
    Path temp;

    private LogServer logs;
    private GerritReviewsStub gerrit;
    private Path passwordFile;
    private Path signatures;
    private final List<ApplicationContext> apps = new java.util.ArrayList<>();
    private int changes = 91000;

    @BeforeEach
    void start() throws IOException {
        logs = new LogServer(temp.resolve("logs"));
        gerrit = new GerritReviewsStub(List.of(PROJECT), USER, "first-secret");
        passwordFile = temp.resolve("gerrit-http-password");
        Files.writeString(passwordFile, "first-secret\n");
        signatures = Files.createDirectories(temp.resolve("signatures"));
        try (var yaml = getClass().getResourceAsStream("/elastic-recheck/1384373.yaml")) {
            Files.copy(yaml, signatures.resolve("1384373.yaml"));
        }
    }

    @AfterEach
    void stop() {
        for (ApplicationContext app : apps) {
            // the builds heard are taken in before the app stops, so that nothing writes into its folder after
            org.opencontrail.web.logs.builds.BuildRecords records =
                    app.getBean(org.opencontrail.web.logs.builds.BuildRecords.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> records.pending().isEmpty());
        }
        apps.forEach(ApplicationContext::close);
        gerrit.close();
        logs.close();
    }

    private ApplicationContext app(String name, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("logs.dir", temp.resolve(name).toString());
        properties.put("logs.signatures.dir", signatures.toString());
        properties.put("logs.signatures.bug-url", "https://bugs.launchpad.net/bugs/{id}");
        properties.put("logs.ingest.backoff", "200ms");
        properties.put("gerrit.url", gerrit.url());
        properties.put("branding.logs-url", "https://logs.opencontrail.org");
        properties.put("logs.review.enabled", "true");
        properties.put("logs.review.username", USER);
        properties.put("logs.review.password-file", passwordFile.toString());
        properties.put("logs.review.wait", "1m");
        properties.put("logs.review.backoff", "200ms");
        properties.put("logs.review.timeout", "3s");
        properties.put("logs.review.lease", "3s");
        properties.putAll(more);
        ApplicationContext app =
                ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
        apps.add(app);
        PublicProjects projects = app.getBean(PublicProjects.class);
        await().atMost(Duration.ofSeconds(20)).until(projects::decided); // Gerrit's list of public projects read
        return app;
    }

    /** A build's folder on the log server, with its console. */
    private String build(String folder, String console) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("logs").resolve(folder));
        Files.writeString(dir.resolve("job-output.txt"), console);
        return logs.url(folder + "/");
    }

    private static String console(String... failure) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append("2026-12-07 10:00:")
                    .append(String.format("%02d", i))
                    .append(".000 | TASK [run step ")
                    .append(i)
                    .append("] ok: [controller]\n");
        }
        for (String line : failure) {
            text.append("2026-12-07 10:01:00.000 | ").append(line).append('\n');
        }
        return text.toString();
    }

    /**
     * A finished buildset of a new change as Zuul's MQTT reporter sends it, builds given as
     * {job, result, voting, log_url}.
     */
    private BuildsetResult buildset(String uuid, String pipeline, String result, String[]... builds) {
        int change = ++changes;
        StringBuilder json = new StringBuilder();
        for (String[] b : builds) {
            json.append(json.isEmpty() ? "" : ",").append("""
                            {"job_name": "%s", "uuid": "%s", "voting": %s, "result": "%s", "log_url": "%s"}""".formatted(
                            b[0],
                            uuid.substring(0, 8) + String.format("%08x", b[0].hashCode()) + "0000000000000000",
                            b[2],
                            b[1],
                            b[3]));
        }
        String message = """
                {"action": "%s", "tenant": "opencontrail", "pipeline": "%s", "project": "%s", "branch": "master",
                 "change": "%d", "patchset": "2", "ref": "refs/changes/%02d/%d/2",
                 "commit_id": "4f1e9a7c2b3d5e6f708192a3b4c5d6e7f8091a2b",
                 "buildset": {"uuid": "%s", "result": "%s", "builds": [%s]}}
                """.formatted(
                        result.toLowerCase(java.util.Locale.ROOT),
                        pipeline,
                        PROJECT,
                        change,
                        change % 100,
                        change,
                        uuid,
                        result,
                        json);
        try {
            return new BuildsetResultParser().parse(message.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void heard(ApplicationContext app, BuildsetResult result) {
        app.getBeansOfType(ZuulResultListener.class).forEach(listener -> listener.onEvent(result));
    }

    private static String change(BuildsetResult result) {
        return PROJECT + "~" + result.change().orElseThrow();
    }

    private static Map<String, Object> health(ApplicationContext app) {
        HealthResult result =
                Mono.from(app.getBean(ReviewHealthIndicator.class).getResult()).block();
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) result.getDetails();
        return details;
    }

    /** A failed buildset with one known failure, one failure nobody has seen, and what gets no line. */
    private BuildsetResult failedBuildset(String uuid) throws IOException {
        String prefix = uuid.substring(0, 6);
        return buildset(
                uuid,
                "check",
                "FAILURE",
                new String[] {
                    "contrail-unittest",
                    "FAILURE",
                    "true",
                    build(
                            prefix + "/unittest",
                            console("fatal: Could not read from remote repository.", "ERROR: the job failed"))
                },
                new String[] {
                    "contrail-sanity",
                    "FAILURE",
                    "true",
                    build(
                            prefix + "/sanity",
                            console(
                                    "ERROR vrouter agent <script>alert(1)</script> crashed: [click](javascript:alert(2))",
                                    "Traceback (most recent call last):",
                                    "  File \"agent.py\", line 12",
                                    "SegfaultError: core dumped"))
                },
                new String[] {
                    "contrail-lint",
                    "FAILURE",
                    "false",
                    build(prefix + "/lint", console("fatal: Could not read from remote repository."))
                },
                new String[] {"contrail-docs", "SUCCESS", "true", build(prefix + "/docs", console())});
    }

    @Test
    void aFailedBuildsetGetsOneCommentNamingItsKnownFailuresAndItsUnknownOnes() throws Exception {
        ApplicationContext app = app("one", Map.of());
        BuildsetResult passing = buildset("aa00000000000000000000000000000a", "check", "SUCCESS", new String[] {
            "contrail-unittest", "SUCCESS", "true", build("aa/unittest", console())
        });
        BuildsetResult nonVoting = buildset("bb00000000000000000000000000000b", "check", "SUCCESS", new String[] {
            "contrail-lint",
            "FAILURE",
            "false",
            build("bb/lint", console("fatal: Could not read from remote repository."))
        });
        BuildsetResult otherPipeline = buildset("dd00000000000000000000000000000d", "post", "FAILURE", new String[] {
            "contrail-unittest", "FAILURE", "true", build("dd/unittest", console("ERROR failed"))
        });
        BuildsetResult failed = failedBuildset("cc00000000000000000000000000000c");
        heard(app, passing);
        heard(app, nonVoting);
        heard(app, otherPipeline);
        heard(app, failed);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> gerrit.reviews(change(failed)).size() == 1);
        GerritReviewsStub.Review review = gerrit.reviews(change(failed)).get(0);
        assertThat(review.revision()).isEqualTo("4f1e9a7c2b3d5e6f708192a3b4c5d6e7f8091a2b");
        JsonNode body = review.body();
        assertThat(body.path("tag").asText()).isEqualTo("autogenerated:opencontrail:known-failures");
        assertThat(body.has("labels")).as("no vote").isFalse();
        assertThat(body.path("notify").asText()).isEqualTo("OWNER");
        String text = body.path("message").asText();
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).isEqualTo("I noticed Zuul failed, I think you hit bug(s):");
        assertThat(lines)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("- contrail-unittest https://logs.opencontrail.org/")
                        .endsWith(": 1384373 https://bugs.launchpad.net/bugs/1384373"))
                .anySatisfy(line -> assertThat(line)
                        .startsWith("- contrail-sanity https://logs.opencontrail.org/")
                        .contains(": unrecognized error, its first anomaly: https://logs.opencontrail.org/")
                        .containsPattern("job-output\\.txt#L4[1-4]$"))
                .contains("Some of the tests failed in a way that we did not understand. Please help us classify"
                        + " these issues so that they can be part of the known failures:"
                        + " https://logs.opencontrail.org/failures/fingerprints")
                .noneMatch(line -> line.contains("contrail-lint") || line.contains("contrail-docs"));
        assertThat(text)
                .contains("Buildset cc00000000000000000000000000000c: "
                        + "https://logs.opencontrail.org/buildset/cc00000000000000000000000000000c");
        assertThat(text).doesNotContain("<script>").doesNotContain("javascript:");

        ReviewCommentRows rows = app.getBean(ReviewCommentRows.class);
        await().until(() -> rows.state(failed.buildsetUuid()).equals(Optional.of("posted")));
        assertThat(rows.state(passing.buildsetUuid())).isEmpty();
        assertThat(rows.state(nonVoting.buildsetUuid())).isEmpty();
        assertThat(rows.state(otherPipeline.buildsetUuid()))
                .as("post is not among the pipelines")
                .isEmpty();
        assertThat(gerrit.reviews(change(passing))).isEmpty();
        assertThat(gerrit.reviews(change(nonVoting))).isEmpty();
        assertThat(health(app)).containsEntry("posted", 1L).containsEntry("refused", 0L);

        heard(app, failed); // Zuul's report heard again (a replay): still one comment
        Thread.sleep(1000);
        assertThat(gerrit.reviews(change(failed))).hasSize(1);
    }

    @Test
    void theReviewApiTellsOfEachBuildItsLogsKnownFailuresAndFirstError() throws Exception {
        ApplicationContext app = app("api", Map.of());
        BuildsetResult failed = failedBuildset("af00000000000000000000000000000a");
        heard(app, failed);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> gerrit.reviews(change(failed)).size() == 1);
        String unittest = failed.builds().get(0).uuid();
        String sanity = failed.builds().get(1).uuid();
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(app.getBean(EmbeddedServer.class)
                                        .getURI()
                                        .resolve("/api/review/builds?uuid=" + unittest + "&uuid=" + sanity
                                                + "&uuid=0000000000000000ffffffffffffffff"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        JsonNode builds =
                org.opencontrail.web.shared.json.ForeignJson.tree(answer.body()).path("builds");
        assertThat(builds).as("the unknown build is left out").hasSize(2);
        assertThat(builds.get(0).path("job").asText()).isEqualTo("contrail-unittest");
        assertThat(builds.get(0).path("logsUrl").asText()).startsWith("https://logs.opencontrail.org/");
        assertThat(builds.get(0).path("failures").get(0).path("id").asText()).isEqualTo("1384373");
        assertThat(builds.get(0).path("failures").get(0).path("url").asText())
                .isEqualTo("https://bugs.launchpad.net/bugs/1384373");
        JsonNode firstError = builds.get(1).path("firstError");
        assertThat(builds.get(1).path("failures")).isEmpty();
        assertThat(firstError.path("url").asText()).matches("https://logs.opencontrail.org/.+job-output\\.txt#L\\d+");
        assertThat(firstError.path("text").asText()).isNotBlank();
    }

    @Test
    void everyFailureKnownGetsTheRecheckHint() throws Exception {
        ApplicationContext app = app("known", Map.of());
        BuildsetResult failed = buildset("ee00000000000000000000000000000e", "gate", "FAILURE", new String[] {
            "contrail-unittest",
            "FAILURE",
            "true",
            build("ee/unittest", console("fatal: Could not read from remote repository."))
        });
        heard(app, failed);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> gerrit.reviews(change(failed)).size() == 1);
        assertThat(gerrit.reviews(change(failed)).get(0).body().path("message").asText())
                .contains("feel free to leave a 'recheck' comment")
                .doesNotContain("unrecognized");
    }

    @Test
    void gerritDownAndAPasswordChangedStillEndWithOneComment() throws Exception {
        ApplicationContext app = app("down", Map.of());
        gerrit.down(503);
        gerrit.password("second-secret");
        BuildsetResult failed = failedBuildset("ff00000000000000000000000000000f");
        heard(app, failed);
        await().atMost(Duration.ofSeconds(60)).until(() -> gerrit.accountRequests() >= 3);
        assertThat(health(app).get("problem").toString()).contains("503");
        gerrit.recover();
        await().atMost(Duration.ofSeconds(30)).until(() -> gerrit.unauthorized() >= 1);
        assertThat(gerrit.reviews(change(failed))).isEmpty();
        Files.writeString(passwordFile, "second-secret\n"); // the operator rotates the secret: no restart
        await().atMost(Duration.ofSeconds(60))
                .until(() -> gerrit.reviews(change(failed)).size() == 1);
        Thread.sleep(1000);
        assertThat(gerrit.reviews(change(failed))).hasSize(1);
        assertThat((Long) health(app).get("failedTries")).isGreaterThanOrEqualTo(3L);
    }

    @Test
    void aRefusalIsNotRetriedButCountedOnHealth() throws Exception {
        ApplicationContext app = app("refused", Map.of());
        gerrit.refuseReviews(1, 409);
        BuildsetResult failed = failedBuildset("ab00000000000000000000000000000a");
        heard(app, failed);
        ReviewCommentRows rows = app.getBean(ReviewCommentRows.class);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> rows.state(failed.buildsetUuid()).equals(Optional.of("refused")));
        Thread.sleep(1000);
        assertThat(gerrit.reviews(change(failed))).isEmpty();
        assertThat(gerrit.reviewRequests()).as("not asked again").isEqualTo(1);
        assertThat(health(app)).containsEntry("refused", 1L);
        assertThat(health(app).get("lastRefusal").toString()).contains("409").contains(failed.buildsetUuid());
    }

    @Test
    void anAnswerLostAfterGerritTookTheCommentIsNotPostedAgain() throws Exception {
        ApplicationContext app = app("lost", Map.of());
        gerrit.loseAnswers(1);
        BuildsetResult failed = failedBuildset("ac00000000000000000000000000000a");
        heard(app, failed);
        ReviewCommentRows rows = app.getBean(ReviewCommentRows.class);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> rows.state(failed.buildsetUuid()).equals(Optional.of("posted")));
        assertThat(gerrit.reviewRequests()).isEqualTo(1);
        assertThat(gerrit.reviews(change(failed))).hasSize(1);
    }

    @Test
    void aCommentDueAtARestartIsPostedOnceAfterIt() throws Exception {
        ApplicationContext first = app("restart", Map.of());
        gerrit.down(503);
        BuildsetResult failed = failedBuildset("ad00000000000000000000000000000a");
        heard(first, failed);
        await().atMost(Duration.ofSeconds(60)).until(() -> gerrit.accountRequests() >= 1);
        first.close();
        apps.remove(first);
        gerrit.recover();

        ApplicationContext second = app("restart", Map.of());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> gerrit.reviews(change(failed)).size() == 1);
        assertThat(gerrit.reviews(change(failed)).get(0).body().path("message").asText())
                .contains("1384373");
        Thread.sleep(1000);
        assertThat(gerrit.reviews(change(failed))).hasSize(1);
        assertThat(second.getBean(ReviewCommentRows.class).state(failed.buildsetUuid()))
                .contains("posted");
    }

    @Test
    void twoReplicasOnOneDatabasePostOnce() throws Exception {
        Map<String, Object> shared = Map.of(
                "datasources.default.url", "jdbc:h2:mem:review-replicas;DB_CLOSE_DELAY=-1",
                "datasources.default.username", "sa",
                "datasources.default.password", "");
        ApplicationContext one = app("replica-1", with(shared, "suite.replica.id", "logs-web-0"));
        ApplicationContext two = app("replica-2", with(shared, "suite.replica.id", "logs-web-1"));
        BuildsetResult failed = failedBuildset("ae00000000000000000000000000000a");
        heard(one, failed);
        heard(two, failed);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> gerrit.reviews(change(failed)).size() == 1);
        Thread.sleep(4000); // past the lease: the replica that did not post looks again and finds it posted
        assertThat(gerrit.reviews(change(failed))).hasSize(1);
        assertThat((Long) health(one).get("posted") + (Long) health(two).get("posted"))
                .isEqualTo(1L);
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> map = new HashMap<>(base);
        map.put(key, value);
        return map;
    }
}
