package org.opencontrail.web.git.browse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencontrail.web.fixtures.GeneratedRepository;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.git.mirror.Mirrors;
import org.opencontrail.web.git.support.GitCli;
import org.opencontrail.web.git.support.MirrorWaits;
import org.opencontrail.web.shared.http.SecurityHeaders;

/** Every view of the browser against a generated repository of realistic shape (20,000 commits, 2,000 files). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowsePagesTest {

    private static final String P = "/Juniper/contrail-controller";

    @TempDir
    static Path temp;

    private EmbeddedServer server;
    private Http http;
    private Repository repository;

    @BeforeAll
    void start() throws Exception {
        Path source = GeneratedRepository.create(temp.resolve("source.git"), 20_000);
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("git.dir", temp.resolve("mirrors").toString());
        properties.put("git.sweep-interval", "1h");
        properties.put("git.projects[0].name", "Juniper/contrail-controller");
        properties.put("git.projects[0].url", source.toUri().toString());
        properties.put("git.projects[0].description", "Contrail's <b>controller</b>");
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        Mirrors mirrors = server.getApplicationContext().getBean(Mirrors.class);
        repository = MirrorWaits.awaitRepacked(mirrors, "Juniper/contrail-controller", Duration.ofSeconds(120))
                .repository();
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

    private RevCommit commitWithSubject(String subject) throws Exception {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(repository.resolve("master")));
            for (RevCommit commit : walk) {
                if (commit.getShortMessage().equals(subject)) {
                    return commit;
                }
            }
        }
        throw new AssertionError("no commit " + subject);
    }

    @Test
    void everyRepositoryViewIsTitledWithWhatItShowsAndTheSite() throws Exception {
        String site = " · OpenContrail Git";
        RevCommit head = repository.parseCommit(repository.resolve("master"));
        Map<String, String> titles = new java.util.LinkedHashMap<>();
        titles.put(P + "/", "Juniper/contrail-controller" + site);
        titles.put(P + "/+log/master", "Juniper/contrail-controller: log of master" + site);
        titles.put(P + "/+/" + head.name(), "Juniper/contrail-controller: " + head.getShortMessage() + site);
        titles.put(P + "/+refs", "Juniper/contrail-controller: branches and tags" + site);
        for (Map.Entry<String, String> view : titles.entrySet()) {
            assertThat(page(view.getKey()).title()).as(view.getKey()).isEqualTo(view.getValue());
        }
        for (String path : List.of(
                P + "/+/master/", P + "/+/master/README.md", P + "/+blame/master/README.md", P + "/+ci/master")) {
            assertThat(page(path).title())
                    .as(path)
                    .startsWith("Juniper/contrail-controller")
                    .endsWith(site)
                    .doesNotContain("${", "th:", "|");
        }
    }

    @Test
    void summaryShowsBranchesTagsLastCommitsCloneUrlAndASanitizedReadme() {
        Document page = page(P + "/");
        assertThat(page.select(".repo-title h1").text()).isEqualTo("Juniper/contrail-controller");
        assertThat(page.select(".repo-description").text()).isEqualTo("Contrail's <b>controller</b>");
        assertThat(page.select("#clone-url").val())
                .endsWith("/Juniper/contrail-controller")
                .startsWith("git clone http");
        assertThat(page.select(".last-commits table.commits tbody tr")).hasSize(10);
        assertThat(page.select(".refs-short").text()).contains("master", "R5.0", "v1.0");
        var readme = page.selectFirst(".readme .markdown");
        assertThat(readme.select("h1").text()).isEqualTo("Controller");
        assertThat(readme.select("script")).isEmpty();
        assertThat(readme.text()).contains("<script>alert('readme')</script>"); // shown as text
        assertThat(readme.select("a").eachAttr("href"))
                .noneMatch(href -> href.startsWith("javascript"))
                .contains(P + "/+/master/docs/guide.md");
        assertThat(readme.select("img").attr("src")).isEqualTo(P + "/+raw/master/docs/logo.png");
        assertThat(page.select("main script:not([src])")).isEmpty();
    }

    @Test
    void logPagesByCursorAndByOffset() {
        Document first = page(P + "/+log/master");
        assertThat(first.select("table.commits tbody tr")).hasSize(100);
        String next = first.selectFirst("a.next").attr("href");
        Document second = page(next);
        assertThat(second.select("table.commits tbody tr")).hasSize(100);
        assertThat(second.select("td.id a").first().text())
                .isNotEqualTo(first.select("td.id a").first().text());
        Document far = page(P + "/+log/master?ofs=5000&n=50");
        assertThat(far.select("table.commits tbody tr")).hasSize(50);
        assertThat(page(P + "/+log/master?n=1").select("table.commits tbody tr"))
                .hasSize(1);
        assertThat(first.selectFirst("a.permalink").attr("href")).matches(P + "/\\+log/[0-9a-f]{40}");
        assertThat(first.select("td.graph svg path")).hasSize(100); // the graph of merges beside the whole history
        assertThat(page(P + "/+log/master?ofs=300&n=500").select("td.graph svg").stream()
                        .map(svg -> svg.attr("width"))
                        .distinct())
                .contains("24"); // a side branch's lane
        assertThat(page(P + "/+log/master?author=Ada&n=5").select("td.graph")).isEmpty();
    }

    @Test
    void aPageAtAnOffsetHoldsTheCommitsAWalkFindsThere() throws Exception {
        List<String> expected = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            walk.sort(org.eclipse.jgit.revwalk.RevSort.COMMIT_TIME_DESC);
            walk.markStart(walk.parseCommit(repository.resolve("master")));
            int i = 0;
            for (RevCommit commit : walk) {
                if (i++ >= 1234) {
                    expected.add(commit.name().substring(0, 10));
                }
                if (expected.size() == 20) {
                    break;
                }
            }
        }
        for (int round = 0; round < 2; round++) { // made, then kept
            Document page = page(P + "/+log/master?ofs=1234&n=20");
            assertThat(page.select("td.id a").eachText()).isEqualTo(expected);
            assertThat(page.selectFirst("a.next").attr("href")).contains("s=");
        }
        assertThat(page(P + "/+log/master?ofs=99999").select(".notice").text()).contains("No commits match");
    }

    @Test
    void logOfOneFileFollowsItsRename() {
        Document log = page(P + "/+log/master/" + GeneratedRepository.RENAMED_TO);
        assertThat(log.select("td.subject").eachText())
                .anyMatch(s -> s.contains("Edit the moved route table"))
                .anyMatch(s -> s.contains("Move the route table"))
                .anyMatch(s -> s.contains("Initial import"));
    }

    @Test
    void aFilesHistoryPagesByCursorAndOffsetAsGitLogListsIt() {
        String dir = repository.getDirectory().toString();
        List<String> expected = java.util.Arrays.stream(
                        GitCli.run(Path.of(dir), "log", "--format=%H", "master", "--", GeneratedRepository.PEER_FILE)
                                .ok()
                                .output()
                                .split("\n"))
                .filter(line -> !line.isBlank())
                .toList();
        assertThat(expected).hasSizeGreaterThan(60);
        Document first = page(P + "/+log/master/" + GeneratedRepository.PEER_FILE + "?n=30");
        Document second = page(first.selectFirst("a.next").attr("href"));
        Document offset = page(P + "/+log/master/" + GeneratedRepository.PEER_FILE + "?n=30&ofs=30");
        List<String> firstIds = first.select("td.id a").eachAttr("href").stream()
                .map(h -> h.substring(h.lastIndexOf('/') + 1))
                .toList();
        List<String> secondIds = second.select("td.id a").eachAttr("href").stream()
                .map(h -> h.substring(h.lastIndexOf('/') + 1))
                .toList();
        List<String> offsetIds = offset.select("td.id a").eachAttr("href").stream()
                .map(h -> h.substring(h.lastIndexOf('/') + 1))
                .toList();
        assertThat(firstIds).isEqualTo(expected.subList(0, 30));
        assertThat(secondIds).isEqualTo(expected.subList(30, 60));
        assertThat(offsetIds).isEqualTo(secondIds);
    }

    @Test
    void logFiltersByAuthorMessageAndMerges() {
        assertThat(page(P + "/+log/master?author=Eve").select("td.subject").eachText())
                .hasSize(1)
                .allMatch(s -> s.contains("<script>"));
        List<String> sides =
                page(P + "/+log/master?grep=SIDE+branch").select("td.subject").eachText();
        assertThat(sides).isNotEmpty().allMatch(s -> s.contains("Merge the side branch"));
        assertThat(page(P + "/+log/master?grep=side+branch&no-merges=1").select("tr.merge"))
                .isEmpty();
        assertThat(page(P + "/+log/master?grep=no+such+words").select(".notice").text())
                .contains("No commits match");
    }

    @Test
    void aCommitOf27FilesShowsItsDiffstatLinksAndDiff() throws Exception {
        RevCommit wide = commitWithSubject(GeneratedRepository.WIDE_COMMIT_SUBJECT);
        Document page = page(P + "/+/" + wide.name());
        assertThat(page.select("table.diffstat tr")).hasSize(27);
        assertThat(page.select("article.file")).hasSize(27);
        assertThat(page.select(".commit-message a").eachAttr("href"))
                .contains("https://bugs.launchpad.net/bugs/1712345")
                .anyMatch(h -> h.contains("/q/I"));
        assertThat(page.select("table.hunks.unified tr.add")).isNotEmpty();
        Document split = page(P + "/+/" + wide.name() + "?view=split");
        assertThat(split.select("table.hunks.split")).hasSize(27);
        assertThat(page(P + "/+/" + wide.name() + "%5E!/").select("article.file"))
                .hasSize(27);
    }

    @Test
    void hostileTextInMessagesNamesAndFileNamesIsShownAsText() throws Exception {
        RevCommit hostile = commitWithSubject(GeneratedRepository.HOSTILE_SUBJECT);
        HttpResponse<String> response = http.get(P + "/+/" + hostile.name());
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("main script:not([src]), main img[onerror], main [onmouseover]"))
                .isEmpty();
        assertThat(page.selectFirst("h2.commit-subject").text()).isEqualTo(GeneratedRepository.HOSTILE_SUBJECT);
        assertThat(page.selectFirst(".commit-meta").text()).contains(GeneratedRepository.HOSTILE_AUTHOR);
        Document folder = page(P + "/+/master/docs/");
        assertThat(folder.select("table.entries td.name").eachText()).contains("<img src=x onerror=alert(1)>.txt");
        assertThat(folder.select("main script:not([src]), main img[onerror]")).isEmpty();
        String link = folder.select("table.entries td.name a").stream()
                .filter(a -> a.text().startsWith("<img"))
                .findFirst()
                .orElseThrow()
                .attr("href");
        assertThat(page(link).select("td.src").text()).isEqualTo("<b>not markup</b>");
        HttpResponse<String> raw = http.get(link.replace("/+/", "/+raw/"));
        assertThat(raw.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(raw.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.STORED_CONTENT);
        assertThat(raw.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void anImageThatCarriesScriptIsShownAsAnImageAndServedSandboxed() throws Exception {
        Document blob = page(P + "/+/master/" + GeneratedRepository.SCRIPTED_SVG);
        assertThat(blob.select("main script:not([src])")).isEmpty();
        assertThat(blob.select("p.image img").attr("src"))
                .isEqualTo(P + "/+raw/master/" + GeneratedRepository.SCRIPTED_SVG);

        HttpResponse<String> raw = http.get(P + "/+raw/master/" + GeneratedRepository.SCRIPTED_SVG);
        assertThat(raw.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
        assertThat(raw.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.STORED_CONTENT);
        assertThat(raw.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
    }

    @Test
    void aHugeDiffLeavesLinesOutUntilAskedAndAMergeSaysWhatItIsDiffedAgainst() throws Exception {
        RevCommit huge = commitWithSubject(GeneratedRepository.HUGE_DIFF_SUBJECT);
        Document page = page(P + "/+/" + huge.name());
        assertThat(page.select("p.omitted").text()).contains("left out for size");
        assertThat(page.select("table.hunks")).isEmpty();
        String anyway = page.selectFirst("p.omitted a").attr("href");
        assertThat(page(anyway).select("table.hunks tr.add").size()).isGreaterThan(30_000);
        RevCommit merge = commitWithSubject("Merge the side branch 10500");
        assertThat(page(P + "/+/" + merge.name()).select(".notice").text()).contains("first parent");
        assertThat(page(P + "/+/" + merge.name()).select(".commit-meta dd a").eachText())
                .hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void treesListFoldersThenFilesAndNonUtf8NamesHaveWorkingAddresses() {
        Document root = page(P + "/+/master/");
        List<String> names = root.select("table.entries td.name").eachText();
        assertThat(names.subList(0, 2)).containsExactly("assets/", "docs/");
        assertThat(names).contains("src/", "README.md", "SConstruct");
        assertThat(root.select(".readme h1").text()).isEqualTo("Controller");
        Document docs = page(P + "/+/master/docs/");
        String latin = docs.select("table.entries td.name a").stream()
                .filter(a -> a.text().startsWith("caf"))
                .findFirst()
                .orElseThrow()
                .attr("href");
        assertThat(latin).contains("caf%E9.txt");
        assertThat(page(latin).select("td.src").text()).contains("noir");
        assertThat(page(P + "/+log/master/docs/caf%E9.txt").select("td.subject").eachText())
                .anyMatch(s -> s.contains("Latin-1"));
    }

    @Test
    void eachEntryOfAFolderHasItsLastChangeAsJson() throws Exception {
        Document root = page(P + "/+/master/docs/");
        String url = root.selectFirst("table.entries").attr("data-last-changes");
        assertThat(url).matches(P + "/\\+lastchanges/[0-9a-f]{40}/docs");
        assertThat(root.select("table.entries td.last[data-name]")).hasSameSizeAs(root.select("table.entries td.name"));
        HttpResponse<String> answer = http.get(url);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control").orElse("")).contains("immutable");
        JsonNode json = new ObjectMapper()
                .readTree(answer.body().substring(answer.body().indexOf('\n') + 1));
        // a name that is not UTF-8 is read as Latin-1, as the folder page shows it
        JsonNode latin = json.get("entries").get("caf\u00e9.txt");
        assertThat(latin.get("subject").asText()).contains("Latin-1");
        JsonNode hostile = json.get("entries").get(GeneratedRepository.HOSTILE_FILE.substring("docs/".length()));
        assertThat(hostile.get("url").asText()).matches(P + "/\\+/[0-9a-f]{40}");
        assertThat(http.get(P + "/+lastchanges/master").statusCode()).isEqualTo(200);
        assertThat(http.get(P + "/+lastchanges/master/README.md").statusCode()).isEqualTo(404);
        assertThat(http.get(P + "/+lastchanges/no-such-branch/docs").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aFileOf5000LinesHasNumberedLinkableLinesAndItsLanguage() {
        Document blob = page(P + "/+/master/" + GeneratedRepository.BIG_FILE);
        assertThat(blob.select("table.code tr")).hasSize(GeneratedRepository.BIG_LINES);
        assertThat(blob.select("tr#L5000 td.ln a").attr("href")).isEqualTo("#L5000");
        assertThat(blob.selectFirst(".source").attr("data-language")).isEqualTo("cpp");
        assertThat(page(P + "/+/master/SConstruct").selectFirst(".source").attr("data-language"))
                .isEqualTo("python");
        assertThat(blob.selectFirst("a.permalink").attr("href"))
                .matches(P + "/\\+/[0-9a-f]{40}/" + GeneratedRepository.BIG_FILE);
        Document image = page(P + "/+/master/docs/logo.png");
        assertThat(image.select("p.image img").attr("src")).isEqualTo(P + "/+raw/master/docs/logo.png");
    }

    @Test
    void blameTellsEachLinesCommitInRuns() {
        Document blame = page(P + "/+blame/master/" + GeneratedRepository.BIG_FILE);
        assertThat(blame.select("table.blame-table tr")).hasSize(GeneratedRepository.BIG_LINES);
        assertThat(blame.select("tr.first td.origin a").eachAttr("href"))
                .allMatch(h -> h.matches(P + "/\\+/[0-9a-f]{40}"));
        assertThat(blame.selectFirst("a.permalink").attr("href"))
                .matches(P + "/\\+blame/[0-9a-f]{40}/" + GeneratedRepository.BIG_FILE);
        assertThat(http.get(P + "/+blame/master/no/such/file.c").statusCode()).isEqualTo(404);
    }

    @Test
    void refsListBranchesAndTagsWithAnnotationsAndSignatures() throws Exception {
        Document refs = page(P + "/+refs");
        assertThat(refs.select("table.refs-table")
                        .get(0)
                        .select("td:first-child")
                        .eachText())
                .contains("master", "R5.0", "side", GeneratedRepository.SHELL_BRANCH);
        String tags = refs.select("table.refs-table").get(1).text();
        assertThat(tags)
                .contains("v1.0", "annotated", "Release 1.0", "v0.9-light", "v1.1-signed", "signed")
                .doesNotContain("BEGIN PGP");
        String shellLog = refs.select("table.refs-table").get(0).select("a").stream()
                .filter(a -> a.text().equals(GeneratedRepository.SHELL_BRANCH))
                .findFirst()
                .orElseThrow()
                .attr("href");
        assertThat(page(shellLog).select("table.commits tbody tr")).isNotEmpty();
        try (RevWalk walk = new RevWalk(repository)) {
            String tagged =
                    walk.parseCommit(repository.resolve("v1.0^{commit}")).getShortMessage();
            assertThat(page(P + "/+/v1.0").selectFirst("h2.commit-subject").text())
                    .isEqualTo(tagged);
        }
    }

    @Test
    void archivesStreamTheFilesOfARevisionOrAFolder() throws Exception {
        HttpResponse<byte[]> tar = http.bytes(P + "/+archive/master.tar.gz");
        assertThat(tar.statusCode()).isEqualTo(200);
        assertThat(tar.headers().firstValue("Content-Disposition").orElse(""))
                .contains("contrail-controller-master.tar.gz");
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in =
                new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(tar.body())))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                names.add(entry.getName());
            }
        }
        assertThat(names)
                .contains(
                        "contrail-controller-master/README.md",
                        "contrail-controller-master/" + GeneratedRepository.BIG_FILE);
        assertThat(names.size()).isGreaterThan(2000);
        HttpResponse<byte[]> zip = http.bytes(P + "/+archive/v1.0.zip/docs");
        List<String> zipped = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            java.util.zip.ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                zipped.add(entry.getName());
            }
        }
        assertThat(zipped).contains("contrail-controller-v1.0-docs/guide.md").noneMatch(n -> n.contains("src/"));
        assertThat(http.get(P + "/+archive/master.rar").statusCode()).isEqualTo(404);
    }

    @Test
    void rawTextAndJsonFormatsAnswerAsGitilesDoes() throws Exception {
        HttpResponse<byte[]> large = http.bytes(P + "/+raw/master/" + GeneratedRepository.LARGE_BINARY);
        assertThat(large.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(new org.eclipse.jgit.lib.ObjectInserter.Formatter()
                        .idFor(org.eclipse.jgit.lib.Constants.OBJ_BLOB, large.body()))
                .isEqualTo(repository.resolve("master:" + GeneratedRepository.LARGE_BINARY));
        HttpResponse<byte[]> raw = http.bytes(P + "/+raw/master/docs/logo.png");
        assertThat(raw.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(raw.body()).hasSize(600);
        String text = http.get(P + "/+/master/docs/guide.md?format=TEXT").body();
        assertThat(new String(Base64.getDecoder().decode(text.strip()), StandardCharsets.UTF_8))
                .startsWith("# Guide");
        ObjectId head = repository.resolve("master");
        String commit = http.get(P + "/+/" + head.name() + "?format=JSON").body();
        assertThat(commit)
                .startsWith(")]}'")
                .contains("\"commit\" : \"" + head.name() + "\"")
                .contains("\"tree_diff\"");
        assertThat(http.get(P + "/+log/master?format=JSON&n=2").body())
                .contains("\"log\"")
                .contains("\"next\"");
        assertThat(http.get(P + "/+refs?format=JSON").body())
                .contains("refs/heads/master")
                .contains("refs/tags/v1.0");
        assertThat(http.get(P + "/+/master/docs?format=JSON").body())
                .contains("\"entries\"")
                .contains("guide.md");
        assertThat(http.get("/?format=JSON").body())
                .contains("Juniper/contrail-controller")
                .contains("clone_url");
        String patch = http.get(P + "/+/" + head.name() + "%5E!/?format=TEXT").body();
        assertThat(new String(Base64.getDecoder().decode(patch.strip()), StandardCharsets.UTF_8))
                .startsWith("diff --git");
    }

    @Test
    void feedsAreAtom() {
        HttpResponse<String> feed = http.get(P + "/+atom/master");
        assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
        Document xml = Jsoup.parse(feed.body(), "", org.jsoup.parser.Parser.xmlParser());
        assertThat(xml.select("entry")).hasSize(30);
        assertThat(feed.body()).contains("&lt;script&gt;");
        Document merges = Jsoup.parse(http.get("/merges.atom").body(), "", org.jsoup.parser.Parser.xmlParser());
        assertThat(merges.select("entry title").first().text()).startsWith("Juniper/contrail-controller: ");
    }

    @Test
    void cgitAddressesRedirectToOurs() throws Exception {
        ObjectId head = repository.resolve("master");
        assertThat(http.get(P + "/commit/?id=" + head.name()).headers().firstValue("Location"))
                .hasValue(P + "/+/" + head.name());
        assertThat(http.get(P + "/log/?h=R5.0&ofs=50").headers().firstValue("Location"))
                .hasValue(P + "/+log/R5.0?ofs=50");
        assertThat(http.get(P + "/tree/docs?h=master").headers().firstValue("Location"))
                .hasValue(P + "/+/master/docs");
        assertThat(http.get(P + "/plain/README.md?h=master").headers().firstValue("Location"))
                .hasValue(P + "/+raw/master/README.md");
        assertThat(http.get(P + "/log/?qt=author&q=Eve").headers().firstValue("Location"))
                .hasValue(P + "/+log/HEAD?author=Eve");
        assertThat(http.get(P + "/no-such-cgit-page/").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/Juniper/secret/",
                "/Juniper/secret/+/master",
                P + "/+/no-such-branch/",
                P + "/+/master/no/such/path",
                P + "/+/master/../../../etc/passwd",
                P + "/+/master/%2e%2e/%2e%2e/etc/passwd",
                P + "/+/master/docs/..%2F..%2FREADME.md",
                P + "/+/master/src/%00",
                P + "/+log/nope",
                P + "/+/0000000000000000000000000000000000000000",
                P + "/+/master~99999",
                P + "/+nope/master",
                "/+/master"
            })
    void unknownProjectsRefsAndPathsAre404(String path) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(response.body()).doesNotContain("root:");
    }

    @Test
    void pagesNamedByIdAreImmutableAndRevalidateCheaply() throws Exception {
        ObjectId head = repository.resolve("master");
        HttpResponse<String> byId = http.get(P + "/+/" + head.name() + "/README.md");
        assertThat(byId.headers().firstValue("Cache-Control").orElse("")).contains("immutable");
        String etag = byId.headers().firstValue("ETag").orElseThrow();
        assertThat(http.get(P + "/+/" + head.name() + "/README.md", "If-None-Match", etag)
                        .statusCode())
                .isEqualTo(304);
        HttpResponse<String> byRef = http.get(P + "/+/master/README.md");
        assertThat(byRef.headers().firstValue("Cache-Control").orElse(""))
                .contains("must-revalidate")
                .doesNotContain("immutable");
    }
}
