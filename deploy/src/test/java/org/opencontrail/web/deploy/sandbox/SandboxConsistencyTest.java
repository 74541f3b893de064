package org.opencontrail.web.deploy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.ChangeMerged;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.RefUpdated;
import org.opencontrail.web.shared.gerrit.stream.EventsLogBackfill;
import org.opencontrail.web.shared.gerrit.stream.GerritSshSettings;
import org.opencontrail.web.shared.gerrit.stream.GerritStream;
import org.opencontrail.web.shared.zuul.ZuulSettings;
import org.opencontrail.web.shared.zuul.builds.Build;
import org.opencontrail.web.shared.zuul.builds.ZuulBuildsClient;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResult;
import org.opencontrail.web.shared.zuul.mqtt.ZuulMqttSettings;
import org.opencontrail.web.shared.zuul.mqtt.ZuulMqttSource;
import org.opencontrail.web.shared.zuul.status.ZuulStatusSource;

/**
 * The sandbox in fast mode for a minute, watched only through the protocols the suite uses: the
 * three streams it emits agree with each other and with what it serves.
 */
@Tag("suite")
class SandboxConsistencyTest {

    @TempDir
    Path dir;

    @Test
    void aMinuteOfFastCiIsConsistentAcrossGerritZuulLogsAndGit() throws Exception {
        try (Sandbox sandbox = new Sandbox(new Sandbox.Options(dir.resolve("sandbox"), 7, 600, 0, 0, 0, 0))) {
            sandbox.start();
            Map<String, String> env = sandbox.endpoints();

            List<GerritEvent> gerrit = new CopyOnWriteArrayList<>();
            List<BuildsetResult> results = new CopyOnWriteArrayList<>();
            GerritSshSettings ssh = new GerritSshSettings(
                    "127.0.0.1",
                    Integer.parseInt(env.get("GERRIT_SSH_PORT")),
                    env.get("GERRIT_SSH_USER"),
                    env.get("GERRIT_SSH_KEY_FILE"),
                    "",
                    dir.resolve("known_hosts").toString(),
                    GerritSshSettings.HostKeyPolicy.ACCEPT_NEW,
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(5),
                    Duration.ofMillis(200),
                    Duration.ofSeconds(2),
                    List.of(),
                    100_000);
            ZuulSettings zuulConfig = new ZuulSettings(
                    env.get("ZUUL_URL"), env.get("ZUUL_TENANT"), Duration.ofSeconds(1), Duration.ofSeconds(5));
            try (GerritStream stream = new GerritStream(
                            ssh,
                            new EventsLogBackfill(env.get("GERRIT_URL"), Duration.ofSeconds(5)),
                            Clock.systemUTC(),
                            new SplittableRandom(1));
                    ZuulMqttSource mqtt = new ZuulMqttSource(
                            new ZuulMqttSettings(
                                    env.get("ZUUL_MQTT_URI"),
                                    "zuul/#",
                                    "",
                                    "",
                                    "",
                                    Duration.ofSeconds(10),
                                    Duration.ofSeconds(5),
                                    Duration.ofSeconds(1)),
                            Clock.systemUTC());
                    ZuulStatusSource status = new ZuulStatusSource(zuulConfig, Clock.systemUTC())) {
                stream.subscribe(gerrit::add);
                mqtt.subscribe(results::add);
                stream.start();
                mqtt.start();
                status.start();

                Thread.sleep(Duration.ofSeconds(60).toMillis()); // the run itself: ten simulated hours of the CI
                // Stop the project, then let what is in flight on the three channels arrive: each merge's gate result.
                sandbox.ci().close();
                await("every merge heard has its gate result")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> gerrit.stream()
                                .filter(e -> e instanceof ChangeMerged)
                                .map(e -> ((ChangeMerged) e).change().number())
                                .allMatch(number -> results.stream()
                                        .anyMatch(r -> r.pipeline().equals("gate")
                                                && r.action().equals("success")
                                                && r.change().equals(java.util.Optional.of(number)))));

                assertThat(stream.health().status().malformedLines()).isZero();
                assertThat(status.current())
                        .hasValueSatisfying(
                                current -> assertThat(current.snapshot().pipelines())
                                        .extracting(p -> p.name())
                                        .contains("check", "gate", "post", "periodic-nightly"));
                assertThat(gerrit)
                        .extracting(GerritEvent::type)
                        .contains("patchset-created", "comment-added", "ref-updated");

                List<ChangeMerged> merges = gerrit.stream()
                        .filter(e -> e instanceof ChangeMerged)
                        .map(e -> (ChangeMerged) e)
                        .toList();
                assertThat(merges).as("ten simulated hours merge changes").isNotEmpty();
                Set<Integer> gatedOk = results.stream()
                        .filter(r -> r.pipeline().equals("gate") && r.action().equals("success"))
                        .map(r -> r.change().orElseThrow())
                        .collect(Collectors.toSet());
                for (ChangeMerged merge : merges) {
                    assertThat(gatedOk)
                            .as(
                                    "change %d merged after passing the gate",
                                    merge.change().number())
                            .contains(merge.change().number());
                }

                List<Build> builds = new ZuulBuildsClient(zuulConfig).builds(ZuulBuildsClient.Query.latest(40));
                assertThat(builds).isNotEmpty();
                Http http = Http.plain();
                for (Build build : builds) {
                    List<String> files = org.opencontrail.web.deploy.sandbox.ci.SandboxLogs.hasManifest(build.uuid())
                            ? List.of("job-output.txt", "zuul-manifest.json", "")
                            : List.of("job-output.txt", "logs/syslog.txt", "");
                    for (String file : files) {
                        HttpResponse<String> log = http.get(build.logUrl() + file);
                        assertThat(log.statusCode()).as(build.logUrl() + file).isEqualTo(200);
                    }
                }

                for (String project :
                        merges.stream().map(m -> m.change().project()).collect(Collectors.toSet())) {
                    Path clone = dir.resolve("clones").resolve(project);
                    try (Git git = Git.cloneRepository()
                                    .setURI(env.get("GIT_URL") + project + ".git")
                                    .setDirectory(clone.toFile())
                                    .setBare(true)
                                    .call();
                            RevWalk walk = new RevWalk(git.getRepository())) {
                        Repository repo = git.getRepository();
                        for (ChangeMerged merge : merges.stream()
                                .filter(m -> m.change().project().equals(project))
                                .toList()) {
                            ObjectId head =
                                    repo.resolve("refs/heads/" + merge.change().branch());
                            assertThat(head)
                                    .as("branch %s of %s", merge.change().branch(), project)
                                    .isNotNull();
                            assertThat(walk.isMergedInto(
                                            walk.parseCommit(ObjectId.fromString(merge.newRev())),
                                            walk.parseCommit(head)))
                                    .as(
                                            "merge of change %d is on its branch",
                                            merge.change().number())
                                    .isTrue();
                        }
                    }
                }
                assertThat(gerrit)
                        .filteredOn(e -> e instanceof RefUpdated r
                                && r.refUpdate().refName().startsWith("refs/heads/"))
                        .hasSizeGreaterThanOrEqualTo(merges.size());
            }
        }
    }
}
