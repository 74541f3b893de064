package org.opencontrail.web.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencontrail.web.deploy.LocalSuite.App;
import org.opencontrail.web.deploy.sandbox.FreezableProxy;
import org.opencontrail.web.deploy.sandbox.Sandbox;
import org.opencontrail.web.deploy.sandbox.ci.CiCatalog;
import org.opencontrail.web.deploy.sandbox.ci.SandboxChange;
import org.opencontrail.web.fixtures.Http;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The three sites as a person sees them: real jars, real Chromium. Opens each home page, follows
 * the navigation from site to site, checks the phone and dark layouts, and keeps a screenshot of
 * each site under target/screenshots.
 */
@ExtendWith(SandboxedSuite.class)
@Tag("browser")
@Tag("suite")
class SuiteBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static Sandbox sandbox;
    private static LocalSuite suite;
    private ChromeDriver browser;

    @BeforeAll
    static void useSuite(SandboxedSuite.Running running) {
        sandbox = running.sandbox();
        suite = running.suite();
    }

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start();
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void navigationLeadsFromEachSiteToTheOthers() throws IOException {
        browser.get(suite.url(App.STATUS).toString());
        assertOnSite("Status", App.STATUS);
        screenshot("status-web");

        navTo("Logs");
        assertOnSite("Logs", App.LOGS);
        screenshot("logs-web");

        navTo("Git");
        assertOnSite("Git", App.GIT);
        screenshot("git-web");

        navTo("Status");
        assertOnSite("Status", App.STATUS);
    }

    @Test
    void eachSiteShowsItsLiveFeedsFromTheSandboxCi() {
        for (App app : App.values()) {
            browser.get(suite.url(app).toString());
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        browser.navigate().refresh();
                        List<String> rows = browser.findElements(By.cssSelector("section.feeds tbody tr")).stream()
                                .map(WebElement::getText)
                                .toList();
                        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith("gerrit-stream connected"));
                        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith("zuul-status connected"));
                        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith("zuul-mqtt connected"));
                    });
        }
    }

    @Test
    void thePipelinesChangeOnThePageWithoutAReload() {
        browser.get(suite.url(App.STATUS).toString());
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    browser.navigate().refresh();
                    assertThat(browser.findElements(By.cssSelector("li.item"))).isNotEmpty();
                });
        browser.executeScript("window.loadedOnce = true;");
        String before = (String) browser.executeScript("return document.querySelector('.pipelines').innerText;");

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !before.equals(
                        browser.executeScript("return document.querySelector('.pipelines').innerText;")));

        assertThat((Boolean) browser.executeScript("return window.loadedOnce === true;"))
                .as("no reload happened")
                .isTrue();
        assertThat(browser.findElement(By.tagName("html")).getAttribute("data-stream"))
                .isEqualTo("open");

        browser.findElement(By.tagName("body")).sendKeys("/");
        assertThat(browser.switchTo().activeElement().getAttribute("name"))
                .as("'/' jumps to the search box")
                .isEqualTo("q");
    }

    @Test
    void aCutStreamReconnectsAndResumesWhereItLeftOff() throws IOException {
        try (FreezableProxy proxy = new FreezableProxy(suite.url(App.STATUS).getPort())) {
            browser.get("http://127.0.0.1:" + proxy.port() + "/");
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        browser.navigate().refresh();
                        assertThat(browser.findElements(By.cssSelector("li.item")))
                                .isNotEmpty();
                        assertThat(browser.findElement(By.tagName("html")).getAttribute("data-stream"))
                                .isEqualTo("open");
                    });
            browser.executeScript("window.loadedOnce = true;");

            proxy.cutOpenConnections();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() ->
                            "2".equals(browser.findElement(By.tagName("html")).getAttribute("data-stream-opens")));
            String before = (String) browser.executeScript("return document.querySelector('.pipelines').innerText;");
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> !before.equals(
                            browser.executeScript("return document.querySelector('.pipelines').innerText;")));

            WebElement html = browser.findElement(By.tagName("html"));
            assertThat(html.getAttribute("data-stream")).isEqualTo("open");
            assertThat(html.getAttribute("data-stream-resets"))
                    .as("resumed by Last-Event-ID, no fresh snapshot needed")
                    .isNull();
            assertThat((Boolean) browser.executeScript("return window.loadedOnce === true;"))
                    .as("no reload happened")
                    .isTrue();
            assertThat(browser.findElement(By.cssSelector(".stream-state")).isDisplayed())
                    .isTrue();
        }
    }

    @Test
    void aChangeShowsItsCrossRepositoryGroupFromTheSandbox() throws IOException {
        Http http = Http.plain();
        int[] pair = new int[2];
        await().atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    List<SandboxChange> changes = sandbox.ci().changes();
                    for (SandboxChange change : changes) {
                        for (SandboxChange needed : changes) {
                            if (change.dependsOn().contains(needed.changeId())
                                    && groupOf(http, change.number()).contains("\"number\":" + needed.number() + ",")) {
                                pair[0] = change.number();
                                pair[1] = needed.number();
                                return true;
                            }
                        }
                    }
                    return false;
                });

        browser.get(suite.url(App.STATUS).resolve("/change/" + pair[0]).toString());
        WebElement needed = browser.findElement(By.cssSelector("tr.member[data-change='" + pair[1] + "']"));
        assertThat(needed.getText()).contains("Depends-On");
        assertThat(browser.findElements(By.cssSelector("tr.member.self[data-change='" + pair[0] + "']")))
                .hasSize(1);
        screenshot("status-web-change");

        browser.findElement(By.cssSelector("tr.member[data-change='" + pair[1] + "'] a"))
                .click();
        assertThat(browser.findElement(By.cssSelector("tr.member[data-change='" + pair[0] + "']"))
                        .getText())
                .as("the group is the same seen from the change needed")
                .contains("Depends-On");
    }

    private String groupOf(Http http, int change) throws IOException, InterruptedException {
        HttpResponse<String> response = http.get(suite.url(App.STATUS).resolve("/api/change/" + change));
        return response.statusCode() == 200 ? response.body() : "";
    }

    @Test
    void pagesFitAPhoneScreen() throws IOException {
        browser.manage().window().setSize(new Dimension(360, 740));
        for (Map.Entry<App, String> site : Map.of(App.STATUS, "status-web", App.LOGS, "logs-web", App.GIT, "git-web")
                .entrySet()) {
            browser.get(suite.url(site.getKey()).toString());
            long viewport = (Long) browser.executeScript("return document.documentElement.clientWidth;");
            long content = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
            Object wide = browser.executeScript(
                    "return Array.from(document.querySelectorAll('body *'))"
                            + ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
                            + ".slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ');");
            assertThat(content)
                    .as(site.getValue() + " scrolls sideways at 360 px: " + wide)
                    .isLessThanOrEqualTo(viewport);
            assertThat(browser.findElements(By.cssSelector("nav.site-nav a")))
                    .allSatisfy(link -> assertThat(link.isDisplayed()).isTrue());
            screenshot(site.getValue() + "-phone");
        }
    }

    @Test
    void darkSchemeFollowsTheSystemSetting() throws IOException {
        browser.get(suite.url(App.LOGS).toString());
        String light = backgroundOfBody();

        browser.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                Map.of("features", java.util.List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        browser.navigate().refresh();
        String dark = backgroundOfBody();

        assertThat(light).isEqualTo("rgb(255, 255, 255)");
        assertThat(dark).isNotEqualTo(light).isEqualTo("rgb(15, 23, 32)");
        screenshot("logs-web-dark");
    }

    private String backgroundOfBody() {
        return (String) browser.executeScript("return getComputedStyle(document.body).backgroundColor;");
    }

    private void navTo(String label) {
        browser.findElement(By.linkText(label)).click();
    }

    private void assertOnSite(String label, App app) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.getCurrentUrl().startsWith(suite.url(app).toString()));
        WebElement current = browser.findElement(By.cssSelector("nav.site-nav a[aria-current=page]"));
        assertThat(current.getText()).isEqualTo(label);
        assertThat(browser.findElement(By.cssSelector("header .site-name")).getText())
                .isEqualTo("OpenContrail");
        assertThat(browser.getTitle()).contains("OpenContrail " + label);
        WebElement logo = browser.findElement(By.cssSelector("header img.site-logo"));
        assertThat((Boolean)
                        browser.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0;", logo))
                .as("the logo loads")
                .isTrue();
    }

    private static int status(String url) {
        Http http = Http.plain().timeout(Duration.ofSeconds(5));
        try {
            return http.send(http.request(url), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }

    @Test
    void gitWebMirrorsEverySandboxProjectAndShowsAPushWithinTwoSeconds() {
        String git = suite.url(App.GIT).toString().replaceAll("/$", "");
        List<String> projects =
                sandbox.ci().publicProjects().stream().map(p -> p.name()).toList();
        await().atMost(Duration.ofSeconds(90))
                .until(() -> projects.stream().allMatch(p -> status(git + "/" + p + "/") == 200));
        Map.Entry<String, String> pushed = sandbox.ci().pushStraightToMaster();
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> status(git + "/" + pushed.getKey() + "/+/" + pushed.getValue()) == 200);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis)
                .as("the push is on git-web %d ms after the event", millis)
                .isLessThan(2000);
        // and, having no review, it is flagged as pushed straight to the branch
        await().atMost(Duration.ofSeconds(10))
                .until(() -> body(git + "/" + pushed.getKey() + "/+ci/" + pushed.getValue() + "?format=JSON")
                        .contains("\"unreviewed\" : true"));
    }

    private static String body(String url) {
        try {
            return Http.plain().timeout(Duration.ofSeconds(10)).get(url).body();
        } catch (UncheckedIOException e) {
            return "";
        }
    }

    @Test
    void gitWebPagesWorkInTheBrowser() throws IOException {
        String git = suite.url(App.GIT).toString().replaceAll("/$", "");
        String project = sandbox.ci().projects().get(0).name();
        await().atMost(Duration.ofSeconds(90)).until(() -> status(git + "/" + project + "/") == 200);
        browser.get(git + "/");
        WebElement filter = browser.findElement(By.cssSelector("input.portal-filter"));
        filter.sendKeys(project.substring(project.indexOf('/') + 1));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> browser.findElements(By.cssSelector("tr.project")).stream()
                                .filter(WebElement::isDisplayed)
                                .count()
                        == 1);
        screenshot("git-web-portal");
        browser.findElements(By.cssSelector("tr.project")).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElseThrow()
                .findElement(By.cssSelector("td.name a"))
                .click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.getCurrentUrl().endsWith("/" + project + "/"));
        assertThat(browser.findElement(By.cssSelector("#clone-url")).getAttribute("value"))
                .isEqualTo("git clone " + git + "/" + project);
        browser.get(git + "/" + project + "/+/master/README.md#L1");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.cssSelector(".source.highlighted"))
                        .isEmpty());
        assertThat(browser.findElements(By.cssSelector(".source td.src span[class^=hljs-]")))
                .isNotEmpty();
        assertThat(browser.findElement(By.id("L1")).getAttribute("class")).contains("selected");
        screenshot("git-web-blob");
        browser.get(git + "/" + project + "/+/master/");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.cssSelector("table.entries td.last a"))
                        .isEmpty());
        assertThat(browser.findElement(By.cssSelector("table.entries td.last a"))
                        .getAttribute("href"))
                .matches(".*/\\+/[0-9a-f]{40}");
        screenshot("git-web-tree");
        browser.get(git + "/" + project + "/+log/master");
        assertThat(browser.findElements(By.cssSelector("table.commits tbody tr")))
                .isNotEmpty();
        browser.findElement(By.cssSelector("table.commits td.id a")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.cssSelector("h2.commit-subject"))
                        .isEmpty());
        screenshot("git-web-commit");
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void logsWebStoresTheSandboxsFinishedBuildsByItself() throws Exception {
        Map<String, String> endpoints = sandbox.endpoints();
        String zuul = endpoints.get("ZUUL_URL");
        Http http = Http.plain();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        // One build whose logs have a zuul-manifest.json and one whose logs are read from the directory index.
        // A build reaches logs-web with its buildset's report, after the buildset's last job: of each
        // kind, any finished build Zuul lists will do, the first logs-web has stored.
        Map<Boolean, java.util.Set<String>> seen = new java.util.concurrent.ConcurrentHashMap<>();
        Map<Boolean, com.fasterxml.jackson.databind.JsonNode> stored = new java.util.concurrent.ConcurrentHashMap<>();
        try {
            await("logs-web stored a finished sandbox build of both kinds")
                    .atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .until(() -> {
                        var builds = json.readTree(http.get((zuul.endsWith("/") ? zuul : zuul + "/") + "api/tenant/"
                                        + endpoints.get("ZUUL_TENANT") + "/builds?limit=50")
                                .body());
                        for (var build : builds) {
                            // a hidden project's builds are never stored: logs-web withholds them
                            if (!build.path("log_url").asText().isEmpty()
                                    && !build.at("/ref/project").asText().equals(CiCatalog.HIDDEN_PROJECT)) {
                                String uuid = build.path("uuid").asText();
                                seen.computeIfAbsent(
                                                org.opencontrail.web.deploy.sandbox.ci.SandboxLogs.hasManifest(uuid),
                                                k -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                                        .add(uuid);
                            }
                        }
                        for (Map.Entry<Boolean, java.util.Set<String>> kind : seen.entrySet()) {
                            for (String uuid : kind.getValue()) {
                                if (stored.containsKey(kind.getKey())) {
                                    break;
                                }
                                HttpResponse<String> answer =
                                        http.get(suite.url(App.LOGS).resolve("/api/builds/" + uuid));
                                var record = json.readTree(answer.body());
                                if (answer.statusCode() == 200
                                        && record.path("state").asText().equals("done")) {
                                    stored.put(kind.getKey(), record);
                                }
                            }
                        }
                        return stored.size() == 2;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "finished builds Zuul listed, by whether they have a manifest: " + seen
                            + "; of them, logs-web stored: " + stored.keySet(),
                    e);
        }
        for (Map.Entry<Boolean, com.fasterxml.jackson.databind.JsonNode> kind : stored.entrySet()) {
            var record = kind.getValue();
            var files = record.path("files").findValuesAsText("path");
            assertThat(files).contains("job-output.txt", "logs/syslog.txt", "logs/contrail-control.log");
            if (kind.getKey()) {
                assertThat(files).contains("zuul-manifest.json");
            } else {
                assertThat(files).as("read from the directory index").doesNotContain("zuul-manifest.json");
            }
            assertThat(record.path("source").asText()).isIn("mqtt", "builds-api");
        }
    }

    /**
     * From status-web's overview a running job leads to its console on logs-web, whose lines come as
     * the sandbox's job writes them (through Zuul's console stream); when the build ends and its logs
     * are stored, the page becomes its stored log, which starts with the lines it showed.
     */
    @Test
    void aRunningJobsConsoleIsLiveOnLogsWebAndBecomesItsStoredLog() {
        String stream = suite.url(App.LOGS).resolve("/stream/").toString();
        for (int attempt = 1; ; attempt++) {
            String[] href = {null};
            await("a running job on the overview, linked to its live console")
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .until(() -> {
                        browser.get(suite.url(App.STATUS).toString());
                        // the job that started last: the most of its run, and of its console, is ahead
                        long latest = -1;
                        href[0] = null;
                        for (WebElement job : browser.findElements(By.cssSelector("li.job[data-started]"))) {
                            var links = job.findElements(By.cssSelector("a.job-name[href*='/stream/']"));
                            long started = Long.parseLong(job.getAttribute("data-started"));
                            if (!links.isEmpty() && started > latest) {
                                latest = started;
                                href[0] = links.get(0).getAttribute("href");
                            }
                        }
                        return href[0] != null;
                    });
            assertThat(href[0]).startsWith(stream);
            browser.get(href[0]);
            List<String> live = new java.util.ArrayList<>();
            try {
                await("the page becomes the build's stored log")
                        .atMost(Duration.ofSeconds(150))
                        .pollInterval(Duration.ofMillis(200))
                        .ignoreExceptions()
                        .until(() -> {
                            if (browser.getCurrentUrl().startsWith(stream)) {
                                List<String> lines =
                                        browser.findElements(By.cssSelector("pre.log.live span.line")).stream()
                                                .map(WebElement::getText)
                                                .toList();
                                if (lines.size() > live.size()) {
                                    live.clear();
                                    live.addAll(lines);
                                }
                                return false;
                            }
                            return browser.getCurrentUrl().contains("job-output.txt");
                        });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                if (attempt < 5) {
                    continue; // its item left the queue before the build ended (a gate reset): another one
                }
                throw e;
            }
            if (live.isEmpty() && attempt < 5) {
                continue; // it ended before its page showed a line: another one
            }
            assertThat(live).as("lines shown live").isNotEmpty();
            List<String> stored = browser.findElements(By.cssSelector("pre.log span.line")).stream()
                    .map(WebElement::getText)
                    .toList();
            assertThat(stored.size()).isGreaterThanOrEqualTo(live.size());
            assertThat(stored.subList(0, live.size()))
                    .as("the stored log starts with what was live")
                    .isEqualTo(live);
            return;
        }
    }

    @Test
    void aFailedBuildsLogIsReadInTheBrowserFromLineToLine() throws Exception {
        Map<String, String> endpoints = sandbox.endpoints();
        String zuul = endpoints.get("ZUUL_URL");
        Http http = Http.plain();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String[] root = {null};
        await("a failed sandbox build stored by logs-web")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> {
                    var builds = json.readTree(http.get((zuul.endsWith("/") ? zuul : zuul + "/") + "api/tenant/"
                                    + endpoints.get("ZUUL_TENANT") + "/builds?result=FAILURE&limit=20")
                            .body());
                    for (var build : builds) {
                        var record = json.readTree(http.get(suite.url(App.LOGS)
                                        .resolve("/api/builds/"
                                                + build.path("uuid").asText()))
                                .body());
                        if (record.path("state").asText().equals("done")) {
                            root[0] = record.path("root").asText();
                            return true;
                        }
                    }
                    return false;
                });
        browser.get(
                suite.url(App.LOGS).resolve("/" + root[0] + "job-output.txt").toString());
        WebElement log = browser.findElement(By.cssSelector("pre.log"));
        assertThat(log.findElements(By.cssSelector("span.line"))).hasSizeGreaterThan(10);

        assertThat(browser.findElements(By.cssSelector(".level-bar .level-part")))
                .as("the lines by level, drawn")
                .isNotEmpty();
        String time = browser.findElement(By.id("L5")).getAttribute("data-time");
        browser.get(
                suite.url(App.LOGS).resolve("/" + root[0] + "job-output.txt").toString() + "#t="
                        + java.net.URLEncoder.encode(time, java.nio.charset.StandardCharsets.UTF_8)
                                .replace("+", "%20"));
        await("the line of that time")
                .atMost(Duration.ofSeconds(5))
                .until(() -> browser.findElements(By.cssSelector("span.line.selected")).stream()
                        .findFirst()
                        .map(line -> Integer.parseInt(line.getAttribute("id").substring(1)) <= 5)
                        .orElse(false));

        browser.findElement(By.tagName("body")).sendKeys("e");
        await("the first error")
                .atMost(Duration.ofSeconds(5))
                .until(() -> browser.getCurrentUrl().matches(".*#L\\d+$"));
        String first = browser.getCurrentUrl().replaceAll(".*#", "");
        WebElement error = browser.findElement(By.id(first));
        assertThat(error.getAttribute("class")).contains("lvl-error").contains("selected");

        // As a reader sees them: in the middle of the window, not under the sticky tools.
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", browser.findElement(By.id("L3")));
        browser.findElement(By.cssSelector("#L2 a.ln")).click();
        assertThat(browser.getCurrentUrl()).endsWith("#L2");
        new org.openqa.selenium.interactions.Actions(browser)
                .keyDown(org.openqa.selenium.Keys.SHIFT)
                .click(browser.findElement(By.cssSelector("#L4 a.ln")))
                .keyUp(org.openqa.selenium.Keys.SHIFT)
                .perform();
        assertThat(browser.getCurrentUrl()).endsWith("#L2-L4");
        assertThat(browser.findElements(By.cssSelector("span.line.selected"))).hasSize(3);

        screenshot("logs-web-log");
        browser.manage().window().setSize(new Dimension(360, 740));
        long content = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
        long viewport = (Long) browser.executeScript("return document.documentElement.clientWidth;");
        assertThat(content).as("no horizontal scroll on a phone").isLessThanOrEqualTo(viewport);
        screenshot("logs-web-log-phone");
    }

    @Test
    void theSandboxsLogsAreSearchedAndItsFailuresKnownInTheBrowser() throws Exception {
        Http http = Http.plain();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        await("failed sandbox builds indexed")
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> json.readTree(http.get(suite.url(App.LOGS)
                                                .resolve("/api/search?size=1&q="
                                                        + java.net.URLEncoder.encode(
                                                                "tags:console AND message:\"ERROR: the build of\"",
                                                                java.nio.charset.StandardCharsets.UTF_8)))
                                        .body())
                                .path("total")
                                .asLong()
                        >= 2);

        browser.get(suite.url(App.LOGS).resolve("/search").toString());
        WebElement box = browser.findElement(By.id("q"));
        box.sendKeys("tag");
        await("field completion")
                .atMost(Duration.ofSeconds(5))
                .until(() -> browser.findElements(By.cssSelector("#suggestions li")).stream()
                        .anyMatch(li -> li.getText().startsWith("tags:")));
        box.sendKeys(
                org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"),
                "tags:console AND message:\"ERROR: the build of\"",
                org.openqa.selenium.Keys.ENTER);
        await("hits")
                .atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.cssSelector("li.hit")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".search-summary")).getText())
                .contains("lines");
        WebElement chart = browser.findElement(By.cssSelector(".histogram svg.chart"));
        assertThat(chart.getSize().getWidth()).as("the histogram is drawn").isGreaterThan(100);
        assertThat(browser.findElements(By.cssSelector(".histogram svg rect"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("li.hit mark.hit-line mark"))
                        .getText())
                .isNotEmpty();
        browser.findElement(By.tagName("body")).sendKeys("j");
        assertThat(browser.switchTo().activeElement().getAttribute("class")).contains("hit");
        screenshot("logs-web-search");

        browser.findElement(By.cssSelector(".facets a")).click();
        await("a narrowed search")
                .atMost(Duration.ofSeconds(10))
                .until(() -> browser.getCurrentUrl().contains("AND"));
        assertThat(browser.findElements(By.cssSelector("li.hit"))).isNotEmpty();
        browser.findElement(By.cssSelector("li.hit a.hit-link")).click();
        await("the line in the viewer")
                .atMost(Duration.ofSeconds(10))
                .until(() -> browser.getCurrentUrl().matches(".*#L\\d+$"));

        browser.get(suite.url(App.LOGS).resolve("/failures").toString());
        assertThat(browser.findElements(By.cssSelector("section.signature"))).hasSizeGreaterThanOrEqualTo(4);
        assertThat(browser.findElement(By.cssSelector(".classification")).getText())
                .contains("failed builds");
        screenshot("logs-web-failures");

        browser.manage().window().setSize(new Dimension(360, 740));
        browser.get(suite.url(App.LOGS).resolve("/search?q=tags%3Aconsole").toString());
        long content = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
        long viewport = (Long) browser.executeScript("return document.documentElement.clientWidth;");
        assertThat(content).as("search fits a phone").isLessThanOrEqualTo(viewport);
        browser.manage().window().setSize(new Dimension(1280, 900));
    }
}
