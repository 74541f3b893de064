package org.opencontrail.web.git.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.git.mirror.Mirror;
import org.opencontrail.web.git.mirror.Mirrors;
import org.opencontrail.web.git.support.GitCli;
import org.opencontrail.web.git.support.SourceRepository;

/**
 * Revision names in addresses mean what {@code git rev-parse} makes of them in the mirror:
 * {@code tags/v1.0} is the tag, {@code heads/master} the branch, a tag wins over a branch of the
 * same name, and annotated tags are peeled to their commit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevisionsTest {

    private static final String NAME = "Juniper/contrail-build";
    private static final String P = "/" + NAME;
    /** A project whose tag {@code master} stands beside its default branch {@code master}. */
    private static final String SHADOWED = "Juniper/contrail-shadowed";

    private static final Pattern COMMIT = Pattern.compile("\"commit\" : \"([0-9a-f]{40})\"");

    @TempDir
    static Path temp;

    private EmbeddedServer server;
    private Http http;
    private Path mirror;
    private RevCommit first;
    private RevCommit second;
    private RevCommit third;
    private RevCommit feature;
    private RevCommit shadowedTip;

    @BeforeAll
    void start() {
        try (SourceRepository source = SourceRepository.create(temp.resolve("source"))) {
            first = source.commit("Start the project\n", Map.of("README.md", "# Build, first\n"));
            source.tag("v1.0", first, "The first release");
            second = source.commit("Build with scons\n", Map.of("README.md", "# Build, second\n"));
            source.tag("v1.1", second, null);
            third = source.commit("Say what the project is\n", Map.of("README.md", "# Build, third\n"));
            source.branch("feature/x", first);
            source.branch("same", third);
            source.tag("same", first, "A tag named as a branch");
            feature = commitOn(source, "feature/x", "Work on x\n", Map.of("src/a.c", "int x;\n"));
        }
        try (SourceRepository shadowed = SourceRepository.create(temp.resolve("shadowed"))) {
            RevCommit old = shadowed.commit("Old\n", Map.of("README.md", "old\n"));
            shadowedTip = shadowed.commit("New\n", Map.of("README.md", "new\n"));
            shadowed.tag("master", old, "A tag named as the default branch");
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("git.dir", temp.resolve("mirrors").toString());
        properties.put("git.sweep-interval", "1h");
        properties.put("git.projects[0].name", NAME);
        properties.put("git.projects[0].url", temp.resolve("source").toUri().toString());
        properties.put("git.projects[1].name", SHADOWED);
        properties.put("git.projects[1].url", temp.resolve("shadowed").toUri().toString());
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        Mirrors mirrors = server.getApplicationContext().getBean(Mirrors.class);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> mirrors.find(NAME).map(Mirror::ready).orElse(false)
                        && mirrors.find(SHADOWED).map(Mirror::ready).orElse(false));
        mirror = mirrors.find(NAME).orElseThrow().repository().getDirectory().toPath();
        http = Http.at(server.getURI()).asBrowser();
    }

    private static RevCommit commitOn(
            SourceRepository source, String branch, String message, Map<String, String> files) {
        try {
            source.git().checkout().setName(branch).call();
            RevCommit commit = source.commit(message, files);
            source.git().checkout().setName("master").call();
            return commit;
        } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
            throw new IllegalStateException(e);
        }
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

    /** The commit a commit page's JSON shows for the name. */
    private String shown(String name) {
        HttpResponse<String> response = http.get(P + "/+/" + name + "?format=JSON");
        assertThat(response.statusCode()).as(name).isEqualTo(200);
        Matcher commit = COMMIT.matcher(response.body());
        assertThat(commit.find()).as(name).isTrue();
        return commit.group(1);
    }

    @Test
    void everyNameIsTheCommitGitRevParseNamesInTheMirror() {
        for (String name : List.of(
                "same",
                "heads/same",
                "tags/same",
                "refs/heads/same",
                "refs/tags/same",
                "v1.0",
                "tags/v1.0",
                "refs/tags/v1.0",
                "v1.1",
                "tags/v1.1",
                "master",
                "heads/master",
                "refs/heads/master",
                "HEAD",
                "feature/x",
                "heads/feature/x",
                "refs/heads/feature/x",
                "tags/v1.0~0",
                "heads/same~1",
                "same%5E0")) {
            String revision = name.replace("%5E", "^");
            // the id is the last line: git warns of an ambiguous name before it
            String git = GitCli.run(mirror, "rev-parse", "--verify", "--quiet", revision + "^{commit}")
                    .ok()
                    .output()
                    .strip()
                    .replaceAll("(?s).*\n", "");
            assertThat(shown(name)).as(name).isEqualTo(git);
        }
        assertThat(shown("same")).isEqualTo(first.name());
        assertThat(shown("heads/same")).isEqualTo(third.name());
    }

    @Test
    void aTagNamedWithItsPrefixIsShownByEveryCommand() {
        assertThat(page(P + "/+show/tags/v1.0").title()).startsWith(NAME + ": Start the project");
        assertThat(page(P + "/+/tags/v1.0").title()).startsWith(NAME + ": Start the project");
        assertThat(page(P + "/+log/tags/v1.0").select("main").text())
                .contains("Start the project")
                .doesNotContain("Build with scons");
        assertThat(page(P + "/+/tags/v1.0/README.md").select("td.src").text()).contains("# Build, first");
        assertThat(page(P + "/+show/tags/v1.1/README.md").select("td.src").text())
                .contains("# Build, second");
        assertThat(page(P + "/+/tags/v1.0/").select("td.name").text()).contains("README.md");
        assertThat(http.get(P + "/+raw/tags/v1.0/README.md").body()).isEqualTo("# Build, first\n");
        assertThat(page(P + "/+blame/tags/v1.1/README.md").select("main").text())
                .contains("# Build, second");
        assertThat(page(P + "/+/tags/v1.0..tags/v1.1/").select("td.path").text())
                .contains("README.md");
        assertThat(page(P + "/+log/tags/v1.0..heads/master").select("main").text())
                .contains("Say what the project is")
                .doesNotContain("Start the project");
        assertThat(http.get(P + "/+describe/tags/v1.1").body().strip()).isEqualTo("v1.1");
        assertThat(http.bytes(P + "/+archive/tags/v1.0.tar.gz").statusCode()).isEqualTo(200);
        assertThat(http.get(P + "/+atom/heads/feature/x").body()).contains("Work on x");
    }

    @Test
    void aBranchNamedLikeAPathIsTakenWholeUnderEveryPrefix() {
        for (String name : List.of("feature/x", "heads/feature/x", "refs/heads/feature/x")) {
            assertThat(page(P + "/+/" + name + "/src/a.c").select("td.src").text())
                    .as(name)
                    .contains("int x;");
            assertThat(shown(name)).as(name).isEqualTo(feature.name());
        }
    }

    @Test
    void namesGitDoesNotResolveAreNotFound() {
        for (String path : List.of(
                "/+/heads/v1.0",
                "/+/tags/master",
                "/+/config",
                "/+/description",
                "/+/remotes/master",
                "/+/refs/v1.0")) {
            assertThat(http.get(P + path).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void theDefaultBranchIsNamedSoThatATagOfTheSameNameDoesNotStandForIt() {
        assertThat(page("/" + SHADOWED + "/+log").select("main").html()).contains(shadowedTip.name());
        assertThat(page("/" + SHADOWED + "/").select("a[href*=/+log/]").eachAttr("href"))
                .contains("/" + SHADOWED + "/+log/refs/heads/master");
        Matcher commit = COMMIT.matcher(
                http.get("/" + SHADOWED + "/+/refs/heads/master?format=JSON").body());
        assertThat(commit.find()).isTrue();
        assertThat(commit.group(1)).isEqualTo(shadowedTip.name());
    }
}
