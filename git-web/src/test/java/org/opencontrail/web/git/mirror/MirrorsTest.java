package org.opencontrail.web.git.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.git.support.SourceRepository;

class MirrorsTest {

    @TempDir
    Path temp;

    private SourceRepository source;
    private EmbeddedServer server;
    private Mirrors mirrors;

    @BeforeEach
    void start() {
        source = SourceRepository.create(temp.resolve("source"));
        source.commit("First commit\n", Map.of("README.md", "# app\n"));
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("git.dir", temp.resolve("mirrors").toString());
        properties.put("git.sweep-interval", "1h");
        properties.put("git.retry-delay", "100ms");
        properties.put("git.projects[0].name", "demo/app");
        properties.put("git.projects[0].url", source.url());
        properties.put("git.projects[0].description", "The demo app");
        properties.put("git.projects[1].name", "demo/gone");
        properties.put("git.projects[1].url", temp.resolve("nowhere").toUri().toString());
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        mirrors = server.getApplicationContext().getBean(Mirrors.class);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> mirrors.find("demo/app").map(Mirror::ready).orElse(false));
    }

    @AfterEach
    void stop() {
        server.close();
        source.close();
    }

    private ObjectId mirrored(String ref) throws IOException {
        Repository repository = mirrors.find("demo/app").orElseThrow().repository();
        return repository.exactRef(ref) == null
                ? null
                : repository.exactRef(ref).getObjectId();
    }

    private void fetch() throws Exception {
        mirrors.request("demo/app").get(20, TimeUnit.SECONDS);
    }

    @Test
    void aMirrorThatCannotBeFetchedFallsBehindAndTheLagMetricSaysHowFar() {
        // demo/gone's source does not exist: every fetch of it fails, so it stays behind
        io.micrometer.core.instrument.MeterRegistry meters =
                server.getApplicationContext().getBean(io.micrometer.core.instrument.MeterRegistry.class);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> mirrors.replicationLag().toMillis() >= 1500);
        assertThat(meters.get("git_mirror_replication_lag_seconds").gauge().value())
                .isGreaterThanOrEqualTo(1.5);
    }

    @Test
    void followsNewCommitsForcePushesDeletedBranchesAndNewTags() throws Exception {
        RevCommit first = source.git().log().call().iterator().next();
        RevCommit second = source.commit("Second\n", Map.of("src/a.c", "int a;\n"));
        source.branch("R5.0", first);
        source.tag("v1.0", second, "Release 1.0");
        source.tag("light", first, null);
        fetch();
        assertThat(mirrored("refs/heads/master")).isEqualTo(second);
        assertThat(mirrored("refs/heads/R5.0")).isEqualTo(first);
        assertThat(mirrored("refs/tags/v1.0")).isNotNull();
        assertThat(mirrored("refs/tags/light")).isEqualTo(first);
        assertThat(mirrors.find("demo/app")
                        .orElseThrow()
                        .repository()
                        .exactRef("HEAD")
                        .getTarget()
                        .getName())
                .isEqualTo("refs/heads/master");

        source.force("master", first); // a force push back in time
        source.deleteBranch("R5.0");
        fetch();
        assertThat(mirrored("refs/heads/master")).isEqualTo(first);
        assertThat(mirrored("refs/heads/R5.0")).isNull();
        assertThat(mirrors.find("demo/app").orElseThrow().status().failing()).isFalse();
    }

    @Test
    void concurrentRequestsOfOneMirrorAreServedByFetchesOneAtATime() throws Exception {
        long before = mirrors.find("demo/app").orElseThrow().status().fetches();
        var requests = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> mirrors.request("demo/app"))
                .toList();
        RevCommit late = source.commit("Late\n", Map.of("late.txt", "x\n"));
        var last = mirrors.request("demo/app");
        java.util.concurrent.CompletableFuture.allOf(requests.toArray(java.util.concurrent.CompletableFuture[]::new))
                .get(20, TimeUnit.SECONDS);
        last.get(20, TimeUnit.SECONDS);
        long fetches = mirrors.find("demo/app").orElseThrow().status().fetches() - before;
        assertThat(fetches).isBetween(1L, 3L); // coalesced, not twenty
        assertThat(mirrored("refs/heads/master")).isEqualTo(late); // a request made after the commit sees it
    }

    @Test
    void aFailingFetchIsRetriedAndShownInHealth() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> mirrors.find("demo/gone").orElseThrow().status().failures() >= 3);
        try (HttpClient client = HttpClient.create(server.getURL())) {
            String health = client.toBlocking().retrieve(HttpRequest.GET("/health"));
            assertThat(health).contains("\"mirrors\"").contains("demo/gone").contains("failuresInARow");
        }
    }

    @Test
    void mirrorsAreKeptForSpeed() throws Exception {
        Repository repository = mirrors.find("demo/app").orElseThrow().repository();
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        mirrors.find("demo/app").orElseThrow().status().lastGc().isPresent());
        Path objects = repository.getDirectory().toPath().resolve("objects");
        assertThat(repository.getConfig().getBoolean("core", "commitGraph", false))
                .isTrue();
        assertThat(Files.exists(objects.resolve("info/commit-graph"))).isTrue();
        try (var packs = Files.list(objects.resolve("pack"))) {
            assertThat(packs.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".bitmap"));
        }
    }
}
