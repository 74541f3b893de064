package org.opencontrail.web.logs.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.shared.http.SecurityHeaders;

/** Stored files read in the browser and by tools: levels, filters, anchors, colours, encodings, binaries, hostile text. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogViewTest implements TestPropertyProvider {

    static final String BUILD = "87/52287/2/gate/gate-tempest-dsvm-full/df70dd4/";

    @Inject
    EmbeddedServer server;

    @Inject
    LogStore store;

    @Inject
    RenderedHeads heads;

    private final Http http = Http.plain();

    @Override
    public java.util.Map<String, String> getProperties() {
        return org.opencontrail.web.logs.TemporaryLogsDir.properties("log-view-test");
    }

    static byte[] fixture(String path) throws IOException {
        try (InputStream in = LogViewTest.class.getResourceAsStream("/logs/" + path)) {
            return in.readAllBytes();
        }
    }

    private void put(String path, byte[] content) throws IOException {
        store.put(BUILD + path, new ByteArrayInputStream(content), null);
    }

    @BeforeAll
    void storeABuild() throws IOException {
        put("logs/screen-c-api.txt.gz", fixture("openstack-os-loganalyze/screen-c-api.txt.gz"));
        put("logs/devstack@c-api.service.log.txt", fixture("openstack-os-loganalyze/devstack@c-api.service.log.txt"));
        put("job-output.txt", fixture("jenkins-ansicolor-plugin/testlog.log"));
        put("logs/sjis.log", fixture("encodings-fluent-bit/generic_enc_sjis.log"));
        put("logs/utf16.log", fixture("encodings-fluent-bit/unicode_be_j.log"));
        put("logs/empty.html", new byte[0]);
        put("logs/<img src=x onerror=alert(3)>.txt", "harmless\n".getBytes(StandardCharsets.UTF_8));
        put("logs/page.html", "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8));
        byte[] binary = new byte[4096];
        new java.util.Random(3).nextBytes(binary);
        binary[10] = 0;
        put("logs/core.dump", binary);
        put("logs/testr.txt", fixture("zuul-logjuicer-tests/testr-nodepool-01/output.fail"));
        put(
                "logs/java.log",
                ("2017-01-01 12:00:00,123 ERROR [main] org.example.Service - failed\n"
                                + "java.lang.IllegalStateException: broken\n\tat org.example.Service.run(Service.java:42)\n"
                                + "\tat java.base/java.lang.Thread.run(Thread.java:833)\nCaused by: java.io.IOException: gone\n"
                                + "\t... 2 more\n2017-01-01 12:00:01,000 INFO  [main] org.example.Service - recovered\n")
                        .getBytes(StandardCharsets.UTF_8));
        put(
                "logs/hostile.txt",
                ("2026-11-24 10:00:00.000 1 ERROR x <script>alert(1)</script>\n"
                                + "\"><img src=x onerror=alert(2)> & more\n" + "x".repeat(30_000) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        if (headers.length == 0) {
            return http.get(
                    server.getURL() + path, "Accept", "text/html,application/xhtml+xml", "User-Agent", "Mozilla/5.0");
        }
        return http.get(server.getURL() + path, headers);
    }

    private Document page(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return Jsoup.parse(response.body());
    }

    @Test
    void anOsloLogShowsEachLineWithItsLevelAndAnchor() throws Exception {
        Document log = page("/" + BUILD + "logs/screen-c-api.txt.gz");
        List<Element> lines = log.select("pre.log > span.line");
        assertThat(lines).as("3695 lines, each ending in LF").hasSize(3695);
        Element first = log.getElementById("L1");
        assertThat(first.select("a.ln").attr("href")).isEqualTo("#L1");
        assertThat(log.select("span.line.lvl-debug")).hasSizeGreaterThan(1000);
        assertThat(log.select("span.line.lvl-info")).isNotEmpty();
        assertThat(log.getElementById("L497").className())
                .contains("lvl-debug"); // "TRACE" inside the message is not its level
        assertThat(log.getElementById("L497").attr("data-time")).isEqualTo("2013-09-27 18:22:36.038");
        assertThat(log.select(".build-summary").text()).contains("52287,2").contains("gate-tempest-dsvm-full");
    }

    @Test
    void theLevelFilterKeepsTheOriginalLineNumbers() throws Exception {
        Document all = page("/" + BUILD + "logs/devstack@c-api.service.log.txt");
        assertThat(all.getElementById("L3").className()).contains("lvl-warning");
        assertThat(all.getElementById("L4").className()).contains("lvl-debug");
        assertThat(all.getElementById("L7").className()).contains("lvl-info");
        Document warnings = page("/" + BUILD + "logs/devstack@c-api.service.log.txt?level=WARNING");
        assertThat(warnings.select("span.line"))
                .isNotEmpty()
                .allSatisfy(
                        line -> assertThat(line.className()).containsAnyOf("lvl-warning", "lvl-error", "lvl-critical"));
        assertThat(warnings.getElementById("L3")).isNotNull();
        assertThat(warnings.getElementById("L4")).isNull();
        assertThat(warnings.select("select#level option[selected]").attr("value"))
                .isEqualTo("WARNING");
    }

    @Test
    void ansiColoursBecomeClassesAndJenkinsNotesDisappear() throws Exception {
        HttpResponse<String> response = get("/" + BUILD + "job-output.txt");
        assertThat(response.body())
                .doesNotContain("\u001b")
                .doesNotContain("ha:////")
                .doesNotContain("[0m");
        Document log = Jsoup.parse(response.body());
        assertThat(log.select("pre.log").text()).contains("[Pipeline] Start of Pipeline");
        assertThat(log.select("pre.log span[class^=ansi-]")).isNotEmpty();
    }

    @Test
    void textThatIsNotUtf8StillShows() throws Exception {
        Document sjis = page("/" + BUILD + "logs/sjis.log");
        assertThat(sjis.select("pre.log span.line")).isNotEmpty();
        assertThat(sjis.select(".file-facts").text()).contains("windows-1252");
        Document utf16 = page("/" + BUILD + "logs/utf16.log");
        assertThat(utf16.select(".file-facts").text()).contains("UTF-16BE");
        String text = utf16.select("pre.log").text();
        assertThat(text).doesNotContain("\u0000").isNotBlank();
    }

    @Test
    void aBuildsFolderIsAnHtmlPage() throws Exception {
        // what Chromium asks for when it opens a page
        HttpResponse<String> folder = get(
                "/" + BUILD,
                "Accept",
                "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
                        + "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
                "User-Agent",
                "Mozilla/5.0");

        assertThat(folder.statusCode()).isEqualTo(200);
        assertThat(folder.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(folder.body()).startsWith("<!DOCTYPE html>");
    }

    @Test
    void hostileTextIsShownNotRun() throws Exception {
        HttpResponse<String> response = get("/" + BUILD + "logs/hostile.txt");
        assertThat(response.body())
                .doesNotContain("<script>alert(1)")
                .doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        csp -> assertThat(csp).contains("default-src 'self'").doesNotContain("unsafe-inline"));
        Document log = Jsoup.parse(response.body());
        assertThat(log.getElementById("L1").className()).contains("lvl-error");
        assertThat(log.getElementById("L3").select("details.fold summary").text())
                .isEqualTo("20,000 more characters");

        HttpResponse<String> html = get("/" + BUILD + "logs/page.html?raw");
        assertThat(html.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.STORED_CONTENT);
        assertThat(html.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void binaryFilesAreOfferedNotRendered() throws Exception {
        Document binary = page("/" + BUILD + "logs/core.dump");
        assertThat(binary.select("pre.log")).isEmpty();
        assertThat(binary.select(".binary-note a[download]").attr("href")).endsWith("core.dump?raw");
    }

    @Test
    void toolsGetTheOriginalBytesWholeOrByRange() throws Exception {
        byte[] plain = fixture("openstack-os-loganalyze/screen-c-api.txt");
        HttpResponse<byte[]> curl = http.bytes(
                server.getURL() + "/" + BUILD + "logs/screen-c-api.txt.gz",
                "User-Agent",
                "curl/8.5.0",
                "Accept",
                "*/*");
        assertThat(curl.statusCode()).isEqualTo(200);
        assertThat(curl.body()).isEqualTo(plain);
        assertThat(curl.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));

        HttpResponse<byte[]> text =
                http.bytes(server.getURL() + "/" + BUILD + "logs/screen-c-api.txt.gz", "Accept", "text/plain");
        assertThat(text.body()).isEqualTo(plain);

        HttpResponse<byte[]> range =
                http.bytes(server.getURL() + "/" + BUILD + "logs/screen-c-api.txt.gz?raw", "Range", "bytes=100-199");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 100-199/" + plain.length);
        assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(plain, 100, 200));
        HttpResponse<byte[]> tail =
                http.bytes(server.getURL() + "/" + BUILD + "logs/screen-c-api.txt.gz?raw", "Range", "bytes=-50");
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(plain, plain.length - 50, plain.length));
        HttpResponse<byte[]> beyond =
                http.bytes(server.getURL() + "/" + BUILD + "logs/screen-c-api.txt.gz?raw", "Range", "bytes=99999999-");
        assertThat(beyond.statusCode()).isEqualTo(416);

        String etag = curl.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again =
                http.bytes(server.getURL() + "/" + BUILD + "logs/screen-c-api.txt.gz?raw", "If-None-Match", etag);
        assertThat(again.statusCode())
                .as("a stored file does not change: its tag answers 304")
                .isEqualTo(304);
        assertThat(curl.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(c -> assertThat(c).contains("max-age"));

        HttpResponse<byte[]> gzip =
                http.bytes(server.getURL() + "/" + BUILD + "logs/screen-c-api.txt.gz?raw", "Accept-Encoding", "gzip");
        assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes())
                .isEqualTo(plain);
    }

    @Test
    void aFolderListsItsFilesUnderItsBuildsSummary() throws Exception {
        Document folder = page("/" + BUILD);
        assertThat(folder.select("table.listing a").eachText()).contains("logs/", "job-output.txt");
        assertThat(folder.select("table.listing tr.is-folder td.num").eachText())
                .as("a folder has no size of its own")
                .isNotEmpty()
                .containsOnly("-");
        assertThat(folder.select(".build-summary .build-links a").eachAttr("href"))
                .anySatisfy(href -> assertThat(href).endsWith("/c/52287/2"))
                .anySatisfy(href -> assertThat(href).endsWith("/change/52287"));
        HttpResponse<String> listing = get("/" + BUILD + "logs/");
        assertThat(listing.body()).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(3)&gt;.txt");
        Document logs = Jsoup.parse(listing.body());
        assertThat(logs.select("table.listing a").eachText())
                .contains("devstack@c-api.service.log.txt", "screen-c-api.txt.gz");
        assertThat(logs.select(".crumbs a").eachText())
                .containsExactly("logs", "87", "52287", "2", "gate", "gate-tempest-dsvm-full", "df70dd4", "logs");

        HttpResponse<String> noSlash = http.get(server.getURL() + "/" + BUILD + "logs");
        assertThat(noSlash.statusCode()).isEqualTo(301);
        assertThat(noSlash.headers().firstValue("Location")).hasValue("/" + BUILD + "logs/");
    }

    @Test
    void missingAndOddPathsAnswerClearly() throws Exception {
        assertThat(get("/" + BUILD + "nothing.txt").statusCode()).isEqualTo(404);
        assertThat(get("/99/99999/").statusCode()).isEqualTo(404);
        assertThat(get("/87/%2e%2e/%2e%2e/etc/passwd").statusCode()).isBetween(400, 404);
        assertThat(get("/branding/suite.css").statusCode())
                .as("the brand's assets are not taken for logs")
                .isEqualTo(200);
        assertThat(get("/assets/log.js").statusCode()).isEqualTo(200);
    }

    @Test
    void tracebacksAndStackTracesAreGroupedToFold() throws Exception {
        Document testr = page("/" + BUILD + "logs/testr.txt");
        Element start = testr.getElementById("L657");
        assertThat(start.className()).contains("trace-start");
        String group = start.attr("data-trace");
        List<Element> members = testr.select("span.in-trace[data-trace=" + group + "]");
        assertThat(members).hasSizeGreaterThan(10);
        assertThat(members.get(0).id()).isEqualTo("L658");
        assertThat(members.get(members.size() - 1).text()).doesNotStartWith(" "); // the exception line closes it

        Document java = page("/" + BUILD + "logs/java.log");
        assertThat(java.getElementById("L2").className()).doesNotContain("trace");
        assertThat(java.getElementById("L3").className()).contains("trace-start");
        assertThat(java.select("span.in-trace").eachAttr("id")).containsExactly("L4", "L5", "L6");
        assertThat(java.getElementById("L7").className()).doesNotContain("trace");
    }

    @Test
    void aPageViewedAgainStartsFromItsRenderedHeadAndIsTheSame() throws Exception {
        put("logs/again.txt.gz", fixture("openstack-os-loganalyze/screen-c-api.txt.gz"));
        put("logs/small.txt", fixture("openstack-os-loganalyze/devstack@c-api.service.log.txt"));
        put("logs/java-again.log", fixture("zuul-logjuicer-tests/testr-nodepool-01/output.fail"));
        for (String path : List.of(
                "logs/again.txt.gz",
                "logs/again.txt.gz?level=INFO",
                "logs/small.txt",
                "logs/small.txt?level=ERROR",
                "logs/java-again.log")) {
            long before = heads.size();
            String first = get("/" + BUILD + path).body();
            assertThat(heads.size()).as(path + ": its head is kept").isEqualTo(before + 1);
            String second = get("/" + BUILD + path).body();
            assertThat(second).as(path + ": the same page from the kept head").isEqualTo(first);
        }
        assertThat(Jsoup.parse(get("/" + BUILD + "logs/again.txt.gz").body()).select("pre.log > span.line"))
                .hasSize(3695);
    }

    /** Each line's level as the file writes it in its level field, or null when it writes none. */
    private static java.util.List<String> writtenLevels(byte[] text, java.util.regex.Pattern field) {
        java.util.List<String> levels = new java.util.ArrayList<>();
        for (String line : new String(text, StandardCharsets.UTF_8).split("\n", -1)) {
            java.util.regex.Matcher m = field.matcher(line);
            levels.add(m.find() ? m.group(1) : null);
        }
        return levels;
    }

    @Test
    void everyLevelTheOsloAndJournaldSamplesWriteIsTheLevelOfItsLine() throws Exception {
        Map<String, java.util.regex.Pattern> samples = Map.of(
                "logs/screen-c-api.txt.gz",
                        java.util.regex.Pattern.compile(
                                "^\\d{4}-\\d\\d-\\d\\d \\S+ \\d+ (DEBUG|INFO|AUDIT|TRACE|WARNING|ERROR|CRITICAL) "),
                "logs/devstack@c-api.service.log.txt",
                        java.util.regex.Pattern.compile(
                                "^\\w{3} \\d\\d \\S+ \\S+ [^:]+: (DEBUG|INFO|AUDIT|TRACE|WARNING|ERROR|CRITICAL) "));
        byte[] oslo = new java.util.zip.GZIPInputStream(
                        new ByteArrayInputStream(fixture("openstack-os-loganalyze/screen-c-api.txt.gz")))
                .readAllBytes();
        Map<String, byte[]> texts = Map.of(
                "logs/screen-c-api.txt.gz",
                oslo,
                "logs/devstack@c-api.service.log.txt",
                fixture("openstack-os-loganalyze/devstack@c-api.service.log.txt"));
        for (var sample : samples.entrySet()) {
            java.util.List<String> written = writtenLevels(texts.get(sample.getKey()), sample.getValue());
            Document page = page("/" + BUILD + sample.getKey());
            int checked = 0;
            for (int n = 1; n <= written.size(); n++) {
                if (written.get(n - 1) != null) {
                    assertThat(page.getElementById("L" + n).className())
                            .as(sample.getKey() + " line " + n)
                            .contains("lvl-" + written.get(n - 1).toLowerCase(java.util.Locale.ROOT));
                    checked++;
                }
            }
            assertThat(checked).as(sample.getKey()).isGreaterThan(5);
        }
    }
}
