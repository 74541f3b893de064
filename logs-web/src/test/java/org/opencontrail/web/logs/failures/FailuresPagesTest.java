package org.opencontrail.web.logs.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
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
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.search.lucene.LogIndex;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.shared.zuul.builds.Build;

/** /failures, /api/failures, a build's known failures in its JSON and on its page. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class FailuresPagesTest implements TestPropertyProvider {

    private static final String RO =
            "2026-11-20 10:00:00.000 | primary | rmtree failed: [Errno 30] Read-only file system";

    @Inject
    EmbeddedServer server;

    @Inject
    LogStore store;

    @Inject
    LogIndex index;

    @Inject
    BuildRecords records;

    @Inject
    KnownFailures known;

    private final Http http = Http.plain();
    private final ObjectMapper json = new ObjectMapper();
    private String failed;
    private String unexplained;
    private String again;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TemporaryLogsDir.properties("failures-pages"));
        try {
            Path signatures = Files.createTempDirectory("signatures");
            Files.writeString(
                    signatures.resolve("1700001.yaml"),
                    "query: >-\n  message:\"Read-only file system\" AND tags:console\n");
            Files.writeString(
                    signatures.resolve("quiet.yaml"),
                    "query: >-\n  message:\"never written anywhere\"\nsuppress-graph: true\n");
            properties.put("logs.signatures.dir", signatures.toString());
            properties.put("logs.signatures.reload", "300ms");
            properties.put("logs.signatures.review-tokens", "reviewer-token");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return properties;
    }

    private String build(String uuid, String result, String console) throws IOException {
        Build build = new Build(
                uuid,
                "contrail-vnc-build",
                Optional.of(result),
                true,
                "check",
                "Juniper/contrail-controller",
                "master",
                Optional.of(70001),
                Optional.of(2),
                "refs/changes/01/70001/2",
                "",
                "",
                Optional.of(Instant.now().minusSeconds(1200)),
                Optional.of(Instant.now().minusSeconds(600)),
                Optional.empty(),
                "ubuntu-bionic",
                "",
                "");
        String root = BuildRecord.rootOf(build);
        var object = store.put(
                root + "job-output.txt", new ByteArrayInputStream(console.getBytes(StandardCharsets.UTF_8)), null);
        BuildRecord record = new BuildRecord(
                build,
                root,
                "test",
                IngestState.DONE,
                "",
                1,
                List.of(new BuildRecord.StoredFile("job-output.txt", object.size(), object.storedSize())),
                Instant.now(),
                Instant.now());
        records.save(record);
        index.index(record);
        return uuid;
    }

    @BeforeAll
    void builds() throws IOException {
        await().until(known::ready);
        failed = build(
                "aa11bb22cc33dd44ee55ff6600112233",
                "FAILURE",
                "2026-11-20 09:59:00.000 | TASK [Build]\n" + RO + "\n<script>alert(1)</script>\n");
        unexplained = build(
                "bb11bb22cc33dd44ee55ff6600112233",
                "FAILURE",
                "2026-11-20 09:59:00.000 | cp: cannot stat '/tmp/fail': No such file\n");
        build("cc11bb22cc33dd44ee55ff6600112233", "SUCCESS", "2026-11-20 09:59:00.000 | all good\n");
        again = build(
                "dd11bb22cc33dd44ee55ff6600112233",
                "FAILURE",
                "2026-11-21 08:00:00.000 | cp: cannot stat '/tmp/fail': No such file\n");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.get("http://localhost:" + server.getPort() + path);
    }

    @Test
    void theBuildJsonListsItsKnownFailures() throws Exception {
        JsonNode build = json.readTree(get("/api/builds/" + failed).body());
        assertThat(build.path("failures").get(0).asText()).isEqualTo("1700001");
        assertThat(json.readTree(get("/api/builds/" + unexplained).body()).path("failures"))
                .isEmpty();
    }

    @Test
    void theBuildPageShowsTheKnownFailureAndItsLine() throws Exception {
        String root = records.get(failed).orElseThrow().root();
        Document page = Jsoup.parse(get("/" + root).body());
        assertThat(page.select(".known-failures a[href=/failures#sig-1700001]")).hasSize(1);
        assertThat(page.select(".known-failures .failure-lines a").attr("href")).endsWith("job-output.txt#L2");
        assertThat(page.select(".known-failures mark").text()).containsIgnoringCase("read");
    }

    @Test
    void theFailuresPageCountsGraphsAndListsTheUnexplained() throws Exception {
        HttpResponse<String> response = get("/failures");
        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("#sig-1700001 .counts").text())
                .contains("1 fails in 24 h")
                .contains("1 build matched");
        assertThat(page.select("#sig-1700001 svg rect")).isNotEmpty();
        assertThat(page.select("#sig-quiet svg")).isEmpty();
        assertThat(page.select(".classification").text()).contains("33%");
        assertThat(page.select("#unclassified a").eachAttr("href"))
                .anyMatch(h -> h.startsWith("/01/70001/2/check/contrail-vnc-build/bb11bb2"));
        assertThat(page.select("#sig-1700001 a").eachAttr("href"))
                .anyMatch(h -> h.equals("https://bugs.launchpad.net/bugs/1700001"));
    }

    @Test
    void theFailuresJsonHasTheFigures() throws Exception {
        JsonNode figures = json.readTree(get("/api/failures").body());
        JsonNode first = figures.path("signatures").get(0);
        assertThat(first.path("id").asText()).isEqualTo("1700001");
        assertThat(first.path("fails10d").asLong()).isEqualTo(1);
        assertThat(figures.path("overall").path("failed").asLong()).isEqualTo(3);
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.post(
                "http://localhost:" + server.getPort() + path,
                form,
                "Content-Type",
                "application/x-www-form-urlencoded");
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void aGroupsJobsAreOneLine() {
        assertThat(new Fingerprints.Group("shape", 2, List.of("unit", "functional"), "", "", Instant.EPOCH, "")
                        .jobList())
                .isEqualTo("unit, functional");
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE) // last: it adds a known failure the other tests do not count
    void aRecurringUnknownFailureBecomesAKnownOneThroughReview() throws Exception {
        Document fingerprints = Jsoup.parse(get("/failures/fingerprints").body());
        var group = fingerprints.select(".fingerprint-list li").stream()
                .filter(li -> li.text().contains("cannot stat"))
                .findFirst()
                .orElseThrow();
        assertThat(group.text()).contains("2 builds");
        assertThat(group.selectFirst("strong").text()).isEqualTo("2 builds");
        String make = group.select("a.make-signature").attr("href");
        HttpResponse<String> form = get(make);
        assertThat(form.statusCode()).isEqualTo(200);
        Document preview = Jsoup.parse(form.body());
        assertThat(preview.select(".preview h2").text()).contains("in 2 builds");
        String query = preview.select("textarea#query").text();
        assertThat(query).contains("cannot stat").contains("tags:\"console\"");

        assertThat(post("/failures/proposals", "id=1700002&query=" + encode("message:\"unbalanced"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(post("/failures/proposals", "id=1700002&query=" + encode(query))
                        .statusCode())
                .isEqualTo(303);
        Document proposals = Jsoup.parse(get("/failures/proposals").body());
        assertThat(proposals.select("#proposal-1700002 a").text()).contains("in 2 builds");
        assertThat(proposals.select("#proposal-1700002 form").attr("action"))
                .isEqualTo("/failures/proposals/1700002/accept");
        assertThat(proposals.select("#proposal-1700002 button[formaction]").attr("formaction"))
                .isEqualTo("/failures/proposals/1700002/reject");
        assertThat(post("/failures/proposals/1700002/accept", "token=guess").statusCode())
                .isEqualTo(403);
        assertThat(post("/failures/proposals/1700002/accept", "token=reviewer-token")
                        .statusCode())
                .isEqualTo(303);
        await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> known.of(unexplained).contains("1700002")
                        && known.of(again).contains("1700002"));
        assertThat(Jsoup.parse(get("/failures/proposals").body()).select("#proposal-1700002"))
                .isEmpty();
        assertThat(json.readTree(get("/api/failures/fingerprints").body()).findValuesAsText("shape"))
                .noneMatch(s -> s.contains("cannot stat"));
    }
}
