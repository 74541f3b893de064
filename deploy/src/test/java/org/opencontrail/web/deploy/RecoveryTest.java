package org.opencontrail.web.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.deploy.LocalSuite.App;
import org.opencontrail.web.deploy.sandbox.Sandbox;
import org.opencontrail.web.deploy.sandbox.ci.CiCatalog;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.shared.io.Trees;
import org.opencontrail.web.shared.testing.Tool;

/**
 * Backup and recovery as deploy/README.md tells it: the store (here the local one), Gerrit and Zuul
 * are the systems of record; logs-web's build records and search index and git-web's mirrors are
 * caches. They are deleted from a running deployment fed by the sandbox, the apps restarted, and
 * everything comes back: every build known before with its state, its lines in the search, every
 * commit in the mirrors.
 */
@Tag("suite")
class RecoveryTest {

    private final Http http = Http.plain();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void deletedRecordsIndexAndMirrorsComeBackAfterARestart() throws Exception {
        try (SandboxedSuite.Running running = SandboxedSuite.Running.start("recovery", 7, List.of())) {
            Sandbox sandbox = running.sandbox();
            LocalSuite suite = running.suite();
            URI logs = suite.url(App.LOGS);
            URI git = suite.url(App.GIT);
            List<String> stored = new ArrayList<>();
            await("builds stored and indexed")
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        stored.clear();
                        stored.addAll(doneBuilds(suite.logsDir().resolve("builds")));
                        return stored.size() >= 5;
                    });
            long hits = searchTotal(logs);
            assertThat(hits).isPositive();
            Map<String, List<String>> commits = new HashMap<>();
            for (CiCatalog.ProjectSpec project : CiCatalog.projects().stream()
                    .filter(p -> !p.name().equals(CiCatalog.HIDDEN_PROJECT))
                    .toList()) {
                await(project.name() + " mirrored")
                        .atMost(Duration.ofMinutes(2))
                        .ignoreExceptions()
                        .until(() -> !heads(git, project.name()).isEmpty());
                commits.put(project.name(), heads(git, project.name()));
            }

            long logsStarted = System.nanoTime();
            suite.restart(App.LOGS, () -> {
                Trees.delete(suite.logsDir().resolve("builds")); // the records
                Trees.delete(suite.logsDir().resolve("index"));
            });
            await("records and index back")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> stored.stream().allMatch(uuid -> done(logs, uuid)) && searchTotal(logs) >= hits);
            long logsSeconds = (System.nanoTime() - logsStarted) / 1_000_000_000L;

            long gitStarted = System.nanoTime();
            suite.restart(App.GIT, () -> Trees.delete(suite.mirrorsDir()));
            for (Map.Entry<String, List<String>> project : commits.entrySet()) {
                await(project.getKey() + " mirrored again")
                        .atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(500))
                        .ignoreExceptions()
                        .until(() -> project.getValue().stream().allMatch(id -> known(git, project.getKey(), id)));
            }
            long gitSeconds = (System.nanoTime() - gitStarted) / 1_000_000_000L;
            System.out.printf(
                    "Recovered %d builds in %d s (records restored, index rebuilt), %d mirrors in %d s%n",
                    stored.size(), logsSeconds, commits.size(), gitSeconds);
        }
    }

    /** The builds logs-web's records on disk hold as done. */
    private List<String> doneBuilds(Path records) throws Exception {
        List<String> done = new ArrayList<>();
        try (var files = Files.list(records)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode record = json.readTree(file.toFile());
                if (record.path("state").asText().equals("done")) {
                    done.add(file.getFileName().toString().replace(".json", ""));
                }
            }
        }
        return done;
    }

    /** Whether logs-web answers for the build as done. */
    private boolean done(URI logs, String uuid) {
        try {
            HttpResponse<String> record = get(logs.resolve("/api/builds/" + uuid));
            return record.statusCode() == 200
                    && json.readTree(record.body()).path("state").asText().equals("done");
        } catch (Exception notYet) {
            return false;
        }
    }

    private long searchTotal(URI logs) throws Exception {
        return json.readTree(
                        get(logs.resolve("/api/search?q=Pipeline&range=all")).body())
                .path("total")
                .asLong();
    }

    /** The commits the mirror's branches point at, as git ls-remote reads them over smart HTTP. */
    private static List<String> heads(URI git, String project) throws Exception {
        return Tool.run(Duration.ofSeconds(30), "git", "ls-remote", "--heads", git + "/" + project)
                .lines()
                .map(line -> line.split("\t")[0])
                .toList();
    }

    private boolean known(URI git, String project, String commit) {
        try {
            return get(git.resolve("/" + project + "/+/" + commit)).statusCode() == 200;
        } catch (Exception notYet) {
            return false;
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.timeout(Duration.ofSeconds(20)).get(uri);
    }
}
