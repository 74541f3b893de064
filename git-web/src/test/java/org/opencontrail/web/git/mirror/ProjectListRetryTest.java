package org.opencontrail.web.git.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.git.support.SourceRepository;

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
        AtomicInteger asked = new AtomicInteger();
        // the first two answers: Gerrit still starting
        HttpServer gerrit = gerrit(() -> asked.incrementAndGet() > 2
                ? "{\"demo/app\":{\"state\":\"ACTIVE\",\"description\":\"The app\"}}"
                : null);
        Map<String, Object> properties = properties(gerrit);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
            Mirrors mirrors = server.getApplicationContext().getBean(Mirrors.class);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> mirrors.find("demo/app").map(Mirror::ready).orElse(false));
            assertThat(asked).hasValueGreaterThanOrEqualTo(3);
            assertThat(mirrors.listError()).isEmpty();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> mirrors.replicationLag().isZero());
        } finally {
            gerrit.stop(0);
            source.close();
        }
    }

    @Test
    void aProjectDroppedFromTheListNoLongerCountsAsBehind() throws IOException {
        SourceRepository source = SourceRepository.create(temp.resolve("repos/demo/app"));
        source.commit("First commit\n", Map.of("README.md", "# app\n"));
        AtomicBoolean withGone = new AtomicBoolean(true);
        // demo/gone has no repository behind it: every fetch of it fails while it is listed
        HttpServer gerrit = gerrit(() -> "{\"demo/app\":{\"state\":\"ACTIVE\"}"
                + (withGone.get() ? ",\"demo/gone\":{\"state\":\"ACTIVE\"}" : "") + "}");
        Map<String, Object> properties = properties(gerrit);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
            Mirrors mirrors = server.getApplicationContext().getBean(Mirrors.class);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> mirrors.replicationLag().toMillis() >= 1000);
            withGone.set(false);
            mirrors.refreshList();
            assertThat(mirrors.find("demo/gone")).isEmpty();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> mirrors.replicationLag().isZero());
        } finally {
            gerrit.stop(0);
            source.close();
        }
    }

    /** A loopback Gerrit whose project list is the JSON given, or 503 while it gives none. */
    private static HttpServer gerrit(Supplier<String> projects) throws IOException {
        HttpServer gerrit = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gerrit.createContext("/projects/", exchange -> {
            String list = projects.get();
            byte[] body = (list == null ? "starting" : ")]}'\n" + list).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(list == null ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        gerrit.start();
        return gerrit;
    }

    private Map<String, Object> properties(HttpServer gerrit) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("gerrit.url", "http://127.0.0.1:" + gerrit.getAddress().getPort() + "/");
        properties.put("git.dir", temp.resolve("mirrors").toString());
        properties.put("git.fetch-url", temp.resolve("repos").toUri() + "{project}");
        properties.put("git.sweep-interval", "1h");
        properties.put("git.retry-delay", "100ms");
        return properties;
    }
}
