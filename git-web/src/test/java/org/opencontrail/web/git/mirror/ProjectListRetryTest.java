package org.opencontrail.web.git.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.git.support.SourceRepository;
import org.opencontrail.web.shared.testing.GerritProjectList;

/**
 * The project list as Gerrit's answers change: a site started before its Gerrit answers (compose
 * starts them together) mirrors as soon as Gerrit does; a project dropped from the list owes no
 * fetch any more.
 */
class ProjectListRetryTest {

    @TempDir
    Path temp;

    @Test
    void aProjectListThatFailsAtStartIsAskedAgainAfterTheRetryDelayNotAtTheNextSweep() throws IOException {
        SourceRepository source = SourceRepository.create(temp.resolve("repos/demo/app"));
        source.commit("First commit\n", Map.of("README.md", "# app\n"));
        // the first two answers: Gerrit still starting
        GerritProjectList gerrit = GerritProjectList.start().active("demo/app").failNext(2, 503);
        Map<String, Object> properties = properties(gerrit);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
            Mirrors mirrors = server.getApplicationContext().getBean(Mirrors.class);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> mirrors.find("demo/app").map(Mirror::ready).orElse(false));
            assertThat(gerrit.requests()).isGreaterThanOrEqualTo(3);
            assertThat(mirrors.listError()).isEmpty();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> mirrors.replicationLag().isZero());
        } finally {
            gerrit.close();
            source.close();
        }
    }

    @Test
    void aProjectDroppedFromTheListNoLongerCountsAsBehind() throws IOException {
        SourceRepository source = SourceRepository.create(temp.resolve("repos/demo/app"));
        source.commit("First commit\n", Map.of("README.md", "# app\n"));
        // demo/gone has no repository behind it: every fetch of it fails while it is listed
        GerritProjectList gerrit = GerritProjectList.start().active("demo/app", "demo/gone");
        Map<String, Object> properties = properties(gerrit);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
            Mirrors mirrors = server.getApplicationContext().getBean(Mirrors.class);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> mirrors.replicationLag().toMillis() >= 1000);
            gerrit.without("demo/gone");
            mirrors.refreshList();
            assertThat(mirrors.find("demo/gone")).isEmpty();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> mirrors.replicationLag().isZero());
        } finally {
            gerrit.close();
            source.close();
        }
    }

    private Map<String, Object> properties(GerritProjectList gerrit) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("gerrit.url", gerrit.url());
        properties.put("git.dir", temp.resolve("mirrors").toString());
        properties.put("git.fetch-url", temp.resolve("repos").toUri() + "{project}");
        properties.put("git.sweep-interval", "1h");
        properties.put("git.retry-delay", "100ms");
        return properties;
    }
}
