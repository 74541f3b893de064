package org.opencontrail.web.git.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.mirror.Mirror;
import org.opencontrail.web.git.mirror.Mirrors;
import org.opencontrail.web.git.support.SourceRepository;

/**
 * The whole of Gitiles' address grammar, as Gitiles' own view tests have it: each address a
 * Gerrit link, a script or a bookmark may hold answers here with what Gitiles shows there, and the
 * page's own links are built by the same view model that parsed the address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitilesAddressesTest {

    private static final String NAME = "Juniper/contrail-build";
    private static final String P = "/" + NAME;

    @TempDir
    static Path temp;

    private EmbeddedServer server;
    private Http http;
    private RevCommit first;
    private RevCommit second;
    private RevCommit third;

    @BeforeAll
    void start() {
        try (SourceRepository source = SourceRepository.create(temp.resolve("source"))) {
            source.commit("Start the project\n", Map.of("LICENSE", "Apache License 2.0\n"));
            first = source.commit(
                    "Add the build scripts\n",
                    Map.of(
                            "README.md",
                            "# Build\n",
                            "scripts/build.sh",
                            "make all\n",
                            "docs/guide.md",
                            "# Guide\n\nRun *scons* first.\n"));
            source.tag("v1.0", first, "The first release");
            second = source.commit(
                    "Build with scons\n",
                    Map.of(
                            "scripts/build.sh",
                            "scons -j4\n",
                            "docs/guide.md",
                            "# Guide\n\nRun *scons* with <script>alert(1)</script> `-j4`.\n"));
            third = source.commit(
                    "Say what the project is\n", Map.of("README.md", "# Build\n\nOpenContrail's build.\n"));
            source.branch("feature/fast", third);
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("git.dir", temp.resolve("mirrors").toString());
        properties.put("git.sweep-interval", "1h");
        properties.put("git.projects[0].name", NAME);
        properties.put("git.projects[0].url", temp.resolve("source").toUri().toString());
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        Mirrors mirrors = server.getApplicationContext().getBean(Mirrors.class);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> mirrors.find(NAME).map(Mirror::ready).orElse(false));
        http = Http.at(server.getURI()).asBrowser();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Document page(String rawPath) {
        HttpResponse<String> response = http.get(rawPath);
        assertThat(response.statusCode()).as(rawPath).isEqualTo(200);
        return Jsoup.parse(response.body());
    }

    /** What a script or {@code curl} sends: the request line exactly as written, {@code ^} and all. */
    private String literal(String rawPath) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawPath
                            + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void showIsAnAliasOfTheAutoView() {
        assertThat(page(P + "/+show/" + second.name()).title()).startsWith(NAME + ": Build with scons");
        assertThat(page(P + "/+show/master/scripts/build.sh").select("td.src").text())
                .contains("scons -j4");
        assertThat(page(P + "/+show/master/scripts/").select("td.name").text()).contains("build.sh");
    }

    @Test
    void aDiffOfARangeOrOfOneCommitIsLimitedToAPathWhenGivenOne() {
        Document range = page(P + "/+diff/" + first.name() + ".." + third.name() + "/scripts/build.sh");
        assertThat(range.select("td.path").text())
                .contains("scripts/build.sh")
                .doesNotContain("README.md")
                .doesNotContain("guide.md");
        Document whole = page(P + "/+diff/" + first.name() + ".." + third.name());
        assertThat(whole.select("td.path").text()).contains("scripts/build.sh", "README.md", "docs/guide.md");
        Document one = page(P + "/+diff/" + second.name() + "%5E!/docs");
        assertThat(one.select("td.path").text()).contains("docs/guide.md").doesNotContain("build.sh");
        assertThat(page(P + "/+diff/" + second.name() + "%5E!")
                        .select("td.path")
                        .text())
                .contains("docs/guide.md", "scripts/build.sh");
        // the auto view's ranges take a path too
        assertThat(page(P + "/+/v1.0..master/README.md").select("td.path").text())
                .contains("README.md")
                .doesNotContain("build.sh");
    }

    @Test
    void aRangeFromACommitsParentIsARangeNotTheCommitsOwnDiff() {
        assertThat(page(P + "/+/" + second.name() + "%5E.." + second.name() + "/")
                        .title())
                .startsWith(NAME + ": " + second.name() + "^..");
        assertThat(page(P + "/+/" + second.name() + "%5E!/").title()).startsWith(NAME + ": Build with scons");
    }

    @Test
    void aLiteralCaretIsTheSameAddressAsItsEscape() throws IOException {
        String answer = literal(P + "/+/" + second.name() + "^!/");
        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(answer).contains("scripts/build.sh").contains("Build with scons");
        assertThat(literal(P + "/+log/" + third.name() + "^"))
                .startsWith("HTTP/1.1 200")
                .contains("Build with scons")
                .doesNotContain("Say what the project is</a>");
        assertThat(literal(P + "/+/" + second.name() + "^/README.md")).startsWith("HTTP/1.1 200");
    }

    @Test
    void aParentOrAncestorOfAFilesOrAFoldersIdIsNotFoundNotAnError() {
        String blob = new ObjectInserter.Formatter()
                .idFor(Constants.OBJ_BLOB, "# Build\n".getBytes(StandardCharsets.UTF_8))
                .name();
        for (String path : List.of(
                "/+/" + blob + "%5E",
                "/+/" + blob.substring(0, 8) + "~1/",
                "/+diff/" + blob + "%5E.." + third.name(),
                "/+log/" + blob + "~2")) {
            assertThat(http.get(P + path).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void describeNamesARevisionByItsNearestTag() {
        HttpResponse<String> text = http.get(P + "/+describe/" + third.name());
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.body().strip()).isEqualTo("v1.0-2-g" + third.name().substring(0, 7));
        assertThat(http.get(P + "/+describe/" + first.name() + "?format=JSON").body())
                .startsWith(")]}'")
                .contains("\"" + first.name() + "\"")
                .contains("\"v1.0\"");
        assertThat(http.get(P + "/+describe/no-such-revision").statusCode()).isEqualTo(404);
    }

    @Test
    void docRendersMarkdownAsAPageWithoutItsScripts() {
        Document doc = page(P + "/+doc/master/docs/guide.md");
        assertThat(doc.title()).startsWith(NAME + ": docs/guide.md");
        assertThat(doc.select(".markdown h1").text()).isEqualTo("Guide");
        assertThat(doc.select(".markdown em").text()).isEqualTo("scons");
        assertThat(doc.select(".markdown script")).isEmpty();
        assertThat(doc.select(".markdown").text()).contains("<script>alert(1)</script>");
        assertThat(doc.select(".markdown code").text()).isEqualTo("-j4");
        assertThat(http.get(P + "/+doc/master/scripts/build.sh").statusCode()).isEqualTo(404);
        assertThat(http.get(P + "/+doc/master/no/such.md").statusCode()).isEqualTo(404);
    }

    @Test
    void anArchiveOfAFolderIsNamedAsGitilesNamesIt() throws IOException {
        HttpResponse<byte[]> tar = http.bytes(P + "/+archive/master/scripts.tar.gz");
        assertThat(tar.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in =
                new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(tar.body())))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                names.add(entry.getName());
            }
        }
        assertThat(names).containsExactly("contrail-build-master-scripts/build.sh");
        assertThat(http.bytes(P + "/+archive/" + first.name() + ".tar.gz").statusCode())
                .isEqualTo(200);
        assertThat(http.bytes(P + "/+archive/master/no-such-folder.tar.gz").statusCode())
                .isEqualTo(404);
    }

    @Test
    void theLogOfAPathWithinARange() {
        Document log = page(P + "/+log/" + first.name() + "%5E.." + third.name() + "/scripts");
        assertThat(log.select("main").text())
                .contains("Build with scons")
                .contains("Add the build scripts")
                .doesNotContain("Say what the project is");
        Document caret = page(P + "/+log/" + first.name() + "~1.." + third.name() + "/README.md");
        assertThat(caret.select("main").text())
                .contains("Say what the project is")
                .contains("Add the build scripts")
                .doesNotContain("Build with scons");
        Document range = page(P + "/+log/v1.0..master");
        assertThat(range.select("main").text())
                .contains("Say what the project is")
                .doesNotContain("Add the build scripts");
    }

    @Test
    void leadingSlashesCollapseAsGitilesCollapsesThem() {
        assertThat(page("/" + P + "/").title()).startsWith(NAME);
        assertThat(page("//" + P + "/+log/master").title()).startsWith(NAME + ": log of master");
    }

    @Test
    void aBranchWithASlashIsTakenWholeBeforeThePath() {
        assertThat(page(P + "/+/feature/fast/README.md").select("td.src").text())
                .contains("OpenContrail's build.");
        assertThat(page(P + "/+/refs/heads/feature/fast/").select("td.name").text())
                .contains("README.md");
    }

    @Test
    void everyAddressTheViewModelBuildsIsOneItReads() {
        byte[] scripts = "scripts".getBytes(StandardCharsets.UTF_8);
        byte[] guide = "docs/guide.md".getBytes(StandardCharsets.UTF_8);
        List<GitLocation> views = List.of(
                GitLocation.summary(NAME),
                GitLocation.revision(NAME, "v1.0"),
                GitLocation.tree(NAME, "feature/fast"),
                GitLocation.path(NAME, "master", scripts),
                GitLocation.diff(NAME, second.name()),
                GitLocation.diff(NAME, "v1.0", "feature/fast"),
                GitLocation.log(NAME, "master", guide),
                GitLocation.blame(NAME, "master", guide),
                GitLocation.raw(NAME, "master", guide),
                GitLocation.refs(NAME),
                GitLocation.describe(NAME, "master"),
                GitLocation.doc(NAME, "master", guide),
                GitLocation.atom(NAME, "master"),
                GitLocation.ci(NAME, third.name()),
                GitLocation.lastChanges(NAME, "master", scripts));
        for (GitLocation view : views) {
            assertThat(http.get(view.toUrl()).statusCode())
                    .as(view.kind() + " " + view.toUrl())
                    .isEqualTo(200);
        }
        for (String format : List.of(GitLocation.TAR_GZ, GitLocation.ZIP)) {
            String url = GitLocation.archive(NAME, "v1.0", scripts, format).toUrl();
            assertThat(url).endsWith("/+archive/v1.0/scripts." + format);
            assertThat(http.bytes(url).statusCode()).as(url).isEqualTo(200);
        }
        assertThat(GitLocation.diff(NAME, second.name()).toUrl()).isEqualTo(P + "/+/" + second.name() + "%5E!/");
        assertThat(GitLocation.path(NAME, "master", "a b/ü.c").toUrl()).isEqualTo(P + "/+/master/a%20b/%C3%BC.c");
    }

    @Test
    void everyLinkOfTheViewsParsesBackToAPageThatAnswers() {
        Map<String, Document> pages = new LinkedHashMap<>();
        for (String url : List.of(
                P + "/",
                P + "/+/" + second.name(),
                P + "/+/master/",
                P + "/+log/master/scripts/build.sh",
                P + "/+/v1.0..master/",
                P + "/+blame/master/README.md",
                P + "/+refs")) {
            pages.put(url, page(url));
        }
        for (Map.Entry<String, Document> shown : pages.entrySet()) {
            for (String href : shown.getValue().select("a[href^=" + P + "/]").eachAttr("href")) {
                if (href.contains("/+archive/")) {
                    assertThat(http.bytes(href).statusCode())
                            .as(href + " on " + shown.getKey())
                            .isEqualTo(200);
                } else {
                    assertThat(http.get(href.replaceAll("#.*", "")).statusCode())
                            .as(href + " on " + shown.getKey())
                            .isIn(200, 301);
                }
            }
        }
    }
}
