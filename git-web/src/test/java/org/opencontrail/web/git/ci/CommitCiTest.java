package org.opencontrail.web.git.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
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
import org.eclipse.jgit.revwalk.RevCommit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.git.mirror.Mirror;
import org.opencontrail.web.git.mirror.Mirrors;
import org.opencontrail.web.git.support.SourceRepository;

/**
 * A commit's review, gate run and post jobs, from Gerrit's REST API and Zuul's builds API (a
 * stand-in answering both on the wire), and the flag of a commit no review merged.
 */
class CommitCiTest {

    private static final String PROJECT = "Juniper/contrail-controller";

    @TempDir
    Path temp;

    private SourceRepository source;
    private HttpServer services;
    private EmbeddedServer server;
    private Http http;
    private RevCommit reviewed;
    private RevCommit pushed;
    private final AtomicBoolean gerritDown = new AtomicBoolean();

    @BeforeEach
    void start() throws IOException {
        source = SourceRepository.create(temp.resolve("source"));
        reviewed =
                source.commit("Fix the route table\n\nChange-Id: I" + "a".repeat(40) + "\n", Map.of("a.c", "int a;\n"));
        pushed = source.commit("Hot fix pushed straight to master\n", Map.of("b.c", "int b;\n"));
        services = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        services.createContext("/changes/", this::changes);
        services.createContext("/zuul/api/tenant/opencontrail/builds", this::builds);
        services.start();
        String base = "http://127.0.0.1:" + services.getAddress().getPort();
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("git.dir", temp.resolve("mirrors").toString());
        properties.put("git.sweep-interval", "1h");
        properties.put("git.projects[0].name", PROJECT);
        properties.put("git.projects[0].url", source.url());
        properties.put("gerrit.url", base + "/");
        properties.put("zuul.url", base + "/zuul/");
        properties.put("zuul.tenant", "opencontrail");
        properties.put("branding.review-url", "https://review.example.org");
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        Mirrors mirrors = server.getApplicationContext().getBean(Mirrors.class);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> mirrors.find(PROJECT).map(Mirror::ready).orElse(false));
        http = Http.at(server.getURI()).asBrowser();
    }

    @AfterEach
    void stop() {
        server.close();
        services.stop(0);
        source.close();
    }

    private void changes(HttpExchange exchange) throws IOException {
        if (gerritDown.get()) {
            reply(exchange, 503, "down");
            return;
        }
        String query = java.net.URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
        String body = query.contains("commit:" + reviewed.name())
                ? "[{\"_number\":4242,\"status\":\"MERGED\",\"branch\":\"master\",\"subject\":\"Fix the <script>route</script> table\"}]"
                : "[]";
        reply(exchange, 200, ")]}'\n" + body);
    }

    private void builds(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        String body;
        if (query.contains("pipeline=gate") && query.contains("change=4242")) {
            body = "["
                    + build("u1", "contrail-vnc-build-package", "SUCCESS", "gate", "bs-new", "2026-11-20T10:00:00", "")
                    + ","
                    + build("u2", "contrail-unittest", "SUCCESS", "gate", "bs-new", "2026-11-20T10:05:00", "") + ","
                    + build("u0", "contrail-unittest", "FAILURE", "gate", "bs-old", "2026-11-19T10:00:00", "") + "]";
        } else if (query.contains("pipeline=post") && query.contains("newrev=" + reviewed.name())) {
            body = "["
                    + build("p1", "publish-docs", "SUCCESS", "post", "bs-post", "2026-11-20T11:00:00", reviewed.name())
                    + "]";
        } else {
            body = "[]";
        }
        reply(exchange, 200, body);
    }

    private static String build(
            String uuid, String job, String result, String pipeline, String buildset, String end, String newrev) {
        return ("{\"uuid\":\"%s\",\"job_name\":\"%s\",\"result\":\"%s\",\"voting\":true,\"pipeline\":\"%s\",\"log_url\":\"https://logs.example.org/%s/\","
                        + "\"end_time\":\"%s\",\"duration\":300,\"buildset\":{\"uuid\":\"%s\"},\"ref\":{\"project\":\"%s\",\"newrev\":\"%s\"}}")
                .formatted(uuid, job, result, pipeline, uuid, end, buildset, PROJECT, newrev);
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void aReviewedCommitShowsItsChangeItsLastGateRunAndItsPostJobs() {
        Document ci =
                Jsoup.parse(http.get("/" + PROJECT + "/+ci/" + reviewed.name()).body());
        assertThat(ci.select(".review a").attr("href")).isEqualTo("https://review.example.org/c/4242");
        assertThat(ci.select(".review").text()).contains("merged").contains("Fix the <script>route</script> table");
        assertThat(ci.select("main script:not([src])")).isEmpty();
        assertThat(ci.select("h3").eachText()).contains("Gate passed", "After merge");
        assertThat(ci.select("ul.jobs a").eachText())
                .containsExactly("contrail-unittest", "contrail-vnc-build-package", "publish-docs");
        assertThat(ci.select("ul.jobs a").eachAttr("href"))
                .contains("https://logs.example.org/p1/")
                .doesNotContain("https://logs.example.org/p2/");
        assertThat(ci.select(".unreviewed")).isEmpty();
        String json = http.get("/" + PROJECT + "/+ci/" + reviewed.name() + "?format=JSON")
                .body();
        assertThat(json).contains("\"number\" : 4242").contains("\"unreviewed\" : false");
        assertThat(json)
                .as("what the page makes of the answer stays out of its JSON")
                .doesNotContain("\"css\"")
                .doesNotContain("shownResult")
                .doesNotContain("verdict");
        assertThat(ci.select("h3 span.status-ok").text()).isEqualTo("passed");
        assertThat(ci.select("ul.jobs li > span:first-child").eachAttr("class")).containsOnly("status-ok");
    }

    @Test
    void aCommitNoReviewMergedIsFlagged() {
        Document fragment = Jsoup.parse(http.get("/" + PROJECT + "/+ci/" + pushed.name() + "?fragment=1")
                .body());
        assertThat(fragment.select("section#ci .unreviewed").text()).contains("No review merged this commit");
        assertThat(fragment.select("header.site-header")).isEmpty(); // just the section, for the commit page
        Document commit =
                Jsoup.parse(http.get("/" + PROJECT + "/+/" + pushed.name()).body());
        assertThat(commit.select("section#ci").attr("data-src"))
                .isEqualTo("/" + PROJECT + "/+ci/" + pushed.name() + "?fragment=1");
    }

    @Test
    void whenTheReviewSiteIsAwayItSaysSoAndFlagsNothing() {
        gerritDown.set(true);
        Document ci =
                Jsoup.parse(http.get("/" + PROJECT + "/+ci/" + pushed.name()).body());
        assertThat(ci.select(".unreviewed")).isEmpty();
        assertThat(ci.select("section#ci").text()).contains("The review site could not be asked");
    }
}
