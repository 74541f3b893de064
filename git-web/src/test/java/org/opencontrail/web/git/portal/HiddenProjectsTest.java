package org.opencontrail.web.git.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.git.mirror.Mirror;
import org.opencontrail.web.git.mirror.Mirrors;
import org.opencontrail.web.git.support.GitCli;
import org.opencontrail.web.git.support.SourceRepository;
import org.opencontrail.web.shared.testing.GerritProjectList;

/**
 * Projects come from Gerrit's REST list as an anonymous reader sees it (a stand-in answering
 * Gerrit's {@code /projects/} on the wire): hidden ones never appear, anywhere, and one hidden
 * later disappears.
 */
class HiddenProjectsTest {

    private static final String PUBLIC = "Juniper/contrail-controller";
    private static final String HIDDEN = "Juniper/contrail-secret";

    @TempDir
    Path temp;

    private GerritProjectList gerrit;
    private EmbeddedServer server;
    private Http http;
    private Mirrors mirrors;

    @BeforeEach
    void start() throws IOException {
        for (String name : new String[] {PUBLIC, HIDDEN}) {
            try (SourceRepository source =
                    SourceRepository.create(temp.resolve("sources").resolve(name + ".git"))) {
                source.commit("First commit of " + name + "\n", Map.of("README.md", "# " + name + "\n"));
            }
        }
        gerrit = GerritProjectList.start()
                .active(PUBLIC, "All-Projects")
                .description(PUBLIC, "The controller")
                .hidden(HIDDEN);
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("git.dir", temp.resolve("mirrors").toString());
        properties.put("git.sweep-interval", "1h");
        properties.put("gerrit.url", gerrit.url());
        properties.put("git.fetch-url", temp.resolve("sources").toUri() + "{project}.git");
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        mirrors = server.getApplicationContext().getBean(Mirrors.class);
        http = Http.at(server.getURI()).asBrowser();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> mirrors.find(PUBLIC).map(Mirror::ready).orElse(false));
    }

    @AfterEach
    void stop() {
        server.close();
        gerrit.close();
    }

    private void assertInvisible(String name) {
        Document portal = Jsoup.parse(http.get("/").body());
        assertThat(portal.select("tr.project").eachAttr("data-name")).doesNotContain(name);
        assertThat(portal.text()).doesNotContain(name);
        assertThat(http.get("/?format=JSON").body()).doesNotContain(name);
        assertThat(http.get("/merges.atom").body()).doesNotContain(name);
        for (String page : new String[] {
            "/", "/+log/master", "/+/master/README.md", "/+refs", "/+archive/master.tar.gz", "/+atom/master"
        }) {
            assertThat(http.get("/" + name + page).statusCode()).as(page).isEqualTo(404);
        }
        GitCli.Run clone = GitCli.run(
                temp,
                "clone",
                server.getURL() + "/" + name,
                temp.resolve("stolen-" + System.nanoTime()).toString());
        assertThat(clone.exit()).isNotZero();
        assertThat(http.get("/" + name + "/info/refs?service=git-upload-pack").statusCode())
                .isEqualTo(404);
    }

    @Test
    void hiddenProjectsAndGerritsOwnNeverAppear() {
        Document portal = Jsoup.parse(http.get("/").body());
        assertThat(portal.select("tr.project").eachAttr("data-name")).containsExactly(PUBLIC);
        assertThat(portal.select("tr.project td.description").text()).isEqualTo("The controller");
        assertInvisible(HIDDEN);
        assertInvisible("All-Projects");
        assertThat(temp.resolve("mirrors").resolve(HIDDEN + ".git")).doesNotExist();
    }

    @Test
    void aProjectHiddenLaterDisappears() throws Exception {
        gerrit.active(HIDDEN);
        mirrors.refreshList();
        mirrors.request(HIDDEN).get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(http.get("/" + HIDDEN + "/").statusCode()).isEqualTo(200);
        assertThat(http.get("/").body()).contains(HIDDEN); // the portal, rendered and kept for a while
        gerrit.hidden(HIDDEN);
        mirrors.refreshList();
        assertInvisible(HIDDEN);
    }
}
