package org.opencontrail.web.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencontrail.web.deploy.LocalSuite.App;
import org.opencontrail.web.deploy.sandbox.ci.SandboxCi;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.shared.testing.Tool;

/**
 * One page of every kind of the three sites, found by following their links as a visitor does,
 * scores 100 in each of Lighthouse's four categories (performance, accessibility, best practices,
 * SEO) on a phone, Lighthouse's default: Lighthouse 12.2.3 from {@code src/test/lighthouse}'s lock
 * file ({@code npm ci} when its {@code node_modules} is missing), in one headless Chromium, each page
 * once, the sandbox's world held still meanwhile. The reports are left in {@code target/lighthouse/}. A 404 page answers 404 as it must: the
 * two audits that only ask for a successful answer (SEO's status code, and the browser's console
 * line that reports it) are the only ones it may lose.
 */
@ExtendWith(SandboxedSuite.class)
@Tag("suite")
@Tag("browser")
class LighthouseTest {

    private static final Path LIGHTHOUSE = Path.of(System.getProperty("suite.root", ".."))
            .toAbsolutePath()
            .normalize()
            .resolve("deploy/src/test/lighthouse");
    private static final Path OUT = Path.of("target", "lighthouse").toAbsolutePath();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final List<String> CATEGORIES = List.of("performance", "accessibility", "best-practices", "seo");

    /** What a page that answers 404 loses for the status alone, and only for it. */
    private static final Set<String> LOST_FOR_A_404 = Set.of("http-status-code", "errors-in-console");

    private final HttpClient http = Http.builder().build();

    /** A page to audit: what it is, where, and the status it must answer with. */
    private record Page(String kind, URI url, int status) {
        Page(String kind, URI url) {
            this(kind, url, 200);
        }
    }

    @Test
    void everyKindOfPageScores100InEveryCategory(SandboxedSuite.Running running) throws Exception {
        assertThat(CHROMIUM)
                .as("Lighthouse runs Debian's chromium: ./suite test installs it")
                .isExecutable();
        installLighthouse();
        List<Page> pages = pagesOfEveryKind(running.suite());
        // The sandbox runs its CI at 120 times real time on the processor the browser uses: the
        // audit measures the pages, so the world stands still meanwhile (a live page still gets
        // its stream, its clock and its live console, as at real time between two events).
        try (SandboxCi.Hold still = running.sandbox().ci().hold()) {
            audit(pages);
        }
    }

    private void audit(List<Page> pages) throws IOException, InterruptedException {

        Files.createDirectories(OUT);
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> list = new ArrayList<>();
        for (Page page : pages) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", page.kind());
            entry.put("url", page.url().toString());
            entry.put("status", page.status());
            list.add(entry);
        }
        Path pagesFile = OUT.resolve("pages.json");
        json.writerWithDefaultPrettyPrinter().writeValue(pagesFile.toFile(), list);
        Tool audit = Tool.run(
                Duration.ofMinutes(20),
                Map.of("CHROME_PATH", CHROMIUM.toString()),
                List.of(
                        "node",
                        LIGHTHOUSE.resolve("audit.mjs").toString(),
                        pagesFile.toString(),
                        OUT.toString(),
                        "mobile"));
        assertThat(audit.exitCode()).as(audit.output() + audit.errors()).isZero();

