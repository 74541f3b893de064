package org.opencontrail.web.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.deploy.LocalSuite.App;
import org.opencontrail.web.deploy.sandbox.Sandbox;
import org.opencontrail.web.deploy.sandbox.ci.CiCatalog;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.fixtures.KafkaBroker;
import org.opencontrail.web.fixtures.LocalZooKeeper;

/**
 * Two replicas each of status-web and git-web, as processes of the real jars, fed by the sandbox
 * CI's Gerrit through a real Kafka broker, the relay's leader elected in a real ZooKeeper. The
 * process that holds Gerrit's stream (a git-web, started first so that it leads) is killed (kill -9)
 * while pushes land: another replica leads
 * within 10 s, and every git-web replica's mirrors end with every ref Gerrit has, the pushes made
 * while nobody led among them; the killed process comes back as a follower and catches up too.
 */
@Tag("kafka")
@Tag("opensearch")
@Tag("suite")
class ReplicasKillDrillTest {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReplicasKillDrillTest.class);

    private final Http http = Http.plain();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theRelaysLeaderKilledIsFollowedWithinTenSecondsAndEveryReplicaMirrorsEveryPush(@TempDir Path state)
            throws Exception {
        Sandbox sandbox = new Sandbox(new Sandbox.Options(state.resolve("sandbox"), 23, 120, 0, 0, 0, 0));
        sandbox.start();
        try (sandbox;
                KafkaBroker kafka = KafkaBroker.start();
                LocalZooKeeper zooKeeper = LocalZooKeeper.start()) {
            Map<String, LocalSuite> replicas = new LinkedHashMap<>();
            try {
                // git-web of replica a starts alone and leads: the process killed is the one whose own mirrors fall
                // behind
                for (String id : List.of("a", "b")) {
                    List<String> properties = Stream.concat(
                                    LocalSuite.fedBy(sandbox.endpoints(), state.resolve("known_hosts-" + id)).stream(),
                                    Stream.of(
                                            "-Dkafka.bootstrap-servers=" + kafka.bootstrapServers(),
                                            "-Dzookeeper.connect=" + zooKeeper.connect(),
                                            "-Dsuite.replica.id=" + id))
                            .toList();
                    replicas.put(
                            id,
                            LocalSuite.start(
                                    Path.of(System.getProperty("suite.root", "..")),
                                    System.getProperty("suite.version"),
                                    Path.of("target", "replicas-" + id + "-logs"),
                                    Map.of(),
                                    properties,
                                    id.equals("a") ? EnumSet.of(App.GIT) : EnumSet.of(App.STATUS, App.GIT)));
                    if (id.equals("a")) {
                        await("git-web a leads the relay")
                                .atMost(Duration.ofSeconds(60))
                                .ignoreExceptions()
                                .until(() -> leader(replicas), Optional.of(new Leader("a", App.GIT))::equals);
                    }
                }
                replicas.get("a").start(App.STATUS);
                String sources = sandbox.endpoints().get("GIT_URL");
                List<String> projects = sandbox.ci().publicProjects().stream()
                        .map(CiCatalog.ProjectSpec::name)
                        .toList();

                Leader leader = leader(replicas).orElseThrow();
                assertThat(leader).as("the first to join leads while it lives").isEqualTo(new Leader("a", App.GIT));
                for (int i = 0; i < 3; i++) {
                    sandbox.ci().pushStraightToMaster();
                }
                everyGitWebMirrorsEveryRef(replicas, projects, sources, Optional.empty());

                Instant killed = Instant.now();
                replicas.get(leader.replica()).kill(leader.app());
                for (int i = 0; i < 3; i++) {
                    sandbox.ci().pushStraightToMaster(); // while nobody may lead
                }
                Leader next = await("another process leads")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .ignoreExceptions()
                        .until(() -> leader(replicas), Optional::isPresent)
                        .orElseThrow();
                Duration handover = Duration.between(killed, Instant.now());
                assertThat(next).isNotEqualTo(leader);
                assertThat(handover)
                        .as("the next leader within 10 s of the kill")
                        .isLessThan(Duration.ofSeconds(10));
                LOG.info("{} killed; {} leads {} ms later", leader, next, handover.toMillis());
                for (int i = 0; i < 3; i++) {
                    sandbox.ci().pushStraightToMaster();
                }
                everyGitWebMirrorsEveryRef(replicas, projects, sources, Optional.of(leader));

                replicas.get(leader.replica()).start(leader.app());
                sandbox.ci().pushStraightToMaster();
                everyGitWebMirrorsEveryRef(replicas, projects, sources, Optional.empty());
                assertThat(leader(replicas))
                        .as("the killed process comes back behind the leader")
                        .contains(next);
                for (LocalSuite replica : replicas.values()) {
                    JsonNode topic = json.readTree(get(replica.url(App.STATUS).resolve("/api/infra")))
                            .path("gerritTopic");
                    assertThat(topic.path("relayed").asBoolean()).isTrue();
                    assertThat(topic.toString()).contains(next.app().module + "/" + next.replica());
                }
            } finally {
                replicas.values().forEach(LocalSuite::close);
            }
        }
    }

    /** A process that leads: its replica and its app. */
    record Leader(String replica, App app) {}

    /** The process whose /health says it leads, if exactly one does. */
    private Optional<Leader> leader(Map<String, LocalSuite> replicas) throws Exception {
        List<Leader> leading = new ArrayList<>();
        for (Map.Entry<String, LocalSuite> replica : replicas.entrySet()) {
            for (App app : List.of(App.STATUS, App.GIT)) {
                try {
                    JsonNode relay = json.readTree(
                                    get(replica.getValue().url(app).resolve("/health")))
                            .path("details")
                            .path("gerrit-relay");
                    if (relay.path("details").path("leading").asBoolean()) {
                        leading.add(new Leader(replica.getKey(), app));
                    }
                } catch (java.io.UncheckedIOException down) {
                    // the killed process
                }
            }
        }
        return leading.size() == 1 ? Optional.of(leading.get(0)) : Optional.empty();
    }

    /** Every git-web replica that runs (not the one killed, if it is down) has every ref of every project. */
    private void everyGitWebMirrorsEveryRef(
            Map<String, LocalSuite> replicas, List<String> projects, String sources, Optional<Leader> down) {
        for (Map.Entry<String, LocalSuite> replica : replicas.entrySet()) {
            if (down.equals(Optional.of(new Leader(replica.getKey(), App.GIT)))) {
                continue;
            }
            URI git = replica.getValue().url(App.GIT);
            for (String project : projects) {
                await("git-web " + replica.getKey() + " mirrors " + project)
                        .atMost(Duration.ofSeconds(90))
                        .ignoreExceptions()
                        .until(() -> KillDrillTest.refs(git + "/" + project)
                                .equals(KillDrillTest.refs(sources + project + ".git")));
            }
        }
    }

    private String get(URI uri) throws Exception {
        return http.timeout(Duration.ofSeconds(5)).get(uri).body();
    }
}
