package org.opencontrail.web.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencontrail.web.deploy.LocalSuite.App;
import org.opencontrail.web.deploy.sandbox.Sandbox;
import org.opencontrail.web.fixtures.Http;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * What a visitor's browser enforces: every kind of page of every site, reached by following links
 * from the home pages, loads under the sites' Content-Security-Policy without a single refusal, and
 * stored content that carries script (an HTML test report, an SVG) is shown without running it.
 */
@ExtendWith(SandboxedSuite.class)
@Tag("browser")
@Tag("suite")
class PageSecurityBrowserTest {

    /** Links not followed: streams, downloads, clones and stored files, which are not pages. */
    private static final Pattern NOT_A_PAGE = Pattern.compile(
            "[?&]raw\\b|format=|/\\+archive/|/\\+raw/|\\.tar\\.gz$|\\.zip$|/api/stream|/info/refs|/prometheus|\\.atom$|/upload");

    private static final int PAGES_PER_SITE = 60;
    private static final String SVG_KEY = "periodic-security/diagram.svg";

    private static Sandbox sandbox;
    private static LocalSuite suite;
    private static ChromeDriver browser;
    private final Http http = Http.plain();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void useSuite(SandboxedSuite.Running running) {
        sandbox = running.sandbox();
        suite = running.suite();
        browser = Chromium.start();
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void closeBrowser() {
        browser.quit();
    }

    @Test
    void noKindOfPageOfAnySiteBreaksItsContentSecurityPolicy() throws Exception {
        String root = doneUnitTestBuild();
        await("every sandbox project mirrored")
                .atMost(Duration.ofSeconds(90))
                .until(() -> sandbox.ci().publicProjects().stream()
                        .allMatch(p -> status(suite.url(App.GIT).resolve("/" + p.name() + "/")) == 200));
        List<URI> start = new ArrayList<>();
        for (App app : App.values()) {
            start.add(suite.url(app));
        }
        start.add(suite.url(App.LOGS).resolve("/" + root + "job-output.txt"));

        Map<String, List<String>> refusals = new HashMap<>();
        Set<URI> visited = crawl(start, (page, console) -> {
            List<String> refused = console.stream()
                    .map(LogEntry::getMessage)
                    .filter(m -> m.contains("Content Security Policy")
                            || m.contains("Refused to")
                            || m.contains("did not load"))
                    .toList();
            if (!refused.isEmpty()) {
                refusals.put(page.toString(), refused);
            }
        });

        assertThat(visited).as("pages of each site visited").hasSizeGreaterThan(30);
        assertThat(visited.stream().map(URI::getPort).distinct()).hasSize(3);
        assertThat(refusals).as("what the browser refused, by page").isEmpty();
        for (URI page : visited) {
            HttpResponse<Void> answer = http.send(http.request(page), HttpResponse.BodyHandlers.discarding());
            assertThat(answer.headers().firstValue("Content-Security-Policy"))
                    .as(page.toString())
                    .hasValueSatisfying(csp -> assertThat(csp)
                            .contains("default-src 'self'", "frame-ancestors 'none'")
                            .doesNotContain("unsafe-inline"));
            assertThat(answer.headers().firstValue("X-Content-Type-Options"))
                    .as(page.toString())
                    .hasValue("nosniff");
            assertThat(answer.headers().firstValue("Referrer-Policy"))
                    .as(page.toString())
                    .hasValue("same-origin");
            assertThat(answer.headers().firstValue("Cross-Origin-Opener-Policy"))
                    .as(page.toString())
                    .hasValue("same-origin");
        }
    }

    @Test
    void aStoredHtmlReportIsShownWithoutRunningItsScript() throws Exception {
        String root = doneUnitTestBuild();

        browser.get(suite.url(App.LOGS)
                .resolve("/" + root + "logs/testr_results.html?raw")
                .toString());

        assertThat(browser.findElement(org.openqa.selenium.By.tagName("h1")).getText())
                .isEqualTo("Unit Test Report");
        assertThat(browser.getTitle()).as("its load handler never ran").isEqualTo("Unit Test Report");
        assertThat(browser.executeScript("return typeof window.showCase;")).isEqualTo("undefined");
        assertThat(browser.executeScript("return window.origin;"))
                .as("an opaque origin, not the site's")
                .isEqualTo("null");
    }

    @Test
    void aStoredSvgWithAScriptIsShownWithoutRunningIt() throws Exception {
        String svg = """
                <svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#369"/>
                <script>document.documentElement.setAttribute('data-ran', 'yes'); fetch('/api/builds');</script></svg>
                """;
        HttpResponse<String> stored = http.put(
                suite.url(App.LOGS).resolve("/upload/" + SVG_KEY).toString(),
                HttpRequest.BodyPublishers.ofString(svg, StandardCharsets.UTF_8),
                "Authorization",
                "Bearer " + SandboxedSuite.UPLOAD_TOKEN,
                "Content-Type",
                "image/svg+xml");
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);

        browser.get(suite.url(App.LOGS).resolve("/" + SVG_KEY + "?raw").toString());

        assertThat(browser.executeScript("return document.documentElement.localName;"))
                .isEqualTo("svg");
        assertThat(browser.executeScript("return document.documentElement.getAttribute('data-ran');"))
                .isNull();
        assertThat(browser.executeScript("return window.origin;")).isEqualTo("null");
    }

