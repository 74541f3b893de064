package org.opencontrail.web.logs.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.logs.TemporaryLogsDir;
import org.opencontrail.web.logs.store.LogStore;

/** {@code /api/search} and {@code /search} over HTTP: the JSON tools read, the page people read, and hostile queries. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    LogStore store;

    @Inject
    SearchIndex index;

    private final Http http = Http.plain();
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TemporaryLogsDir.properties("search-api"));
        properties.putAll(engine());
        properties.put("logs.search.query-timeout", "2s");
        return properties;
    }

    /** The search engine's settings: none for the embedded index; the same tests run on OpenSearch in a subclass. */
    Map<String, String> engine() {
        return Map.of();
    }

    @BeforeAll
    void index() throws IOException {
        IndexedFixtures.index(
                store,
                index,
                IndexedFixtures.build(
                        "1f2e3d4c5b6a79881726354453627180",
                        "contrail-vnc-build",
                        "FAILURE",
                        true,
                        60123,
                        Instant.now().minusSeconds(3600)),
                List.of(
                        new String[] {"job-output.txt", "zuul-logjuicer-tests/zuul-console-01/console.fail"},
                        new String[] {"logs/screen-n-api.txt.gz", "openstack-os-loganalyze/screen-n-api.txt.gz"},
                        new String[] {"logs/syslog.txt", "openstack-os-loganalyze/syslog.txt"}));
        IndexedFixtures.index(
                store,
                index,
                IndexedFixtures.build(
                        "2a3b4c5d6e7f80910a1b2c3d4e5f6071",
                        "contrail-vnc-build",
                        "SUCCESS",
                        true,
                        60124,
                        Instant.now().minusSeconds(60)),
                List.<String[]>of(
                        new String[] {"job-output.txt", "zuul-logjuicer-tests/zuul-console-01/console.good"}));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.get("http://localhost:" + server.getPort() + path);
    }

    private static String q(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    @Test
    void theJsonHasTotalTimeHitsAndFacets() throws Exception {
        HttpResponse<String> response = get("/api/search?q=" + q("tags:console AND loglevel:ERROR") + "&size=5");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("total").asLong()).isPositive();
        assertThat(body.has("took_ms")).isTrue();
        JsonNode hit = body.path("hits").get(0);
        assertThat(hit.path("build").asText()).isNotEmpty();
        assertThat(hit.path("path").asText()).isEqualTo("job-output.txt");
        assertThat(hit.path("line").asLong()).isPositive();
        assertThat(hit.path("text").asText()).isNotEmpty();
        assertThat(hit.path("url").asText())
                .endsWith("/job-output.txt#L" + hit.path("line").asLong());
        assertThat(body.path("facets").path("job").get(0).path("value").asText())
                .isEqualTo("contrail-vnc-build");
        assertThat(body.path("hits")).hasSize(5);
        HttpResponse<String> viewer = get(hit.path("url").asText().replaceFirst("#.*", ""));
        assertThat(viewer.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(viewer.body())
                        .getElementById("L" + hit.path("line").asLong()))
                .isNotNull();
    }

    @Test
    void aTimeRangeNarrowsToBuildsInIt() throws Exception {
        JsonNode all = json.readTree(get("/api/search?q=" + q("tags:console")).body());
        JsonNode lastTenMinutes = json.readTree(
                get("/api/search?q=" + q("tags:console") + "&range=10m").body());
        assertThat(lastTenMinutes.path("total").asLong())
                .isPositive()
                .isLessThan(all.path("total").asLong());
        assertThat(lastTenMinutes
                        .path("facets")
                        .path("result")
                        .get(0)
                        .path("value")
                        .asText())
                .isEqualTo("SUCCESS");
        assertThat(get("/api/search?q=x&range=fortnight").statusCode()).isEqualTo(400);
    }

    @Test
    void aBadQueryIsRefusedWithWhereAndWhy() throws Exception {
        HttpResponse<String> unbalanced = get("/api/search?q=" + q("message:\"No space left AND tags:console"));
        assertThat(unbalanced.statusCode()).isEqualTo(400);
        JsonNode body = json.readTree(unbalanced.body());
        assertThat(body.path("error").asText()).isNotEmpty();
        assertThat(body.path("position").asInt()).isGreaterThanOrEqualTo(0);

        HttpResponse<String> parenthesis = get("/api/search?q=" + q("(message:foo AND tags:console"));
        assertThat(parenthesis.statusCode()).isEqualTo(400);
        assertThat(json.readTree(parenthesis.body()).path("error").asText()).contains("end of the query");
    }

    @Test
    void aHugeQueryIsRefused() throws Exception {
        // past logs.search.max-query-length, within the body limit (past that, 413 before any search code runs)
        String huge = json.writeValueAsString(Map.of("q", "message:" + "a".repeat(100_000)));
        HttpResponse<String> response = http.post(
                "http://localhost:" + server.getPort() + "/api/search", huge, "Content-Type", "application/json");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("error").asText()).contains("characters long");
        HttpResponse<String> posted = http.post(
                "http://localhost:" + server.getPort() + "/api/search",
                "{\"q\": \"tags:console\", \"size\": 1}",
                "Content-Type",
                "application/json");
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(json.readTree(posted.body()).path("hits")).hasSize(1);
    }

    @Test
    void regexBombsAreRefusedAndLeadingWildcardsRun() throws Exception {
        for (String regex :
                List.of("message:/(.*a){20}.*b.*c.*d.*e{1,30}/", "message:/[ab]*a[ab]{24}/", "message:/((a+)+)+b/")) {
            long started = System.nanoTime();
            HttpResponse<String> bomb = get("/api/search?q=" + q(regex));
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertThat(bomb.statusCode()).as(regex).isIn(200, 400);
            if (bomb.statusCode() == 400) {
                assertThat(json.readTree(bomb.body()).path("error").asText()).contains("too complex");
            }
            assertThat(seconds).as(regex + " answered within the query timeout").isLessThan(5);
        }

        HttpResponse<String> leading = get("/api/search?q=" + q("message:*ception"));
        assertThat(leading.statusCode()).isEqualTo(200);
        assertThat(json.readTree(leading.body()).path("total").asLong()).isPositive();
    }

    @Test
    void unknownFieldsMatchNothingAndSaySo() throws Exception {
        JsonNode body = json.readTree(
                get("/api/search?q=" + q("nosuchfield:x OR message:lockutils")).body());
        assertThat(body.path("warnings").get(0).asText()).contains("unknown field nosuchfield");
    }

    @Test
    void thePageShowsHitsFacetsAndAHistogram() throws Exception {
        HttpResponse<String> response = get("/search?q=" + q("tags:console AND loglevel:ERROR"));
        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("li.hit")).isNotEmpty();
        assertThat(page.select("li.hit a.hit-link").first().attr("href")).contains("#L");
        assertThat(page.select(".facets a")).isNotEmpty();
        assertThat(page.select(".histogram svg rect")).isNotEmpty();
        String narrowed = page.select(".facets a").first().attr("href");
        assertThat(get(narrowed).statusCode()).isEqualTo(200);
    }

    @Test
    void thePageShowsAProblemWithACaret() throws Exception {
        HttpResponse<String> response = get("/search?q=" + q("message:\"<script>alert(1)</script>"));
        assertThat(response.statusCode()).isEqualTo(400);
        Document page = Jsoup.parse(response.body());
        assertThat(page.select(".search-problem").text()).contains("cannot run");
        assertThat(page.select("script:containsData(alert)")).isEmpty();
        assertThat(response.body()).doesNotContain("<script>alert(1)</script>");
    }

    @Test
    void hostileLogTextIsShownAsText() throws Exception {
        // the console fixture's lines hold angle brackets of its own; hits are escaped, matches marked
        HttpResponse<String> response = get("/search?q=" + q("tags:console AND message:\"<\""));
        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        assertThat(page.select(".hit-lines script")).isEmpty();
    }
}
