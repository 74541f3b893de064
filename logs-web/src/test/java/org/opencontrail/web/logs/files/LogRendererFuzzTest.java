package org.opencontrail.web.logs.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.opencontrail.web.logs.lines.AnsiHtml;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.lines.TextSniffer;
import org.opencontrail.web.logs.store.CacheSettings;
import org.opencontrail.web.shared.testing.Mutations;

/**
 * Whatever a log holds (markup, scripts, terminal escapes, control characters, broken encodings),
 * its page is well-formed HTML made only of the viewer's own elements, one line element per line of
 * the file, each showing exactly the line's text; and classifying the line never fails.
 */
class LogRendererFuzzTest {

    private static final Set<String> VIEWER_ELEMENTS = Set.of("pre", "span", "a", "details", "summary");
    private final RenderedHeads heads =
            new RenderedHeads(new CacheSettings(10, Duration.ofMinutes(1), 10, Duration.ofMinutes(1), 1 << 20));

    @Provide
    Arbitrary<String> logs() {
        List<String> samples = List.of(
                Mutations.resource("/logs/zuul-logjuicer-tests/zuul-console-pep8/console.fail"),
                Mutations.resource("/logs/build-tools-analysis-model/maven-ansi.txt"),
                Mutations.resource("/logs/openstack-os-loganalyze/syslog.txt"),
                "2026-11-24 10:00:00.000 1 ERROR x <script>alert(1)</script>\n<img src=x onerror=alert(1)> & &amp; \"quoted\" 'single'\n",
                "\u001b[31mred\u001b[0m \u001b[1;32mbold green\u001b]0;title\u0007 plain\rover\n\u001b[8mha:AAAA\u001b[0mINFO done\n");
        Arbitrary<String> lines = Arbitraries.oneOf(
                Mutations.ofText(samples.stream()
                        .flatMap(String::lines)
                        .filter(l -> l.length() < 500)
                        .toList()),
                Mutations.anyText());
        return lines.list().ofMaxSize(30).map(list -> String.join("\n", list));
    }

    @Property
    void everyLineIsShownAsItsTextInTheViewersOwnMarkup(@ForAll("logs") String log) throws Exception {
        byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
        TextSniffer.Sniffed sniffed = TextSniffer.sniff(bytes, bytes.length);
        Assume.that(!sniffed.binary()); // a binary file is offered raw, not rendered

        String page = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> render(bytes, sniffed));

        // jsoup reads U+FFFF as the end of its input; browsers show it
        Document document = Jsoup.parse(page.replace('\uFFFF', '\uFFFD'));
        Set<String> elements =
                document.select("body *").stream().map(Element::tagName).collect(Collectors.toSet());
        assertThat(elements).isSubsetOf(VIEWER_ELEMENTS);
        List<Element> shown = document.select("pre > span.line");
        List<String> lines = new LineSplit(new String(bytes, sniffed.charset())).lines();
        assertThat(shown).hasSameSizeAs(lines);
        for (int i = 0; i < lines.size(); i++) {
            Element line = shown.get(i);
            assertThat(line.id()).isEqualTo("L" + (i + 1));
            assertThat(line.wholeText())
                    .isEqualTo((i + 1) + AnsiHtml.plain(lines.get(i)).replace('\uFFFF', '\uFFFD') + "\n");
        }
    }

    private String render(byte[] bytes, TextSniffer.Sniffed sniffed) {
        LogRenderer.Request request =
                new LogRenderer.Request("<pre class=\"log\">", "</pre>", sniffed, Severity.NONE, "/raw?x=<y>");
        ByteArrayOutputStream page = new ByteArrayOutputStream();
        LogRenderer.render(
                        () -> new ByteArrayInputStream(bytes),
                        request,
                        heads,
                        new RenderedHeads.Key("fuzz/" + System.nanoTime(), Severity.NONE, bytes.length, 0))
                .doOnNext(page::writeBytes)
                .blockLast();
        return page.toString(StandardCharsets.UTF_8);
    }

    /** Lines as a reader of the file sees them: split at each newline, a carriage return before it dropped, no line after a final newline. */
    private record LineSplit(String text) {
        List<String> lines() {
            if (text.isEmpty()) {
                return List.of();
            }
            String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            return java.util.Arrays.stream(body.split("\n", -1))
                    .map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l)
                    .toList();
        }
    }
}