    /** What a page showed in the console while it loaded. */
    @FunctionalInterface
    private interface PageCheck {
        void check(URI page, List<LogEntry> console);
    }

    /**
     * Visits, breadth first, one page of each kind (its address with names and numbers masked)
     * reachable from {@code start} on the suite's sites, up to a number per site.
     */
    private Set<URI> crawl(List<URI> start, PageCheck check) {
        Set<Integer> ports = new LinkedHashSet<>();
        for (App app : App.values()) {
            ports.add(suite.url(app).getPort());
        }
        SiteWalk.Frontier frontier = new SiteWalk.Frontier(start, ports, NOT_A_PAGE, 1, PAGES_PER_SITE);
        Set<URI> visited = new LinkedHashSet<>();
        for (Optional<URI> next = frontier.next(); next.isPresent(); next = frontier.next()) {
            URI page = next.get();
            browser.manage().logs().get(LogType.BROWSER); // drop what earlier pages left
            visited.add(page);
            try {
                browser.get(page.toString());
            } catch (TimeoutException e) {
                check.check(
                        page,
                        List.of(new LogEntry(
                                Level.SEVERE, System.currentTimeMillis(), "the page did not load in time")));
                continue;
            }
            // a link inside an SVG chart has an SVGAnimatedString for its href: its attribute is read instead
            @SuppressWarnings("unchecked")
            List<String> links =
                    (List<String>) browser.executeScript("return Array.from(document.querySelectorAll('a[href]'))"
                            + ".map(a => new URL(a.getAttribute('href'), document.baseURI).href.split('#')[0]);");
            List<LogEntry> console =
                    new ArrayList<>(browser.manage().logs().get(LogType.BROWSER).getAll());
            if (Boolean.TRUE.equals(
                    browser.executeScript(
                            "return document.contentType !== 'text/html' && document.body != null && document.body.innerText.startsWith('<!DOCTYPE html');"))) {
                // a page labelled with another type, which a browser that may not sniff shows as text
                console.add(new LogEntry(
                        Level.SEVERE,
                        System.currentTimeMillis(),
                        "Refused to show a page labelled " + browser.executeScript("return document.contentType;")
                                + " as HTML"));
            }
            check.check(page, console);
            frontier.add(links);
        }
        return visited;
    }

    /** The store folder of a unit test build logs-web has stored (its logs have an HTML report). */
    private String doneUnitTestBuild() {
        String zuul = sandbox.endpoints().get("ZUUL_URL");
        String builds = (zuul.endsWith("/") ? zuul : zuul + "/") + "api/tenant/"
                + sandbox.endpoints().get("ZUUL_TENANT")
                + "/builds?job_name=contrail-vnc-build-unittest-ubuntu-trusty&limit=20";
        String[] root = {null};
        await("a unit test build stored by logs-web")
                .atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> {
                    for (JsonNode build : json.readTree(get(URI.create(builds)))) {
                        JsonNode record = json.readTree(get(suite.url(App.LOGS)
                                .resolve("/api/builds/" + build.path("uuid").asText())));
                        if (record.path("state").asText().equals("done")
                                && record.path("files").findValuesAsText("path").contains("logs/testr_results.html")) {
                            root[0] = record.path("root").asText();
                            return true;
                        }
                    }
                    return false;
                });
        return root[0];
    }

    private String get(URI uri) {
        return http.timeout(Duration.ofSeconds(10)).get(uri).body();
    }

    private int status(URI uri) {
        Http quick = http.timeout(Duration.ofSeconds(5));
        try {
            return quick.send(quick.request(uri), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }
}
