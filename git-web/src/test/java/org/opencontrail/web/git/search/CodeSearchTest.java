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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.git.mirror.Mirror;
import org.opencontrail.web.git.mirror.Mirrors;
import org.opencontrail.web.git.support.GitCli;
import org.opencontrail.web.git.support.SourceRepository;
import org.opencontrail.web.shared.http.WorkLimits;
import org.opencontrail.web.shared.testing.GerritProjectList;

/**
 * Code search over real mirrors: every indexed ref of every public project, checked line for line
 * against {@code git grep} on the same refs; kept right as branches move, are forced or deleted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CodeSearchTest {

    private static final String CONTROLLER = "Juniper/contrail-controller";
    private static final String VROUTER = "Juniper/contrail-vrouter";
    private static final String HIDDEN = "Juniper/contrail-secret";
    private static final String FLOW_CC = "// FlowTable: <script>alert(1)</script>\n"
            + "int FlowTable::Add(FlowEntry *flow_entry) {\n"
            + "    return flow_entry->Add();\n"
            + "}\n";
    private static final String SERVER_PY =
            "class Server(object):\n" + "    def get_flow_entry(self, key):\n" + "        return self._flows[key]\n";

    @TempDir
    static Path temp;

    private GerritProjectList gerrit;
    private EmbeddedServer server;
    private Http http;
    private Mirrors mirrors;
    private CodeIndexer indexer;
    private SourceRepository controller;
    private RevCommit first;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start() throws Exception {
        controller = SourceRepository.create(temp.resolve("sources").resolve(CONTROLLER + ".git"));
        first = controller.commit(
                "First\n",
                Map.of(
                        "src/vrouter/flow.cc",
                        FLOW_CC,
                        "src/api/server.py",
                        SERVER_PY,
                        "README.md",
                        "# Controller\nSee FlowTable.\n",
                        "lib/logo.png",
                        "PNG\0\0\0flow_entry binary",
                        "web/app.min.js",
                        "var flow_entry=1;",
                        "data/big.txt",
                        "flow_entry\n".repeat(1000)));
        controller.tag("v1.0", first, "First release");
        controller.branch("R5.0", first);
        controller.branch("doomed", first);
        controller.commit(
                "Second\n",
                Map.of("src/api/server.py", SERVER_PY + "    def drop_flow_entry(self, key):\n        pass\n"));
        try (SourceRepository vrouter =
                SourceRepository.create(temp.resolve("sources").resolve(VROUTER + ".git"))) {
            vrouter.commit(
                    "First\n", Map.of("dp/flow.c", "struct flow_entry { int key; };\n", "dp/FLOW.txt", "FLOW_ENTRY\n"));
        }
        try (SourceRepository secret =
                SourceRepository.create(temp.resolve("sources").resolve(HIDDEN + ".git"))) {
            secret.commit("First\n", Map.of("cve.c", "flow_entry embargoed\n"));
        }
        gerrit = GerritProjectList.start().active(CONTROLLER, VROUTER).hidden(HIDDEN);
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("git.dir", temp.resolve("mirrors").toString());
        properties.put("git.sweep-interval", "1h");
        properties.put("gerrit.url", gerrit.url());
        properties.put("git.fetch-url", temp.resolve("sources").toUri() + "{project}.git");
        properties.put("git.search.max-file-size", "4KB");
        properties.put("suite.limits.search.concurrent", 1);
        properties.put("suite.limits.search.queue", 0);
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        mirrors = server.getApplicationContext().getBean(Mirrors.class);
        indexer = server.getApplicationContext().getBean(CodeIndexer.class);
        http = Http.at(server.getURI()).asBrowser();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mirrors.all().size() == 2 && mirrors.all().stream().allMatch(Mirror::ready));
        indexer.awaitIdle();
    }

    @AfterAll
    void stop() {
        server.close();
        gerrit.close();
        controller.close();
    }

    private JsonNode search(String query) throws IOException {
        HttpResponse<String> answer =
                http.get("/+search?format=JSON&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    /** Every (project, ref, path, line) the results hold, a file on several refs once per ref. */
    private Set<String> hits(JsonNode results) {
        Set<String> hits = new TreeSet<>();
        for (JsonNode file : results.get("files")) {
            for (JsonNode ref : file.get("refs")) {
                for (JsonNode line : file.get("lines")) {
                    hits.add(file.get("project").asText() + " " + ref.asText() + " "
                            + file.get("path").asText() + ":"
                            + line.get("number").asInt());
                }
            }
        }
        return hits;
    }

    /** What git grep finds on the same refs of the mirrors, binary files aside. */
    private Set<String> gitGrep(List<String> options, String pattern, Set<String> leftOut) {
        Set<String> hits = new TreeSet<>();
        for (String project : List.of(CONTROLLER, VROUTER)) {
            Path mirror = temp.resolve("mirrors").resolve(project + ".git");
            for (String ref : List.of("master", "R5.0", "doomed", "tags/v1.0")) {
                if (GitCli.run(mirror, "rev-parse", "--verify", "-q", ref).exit() != 0) {
                    continue;
                }
                List<String> args = new ArrayList<>(List.of("grep", "-n", "-I"));
                args.addAll(options);
                args.addAll(List.of("-e", pattern, ref));
                GitCli.Run run = GitCli.run(mirror, args.toArray(String[]::new));
                for (String line : run.output().split("\n")) {
                    String[] parts = line.split(":", 4);
                    if (parts.length == 4 && !leftOut.contains(parts[1])) {
                        hits.add(project + " " + ref + " " + parts[1] + ":" + parts[2]);
                    }
                }
            }
        }
        return hits;
    }

    @Test
    void everyRefIsSearchedAndTheLinesAreThoseGitGrepFinds() throws IOException {
        Set<String> leftOut = Set.of("web/app.min.js", "data/big.txt");
        assertThat(hits(search("flow_entry")))
                .isEqualTo(gitGrep(List.of("-i", "-F"), "flow_entry", leftOut))
                .isNotEmpty();
        assertThat(hits(search("FLOW_ENTRY")))
                .isEqualTo(gitGrep(List.of("-F"), "FLOW_ENTRY", leftOut))
                .hasSize(1);
        assertThat(hits(search("/(get|drop)_\\w+_entry/")))
                .isEqualTo(gitGrep(List.of("-P", "-i"), "(get|drop)_\\w+_entry", leftOut))
                .contains(CONTROLLER + " master src/api/server.py:4")
                .doesNotContain(CONTROLLER + " R5.0 src/api/server.py:4");
        assertThat(hits(search("/^\\s+return/"))).isEqualTo(gitGrep(List.of("-P", "-i"), "^\\s+return", leftOut));
    }

    @Test
    void aFileTheSameOnSeveralRefsIsStoredOnceAndListedWithEachRef() throws IOException {
        JsonNode flow = search("f:flow\\.cc$ FlowTable::Add").get("files");

        assertThat(flow).hasSize(1);
        assertThat(flow.get(0).get("refs"))
                .extracting(JsonNode::asText)
                .containsExactly("R5.0", "doomed", "master", "tags/v1.0");
        assertThat(flow.get(0).get("lines").get(0).get("number").asInt()).isEqualTo(2);
    }

    @Test
    void fieldsNarrowAndExclude() throws IOException {
        assertThat(hits(search("flow_entry r:vrouter"))).allMatch(h -> h.startsWith(VROUTER));
        assertThat(hits(search("flow_entry lang:python"))).allMatch(h -> h.contains("server.py"));
        assertThat(hits(search("flow_entry -lang:python -r:vrouter"))).allMatch(h -> h.contains("flow.cc"));
        assertThat(hits(search("flow_entry b:R5.0 f:server")))
                .containsExactly(CONTROLLER + " R5.0 src/api/server.py:2");
        assertThat(hits(search("drop_flow or struct"))).hasSize(2);
        assertThat(search("f:README").get("files").get(0).get("path").asText()).isEqualTo("README.md");
        JsonNode facets = search("flow_entry");
        assertThat(facets.get("projects"))
                .extracting(f -> f.get("name").asText())
                .containsExactly(CONTROLLER, VROUTER);
        assertThat(facets.get("languages"))
                .extracting(f -> f.get("name").asText())
                .contains("cpp", "python", "c");
    }

    @Test
    void binaryGeneratedAndHugeFilesAreListedWithWhy() throws IOException {
        JsonNode left = json.readTree(http.get("/+search/left-out?format=JSON").body());

        assertThat(left)
                .extracting(f -> f.get("path").asText() + " " + f.get("reason").asText())
                .containsExactly("data/big.txt huge", "lib/logo.png binary", "web/app.min.js generated");
        assertThat(left.get(1).get("url").asText()).isEqualTo("/" + CONTROLLER + "/+/R5.0/lib/logo.png");
        assertThat(http.get("/+search/left-out").body())
                .contains("larger than 4 KB")
                .contains("href=\"/" + CONTROLLER + "/+/R5.0/lib/logo.png\"");
    }

    @Test
    void hiddenProjectsAreNeverSearched() throws IOException {
        assertThat(hits(search("embargoed"))).isEmpty();
        assertThat(http.get("/+search?q=flow_entry").body()).doesNotContain(HIDDEN);
        assertThat(http.get("/api/v1/search?q=flow_entry&repos=*").body()).doesNotContain(HIDDEN);
        assertThat(http.get("/+search/left-out?format=JSON").body()).doesNotContain(HIDDEN);
    }

    @Test
    void thePageMarksMatchesLinksLinesAndShowsHostileTextAsText() {
        Document page = Jsoup.parse(http.get("/+search?q=" + URLEncoder.encode("<script>", StandardCharsets.UTF_8))
                .body());

        assertThat(page.select("mark").eachText()).containsOnly("<script>");
        assertThat(page.html()).doesNotContain("<script>alert");
        assertThat(page.select("table.search-lines tr.matched td.ln a").eachAttr("href"))
                .contains("/" + CONTROLLER + "/+/R5.0/src/vrouter/flow.cc#L1");
        assertThat(page.select(".search-file a.blame-link").eachAttr("href"))
                .allMatch(href -> href.contains("/+blame/"));
        assertThat(page.select("#code-search").attr("value")).isEqualTo("<script>");
    }

    @Test
    void everyPageHasTheSearchBox() {
        for (String path :
                new String[] {"/", "/" + CONTROLLER + "/", "/" + CONTROLLER + "/+/master/README.md", "/+search"}) {
            Document page = Jsoup.parse(http.get(path).body());
            assertThat(page.select("form.searchbox[action=/+search] input[name=q]"))
                    .as(path)
                    .hasSize(1);
        }
    }

    @Test
    void aBadQueryIsRefusedWithWhereItFails() throws IOException {
        HttpResponse<String> answer =
                http.get("/+search?format=JSON&q=" + URLEncoder.encode("foo (bar", StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json.readTree(answer.body()).get("position").asInt()).isEqualTo(4);
        HttpResponse<String> page = http.get("/+search?q=" + URLEncoder.encode("/a(/", StandardCharsets.UTF_8));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(page.body()).select("[role=alert]").text()).contains("regular expression");
        assertThat(http.get("/+search?q=x&ctx=99").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/v1/search?q=%28").statusCode()).isEqualTo(400);
    }

    @Test
    void houndsApiAnswersInHoundsShapeOnEachProjectsHead() throws IOException {
        JsonNode answer = json.readTree(http.get("/api/v1/search?q=flow_entry&repos=*&i=fosho&ctx=1&files=server")
                .body());

        JsonNode repo = answer.get("Results").get(CONTROLLER);
        assertThat(repo.get("FilesWithMatch").asInt()).isEqualTo(1);
        assertThat(repo.get("Revision").asText()).hasSize(40);
        JsonNode file = repo.get("Matches").get(0);
        assertThat(file.get("Filename").asText()).isEqualTo("src/api/server.py");
        assertThat(file.get("Matches"))
                .extracting(m -> m.get("LineNumber").asInt())
                .containsExactly(2, 4);
        assertThat(file.get("Matches").get(0).get("Before"))
                .extracting(JsonNode::asText)
                .containsExactly("class Server(object):");
        assertThat(answer.get("Stats").has("Duration")).isTrue();
        JsonNode literal = json.readTree(http.get("/api/v1/search?q=Add(&literal=true&repos="
                        + URLEncoder.encode(CONTROLLER, StandardCharsets.UTF_8))
                .body());
        assertThat(literal.get("Results")
                        .get(CONTROLLER)
                        .get("Matches")
                        .get(0)
                        .get("Filename")
                        .asText())
                .isEqualTo("src/vrouter/flow.cc");
        JsonNode ranged =
                json.readTree(http.get("/api/v1/search?q=flow&i=1&rng=1:2").body());
        assertThat(ranged.get("Results").get(CONTROLLER).get("Matches")).hasSize(1);
    }

    @Test
    void healthSaysWhatIsIndexed() throws IOException {
        JsonNode search =
                json.readTree(http.get("/health").body()).get("details").get("code-search");

        assertThat(search.get("status").asText()).isEqualTo("UP");
        assertThat(search.get("details").get("projects").asInt()).isEqualTo(2);
        assertThat(search.get("details").get("behind").asInt()).isZero();
        assertThat(search.get("details").get("bytes").asLong()).isPositive();
    }

    @Test
    void theIndexersWorkIsMeasuredInBytesAndProcessorTime() {
        String metrics = http.get("/prometheus").body();

        assertThat(metric(metrics, "git_code_search_bytes_read_total")).isPositive();
        assertThat(metric(metrics, "git_code_search_update_cpu_seconds_total")).isPositive();
        assertThat(metric(metrics, "git_code_search_update_seconds_sum"))
                .as("the clock's time holds the processor's")
                .isGreaterThanOrEqualTo(metric(metrics, "git_code_search_update_cpu_seconds_total"));
    }

    private static double metric(String metrics, String name) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void aSearchPastItsTurnIs503WithRetryAfter() {
        WorkLimits limits = server.getApplicationContext().getBean(WorkLimits.class);
        try (WorkLimits.Permit busy = limits.enter("search")) {
            HttpResponse<String> answer = http.get("/+search?q=flow");
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // moves the branches the others search
    void aForcedOrDeletedBranchIsRightAtOnce() throws Exception {
        RevCommit bare = controller.commit("Elsewhere\n", Map.of("src/other.py", "nothing here\n"));
        controller.force("R5.0", bare); // R5.0 now has flow.cc too (bare descends from master), then drops it
        controller.git().rm().addFilepattern("src/vrouter/flow.cc").call();
        RevCommit gone = controller.commit("Drop the flow table\n", Map.of());
        controller.force("R5.0", gone);
        controller.deleteBranch("doomed");
        controller.force("master", first);
        mirrors.request(CONTROLLER).get(20, TimeUnit.SECONDS);
        indexer.awaitIdle();

        JsonNode flow = search("FlowTable::Add").get("files");
        assertThat(flow).hasSize(1);
        assertThat(flow.get(0).get("refs")).extracting(JsonNode::asText).containsExactly("master", "tags/v1.0");
        assertThat(hits(search("drop_flow_entry"))).containsExactly(CONTROLLER + " R5.0 src/api/server.py:4");
        assertThat(hits(search("flow_entry")))
                .isEqualTo(gitGrep(List.of("-i", "-F"), "flow_entry", Set.of("web/app.min.js", "data/big.txt")));
    }
}
