package org.opencontrail.web.logs.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.logs.TemporaryLogsDir;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.search.lucene.LogIndex;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.shared.zuul.builds.Build;

/** A failed console against a passing one of the same job: the marked failure ranks among the first, and the page links to it. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnomaliesPageTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    LogStore store;

    @Inject
    LogIndex index;

    private final Http http = Http.plain();
    private String failedKey;

    @Override
    public Map<String, String> getProperties() {
        return TemporaryLogsDir.properties("anomalies-page");
    }

    private String build(String uuid, String result, String fixture, int change) throws IOException {
        Build build = new Build(
                uuid,
                "logreduce-tox",
                Optional.of(result),
                true,
                "check",
                "softwarefactory/logreduce",
                "master",
                Optional.of(change),
                Optional.of(1),
                "",
                "",
                "",
                Optional.empty(),
                Optional.of(Instant.now().minusSeconds(change)),
                Optional.empty(),
                "",
                "",
                "");
        String root = BuildRecord.rootOf(build);
        try (InputStream in = getClass().getResourceAsStream("/logs/zuul-logjuicer-tests/" + fixture)) {
            store.put(root + "job-output.txt", in, null);
        }
        index.index(new BuildRecord(
                build, root, "test", IngestState.INDEXING, "", 0, List.of(), Instant.now(), Instant.now()));
        return root + "job-output.txt";
    }

    @BeforeAll
    void builds() throws IOException {
        build("9a00000000000000000000000000000a", "SUCCESS", "zuul-console-01/console.good", 501);
        failedKey = build("9b00000000000000000000000000000b", "FAILURE", "zuul-console-01/console.fail", 502);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.get("http://localhost:" + server.getPort() + path);
    }

    @Test
    void theFailureRanksAmongTheFirstAgainstThePassingRun() throws Exception {
        JsonNode report =
                new ObjectMapper().readTree(get("/api/anomalies/" + failedKey).body());
        assertThat(report.path("baselines")).hasSize(1);
        List<String> top = new java.util.ArrayList<>();
        report.path("anomalies").forEach(a -> top.add(a.path("text").asText()));
        assertThat(top.subList(0, Math.min(3, top.size())))
                .anyMatch(t -> t.contains("rmtree failed: [Errno 30] Read-only file system"));
        assertThat(report.path("anomalies").size()).isLessThan(10);
    }

    @Test
    void thePageLinksToTheFirstAnomalyAndTheLogLinksToThePage() throws Exception {
        HttpResponse<String> response = get("/anomalies/" + failedKey);
        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("a.first-anomaly").attr("href")).startsWith("/" + failedKey + "#L");
        assertThat(page.select(".anomaly-list li")).isNotEmpty();
        Document log = Jsoup.parse(get("/" + failedKey).body());
        assertThat(log.select("a.anomalies").attr("href")).isEqualTo("/anomalies/" + failedKey);
    }

    @Test
    void oddPathsAreRefused() throws Exception {
        assertThat(get("/anomalies/nothing/here.txt").statusCode()).isEqualTo(404);
        assertThat(get("/anomalies/%2e%2e/%2e%2e/etc/passwd").statusCode()).isIn(400, 404);
    }
}