        JsonNode results = json.readTree(OUT.resolve("scores.json").toFile());
        assertThat(results).as("one result for each page").hasSize(pages.size());
        List<String> short100 = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            short100.addAll(whatLostPoints(pages.get(i), results.get(i)));
        }
        assertThat(short100)
                .as("pages below 100 (reports in %s):%n%s", OUT, String.join(System.lineSeparator(), short100))
                .isEmpty();
    }

    /** The categories of one page's result below 100, each with the audits that lost it points. */
    private static List<String> whatLostPoints(Page page, JsonNode result) {
        String where = page.kind() + " (" + page.url() + ")";
        if (!result.path("runtimeError").isNull()) {
            return List.of(where + ": Lighthouse could not audit it: "
                    + result.path("runtimeError").asText());
        }
        List<String> found = new ArrayList<>();
        if (result.path("status").asInt() != page.status()) {
            found.add(where + ": answered " + result.path("status").asInt() + ", not " + page.status());
        }
        for (String category : CATEGORIES) {
            JsonNode score = result.path("scores").path(category);
            if (score.asInt(-1) == 100) {
                continue;
            }
            List<String> audits = new ArrayList<>();
            for (JsonNode lost : result.path("lost").path(category)) {
                if (page.status() == 404
                        && LOST_FOR_A_404.contains(lost.path("id").asText())) {
                    continue;
                }
                audits.add("    " + lost.path("id").asText() + " ("
                        + lost.path("title").asText() + ") "
                        + lost.path("displayValue").asText() + " " + lost.path("items"));
            }
            if (page.status() != 404 || !audits.isEmpty()) {
                String slowed = category.equals("performance")
                        ? " (the host's processor slowed "
                                + result.path("cpuSlowdown").asText() + "x)"
                        : "";
                found.add(where + ": " + category + " " + score.asText() + slowed + System.lineSeparator()
                        + String.join(System.lineSeparator(), audits));
            }
        }
        return found;
    }

    /** The pinned Lighthouse, from the committed lock file, unless it is installed already. */
    private static void installLighthouse() throws IOException, InterruptedException {
        if (Files.isDirectory(LIGHTHOUSE.resolve("node_modules/lighthouse"))) {
            return;
        }
        Tool install = Tool.run(
                Duration.ofMinutes(10),
                Map.of(),
                List.of("npm", "ci", "--prefix", LIGHTHOUSE.toString(), "--no-audit", "--no-fund"));
        assertThat(install.exitCode())
                .as("npm ci of Lighthouse: %s%s", install.output(), install.errors())
                .isZero();
    }

    /** One page of each kind, found by following links from the home pages as a visitor does. */
    private List<Page> pagesOfEveryKind(LocalSuite suite) {
        URI status = suite.url(App.STATUS);
        URI logs = suite.url(App.LOGS);
        URI git = suite.url(App.GIT);
        List<Page> pages = new ArrayList<>();

        pages.add(new Page("status-web: pipelines", status.resolve("/")));
        pages.add(new Page("status-web: a change", linkOn(status.resolve("/"), "a[href^=/change/]")));
        pages.add(new Page("status-web: a project", linkOn(status.resolve("/"), "a[href^=/project/]")));
        pages.add(new Page("status-web: CI health", status.resolve("/infra")));
        pages.add(new Page("status-web: no such page", status.resolve("/no/such/page"), 404));

        URI build = linkOn(logs.resolve("/"), "a[href~=^/[0-9]{2}/.+/$]");
        URI log = linkOn(build, "a[href=job-output.txt]");
        URI failures = logs.resolve("/failures");
        pages.add(new Page("logs-web: home", logs.resolve("/")));
        pages.add(new Page("logs-web: a build's folder", build));
        pages.add(new Page("logs-web: a log", log));
        pages.add(new Page("logs-web: every build", logs.resolve("/builds")));
        pages.add(new Page("logs-web: every buildset", logs.resolve("/buildsets")));
        pages.add(new Page("logs-web: a buildset", linkOn(logs.resolve("/buildsets"), "a[href^=/buildset/]")));
        pages.add(new Page("logs-web: a search with hits", logs.resolve("/search?q=PLAY")));
        pages.add(new Page("logs-web: known failures", failures));
        pages.add(new Page("logs-web: a build with a known failure", buildWithAKnownFailure(failures)));
        pages.add(new Page("logs-web: a new signature", linkOn(failures, "a[href^=/failures/new]")));
        pages.add(new Page("logs-web: proposed signatures", linkOn(failures, "a[href=/failures/proposals]")));
        pages.add(new Page("logs-web: fingerprints", linkOn(failures, "a[href=/failures/fingerprints]")));
        pages.add(new Page("logs-web: flaky jobs", linkOn(failures, "a[href=/flaky]")));
        pages.add(new Page("logs-web: a log's anomalies", linkOn(log, "a.anomalies")));
        pages.add(
                new Page("logs-web: a running build's live console", linkOn(status.resolve("/"), "a[href*=/stream/]")));
        pages.add(new Page("logs-web: no such page", logs.resolve("/no/such/page"), 404));

        URI summary = linkOn(git.resolve("/"), "a[href~=^/[^/]+/[^/+]+/$]");
        URI tree = linkOn(summary, "a[href~=/\\+/[^/]+/$]");
        URI file = linkOn(tree, "a[href~=/\\+/[^/]+/[^?]*[^/]$]");
        URI commit = linkOn(summary, "a[href~=/\\+/[0-9a-f]{40}$]");
        pages.add(new Page("git-web: portal", git.resolve("/")));
        pages.add(new Page("git-web: a project", summary));
        pages.add(new Page("git-web: a tree", tree));
        pages.add(new Page("git-web: a file", file));
        pages.add(new Page("git-web: a commit", commit));
        pages.add(new Page("git-web: a commit's diff", URI.create(commit + "%5E%21/")));
        pages.add(new Page("git-web: a log", linkOn(summary, "a[href*=/+log/]")));
        pages.add(new Page("git-web: a blame", linkOn(file, "a[href*=/+blame/]")));
        pages.add(new Page("git-web: branches and tags", linkOn(summary, "a[href$=/+refs]")));
        pages.add(new Page("git-web: a commit's CI", linkOn(commit, "a[href*=/+ci/]")));
        pages.add(new Page("git-web: a code search", git.resolve("/+search?q=contrail")));
        pages.add(new Page("git-web: files left out of code search", git.resolve("/+search/left-out")));
        pages.add(new Page("git-web: no such page", git.resolve("/no/such/page"), 404));
        return List.copyOf(pages);
    }

    /** A build whose page shows a known failure: the first hit of a signature's search, once it is classified. */
    private URI buildWithAKnownFailure(URI failures) {
        return await("a build with a known failure")
                .atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> {
                            for (Element search : page(failures).select("section.signature a[href^=/search]")) {
                                Element hit =
                                        page(URI.create(search.absUrl("href"))).selectFirst("a.hit-link");
                                if (hit != null) {
                                    URI folder = URI.create(hit.absUrl("href")).resolve("./");
                                    if (!page(folder)
                                            .select("section.known-failures")
                                            .isEmpty()) {
                                        return Optional.of(folder);
                                    }
                                }
                            }
                            return Optional.<URI>empty();
                        },
                        Optional::isPresent)
                .orElseThrow();
    }

    /** The first link on a page that the selector finds, once the page has one. */
    private URI linkOn(URI page, String selector) {
        return await("a link " + selector + " on " + page)
                .atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> Optional.ofNullable(page(page).selectFirst(selector))
                                .map(a -> URI.create(a.absUrl("href").replaceAll("#.*", ""))),
                        Optional::isPresent)
                .orElseThrow();
    }

    /** A page as a browser asks for it. */
    private Document page(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(uri)
                        .header("User-Agent", "Mozilla/5.0")
                        .header("Accept", "text/html")
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return Jsoup.parse(answer.body(), uri.toString());
    }
}
