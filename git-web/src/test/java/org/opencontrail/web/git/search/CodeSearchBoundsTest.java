package org.opencontrail.web.git.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.git.mirror.Mirror;
import org.opencontrail.web.git.mirror.Mirrors;
import org.opencontrail.web.git.support.SourceRepository;
import org.opencontrail.web.shared.testing.GerritProjectList;

/**
 * Many candidates, checked in batches by several threads, answer as one thread checking them in
 * order does: the same files, in project and path order, counted to the same bound, paged alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodeSearchBoundsTest {

    private static final String PROJECT = "Juniper/contrail-controller";
    /** 300 files of 3 matching lines each; the bound stops the count in the 34th. */
    private static final int FILES = 300;

    @TempDir
    static Path temp;

    private GerritProjectList gerrit;
    private final List<EmbeddedServer> servers = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start() throws Exception {
        Map<String, String> files = new TreeMap<>();
        for (int i = 0; i < FILES; i++) {
            files.put(
                    String.format("src/f%03d.c", i),
                    "int flow_%d = 1;\nint other;\nint flow_%d = 2;\nint flow_%d = 3;\n".formatted(i, i, i));
        }
        try (SourceRepository sources =
                SourceRepository.create(temp.resolve("sources").resolve(PROJECT + ".git"))) {
            sources.commit("Many files\n", files);
        }
        gerrit = GerritProjectList.start().active(PROJECT);
    }

    @AfterAll
    void stop() {
        servers.forEach(EmbeddedServer::close);
        gerrit.close();
    }

    /** git-web on its own copy of the mirrors, checking candidates on so many threads. */
    private Http site(int threads) throws InterruptedException {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("git.dir", temp.resolve("mirrors-" + threads).toString());
        properties.put("git.sweep-interval", "1h");
        properties.put("gerrit.url", gerrit.url());
        properties.put("git.fetch-url", temp.resolve("sources").toUri() + "{project}.git");
        properties.put("git.search.max-lines", 100);
        properties.put("git.search.page-size", 10);
        properties.put("git.search.threads", threads);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
        servers.add(server);
        Mirrors mirrors = server.getApplicationContext().getBean(Mirrors.class);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mirrors.all().size() == 1 && mirrors.all().stream().allMatch(Mirror::ready));
        server.getApplicationContext().getBean(CodeIndexer.class).awaitIdle();
        return Http.at(server.getURI());
    }

    private JsonNode search(Http site, String query, int page) throws IOException {
        HttpResponse<String> answer = site.get(
                "/+search?format=JSON&page=" + page + "&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    /** The answer without what differs between two runs (the time taken). */
    private static String comparable(JsonNode answer) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) answer).remove("millis");
        return answer.toString();
    }

    @Test
    void batchesOnSeveralThreadsAnswerAsOneThreadInOrder() throws Exception {
        Http one = site(1);
        Http several = site(4);
        for (String query : List.of("flow_", "/flow_\\d+ =/", "/^int \\w+ = [12];$/")) {
            JsonNode first = search(several, query, 1);
            assertThat(first.get("linesMatched").asInt()).as(query).isEqualTo(100);
            assertThat(first.get("stoppedEarly").asText()).as(query).isEqualTo("It found 100 lines");
            for (int page = 1; page <= 4; page++) {
                assertThat(comparable(search(several, query, page)))
                        .as("%s, page %d", query, page)
                        .isEqualTo(comparable(search(one, query, page)));
            }
        }
        JsonNode third = search(several, "flow_", 3);
        assertThat(third.get("filesMatched").asInt()).isEqualTo(34);
        assertThat(third.get("files").get(0).get("path").asText()).isEqualTo("src/f020.c");
        assertThat(third.get("files").get(0).get("lines")).hasSize(3);
    }

    @Test
    void aPageListsSomeLinesOfEachFileCountsThemAllAndLinksToTheRest() throws Exception {
        Http site = site(2);
        HttpResponse<String> json = site.get("/+search?format=JSON&lines=2&q=flow_");
        JsonNode answer = this.json.readTree(json.body());
        assertThat(answer.get("linesMatched").asInt()).as("counted whole").isEqualTo(100);
        assertThat(answer.get("filesMatched").asInt()).isEqualTo(34);
        JsonNode first = answer.get("files").get(0);
        assertThat(first.get("matched").asInt()).isEqualTo(3);
        assertThat(first.get("lines").findValuesAsText("number")).containsExactly("1", "3");

        Document page = Jsoup.parse(site.get("/+search?lines=2&q=flow_").body());
        Element more = page.selectFirst(".search-file .more-lines a");
        assertThat(more).isNotNull();
        assertThat(more.text()).isEqualTo("1 more matched line in this file");
        Document all = Jsoup.parse(site.get(more.attr("href")).body());
        assertThat(all.select(".search-file"))
                .as("the link narrows to that file")
                .hasSize(1);
        assertThat(all.select(".search-file tr.matched"))
                .as("every matched line listed")
                .hasSize(3);
        assertThat(all.select(".more-lines")).isEmpty();

        assertThat(search(site, "flow_", 1).get("files").get(0).get("lines"))
                .as("ten lines a file by default: these files' three all listed")
                .hasSize(3);
        assertThat(site.get("/+search?format=JSON&lines=0&q=flow_").statusCode())
                .isEqualTo(400);
    }
}
