package org.opencontrail.web.logs.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.logs.TemporaryLogsDir;
import org.opencontrail.web.logs.lines.LineClassifier;
import org.opencontrail.web.logs.lines.LineShape;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.lines.TextSniffer;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.logs.store.StoreKeys;

/**
 * Every fixture log, indexed as the files of one build: a line of each is found by a phrase, by a
 * phrase and its file, and by its level, and the hit names the right line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchFixturesTest {

    private ApplicationContext context;
    private SearchService search;
    /** Each fixture's path in the build. */
    private static final Map<String, String> PATHS = new HashMap<>();

    /** The app's settings: the embedded index here; the same tests run on OpenSearch in a subclass. */
    Map<String, Object> properties() {
        return new HashMap<>(TemporaryLogsDir.properties("search-fixtures"));
    }

    @BeforeAll
    void indexFixtures() throws IOException {
        context = ApplicationContext.run(properties());
        List<String[]> files = new ArrayList<>();
        for (String fixture : IndexedFixtures.logs()) {
            String path = "logs/" + fixture;
            PATHS.put(fixture, path);
            files.add(new String[] {path, fixture});
        }
        IndexedFixtures.index(
                context.getBean(LogStore.class),
                context.getBean(SearchIndex.class),
                IndexedFixtures.build(
                        "5e0c1d2a3b4c5d6e7f8091a2b3c4d5e6",
                        "contrail-vnc-build",
                        "FAILURE",
                        true,
                        52287,
                        Instant.parse("2026-11-20T10:00:00Z")),
                files);
        search = context.getBean(SearchService.class);
    }

    @AfterAll
    void close() {
        context.close();
    }

    /** The lines of a fixture as the index reads them. */
    private static List<String> lines(String fixture) throws IOException {
        byte[] bytes = IndexedFixtures.bytes(fixture);
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        TextSniffer.Sniffed sniffed = TextSniffer.sniff(bytes, Math.min(bytes.length, 8192));
        String text = new String(bytes, sniffed.skip(), bytes.length - sniffed.skip(), sniffed.charset());
        return Arrays.asList(text.split("\r?\n", -1));
    }

    /** The words of a line's message: the time that starts a line is its time field, not words (as logstash had it). */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        for (String word :
                LineShape.withoutPrefix(line).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** The first line holding the words in a row (1-based). */
    private static int firstLineWith(List<String> lines, List<String> phrase) {
        for (int i = 0; i < lines.size(); i++) {
            if (String.join(" ", words(lines.get(i))).contains(String.join(" ", phrase))) {
                return i + 1;
            }
        }
        return -1;
    }

    private SearchResult run(String query, Severity level) throws BadQuery {
        return search.search(new SearchRequest(query, null, null, level, 0, 1000));
    }

    @Test
    void everyFixtureLogHasALineFoundByPhraseFieldAndLevel() throws Exception {
        int checked = 0;
        for (String fixture : IndexedFixtures.logs()) {
            List<String> lines = lines(fixture);
            int pick = -1;
            for (int i = lines.size() / 3; i < lines.size() && pick < 0; i++) {
                List<String> w = words(lines.get(i));
                if (w.size() >= 4
                        && w.stream().anyMatch(x -> x.length() > 3 && !x.chars().allMatch(Character::isDigit))) {
                    pick = i;
                }
            }
            for (int i = 0; i < lines.size() && pick < 0; i++) {
                if (!words(lines.get(i)).isEmpty()) {
                    pick = i;
                }
            }
            if (pick < 0) {
                continue; // no words at all (an empty file)
            }
            List<String> w = words(lines.get(pick));
            List<String> phrase = w.subList(0, Math.min(w.size(), 8));
            int expected = firstLineWith(lines, phrase);
            String path = PATHS.get(fixture);
            String quoted = "\"" + String.join(" ", phrase) + "\"";
            String filename =
                    path.endsWith(".gz") ? path.substring(0, path.length() - 3) : path; // as logstash named files

            SearchResult byPhrase = run(quoted, Severity.NONE);
            assertThat(byPhrase.hits())
                    .as(fixture + ": " + quoted)
                    .anyMatch(h -> h.path().equals(path) && h.line() == expected);

            SearchResult byField = run("message:" + quoted + " AND filename:\"" + filename + "\"", Severity.NONE);
            assertThat(byField.hits())
                    .as(fixture + " by filename")
                    .isNotEmpty()
                    .allMatch(h -> h.path().equals(filename) || h.path().equals(filename + ".gz"))
                    .anyMatch(h -> h.path().equals(path) && h.line() == expected);
            SearchResult.Hit first = byField.hits().get(0);
            assertThat(first.url()).endsWith(StoreKeys.urlPath(first.path()) + "#L" + first.line());

            Severity level = levelOf(lines, expected);
            if (level != Severity.NONE) {
                SearchResult byLevel = run(quoted + " AND filename:\"" + filename + "\"", level);
                assertThat(byLevel.hits())
                        .as(fixture + " at level " + level)
                        .anyMatch(h -> h.path().equals(path) && h.line() == expected);
                SearchResult byLevelField = run(
                        quoted + " AND loglevel:" + level.name() + " AND filename:\"" + filename + "\"", Severity.NONE);
                assertThat(byLevelField.hits())
                        .as(fixture + " loglevel:" + level)
                        .anyMatch(h -> h.path().equals(path) && h.line() == expected);
                if (level.compareTo(Severity.CRITICAL) < 0) {
                    SearchResult above =
                            run(quoted + " AND filename:\"" + filename + "\"", Severity.values()[level.ordinal() + 1]);
                    assertThat(above.hits())
                            .as(fixture + " above " + level)
                            .noneMatch(h -> h.path().equals(path) && h.line() == expected);
                }
            }
            checked++;
        }
        assertThat(checked)
                .isGreaterThanOrEqualTo(
                        IndexedFixtures.logs().size() - 2); // all but the empty file and one of a single word
    }

    private static Severity levelOf(List<String> lines, int number) {
        LineClassifier classifier = new LineClassifier();
        Severity level = Severity.NONE;
        for (int i = 0; i < number; i++) {
            level = classifier.classify(lines.get(i)).severity();
        }
        return level;
    }

    @Test
    void debugLinesAreSearchable() throws Exception {
        SearchResult debug = run("loglevel:DEBUG AND tags:\"screen-c-api.txt\"", Severity.NONE);
        assertThat(debug.total()).isGreaterThan(100);
    }

    @Test
    void dottedNamesCamelCaseAndSnakeCaseAreFoundByTheirParts() throws Exception {
        // screen-c-api.txt logs oslo_concurrency.lockutils and cinder.api.openstack.wsgi
        assertThat(run("lockutils", Severity.NONE).total()).isPositive();
        assertThat(run("\"oslo_concurrency.lockutils\"", Severity.NONE).total())
                .isEqualTo(run("\"oslo concurrency lockutils\"", Severity.NONE).total());
        assertThat(run("module:\"cinder.api.openstack.wsgi\"", Severity.NONE).total())
                .isPositive();
    }

    @Test
    void hitsShowTheirContextAndHighlightTheMatch() throws Exception {
        SearchResult result =
                run("message:lockutils AND filename:\"logs/openstack-os-loganalyze/screen-c-api.txt\"", Severity.NONE);
        SearchResult.Hit hit = result.hits().get(1);
        assertThat(hit.html()).contains("<mark>lockutils</mark>");
        assertThat(hit.before()).isNotEmpty().allMatch(c -> c.line() < hit.line());
        assertThat(hit.after()).isNotEmpty().allMatch(c -> c.line() > hit.line());
        assertThat(result.facets().get("file"))
                .extracting(SearchResult.FacetValue::value)
                .contains("logs/openstack-os-loganalyze/screen-c-api.txt");
        assertThat(result.facets().get("result"))
                .extracting(SearchResult.FacetValue::value)
                .containsExactly("FAILURE");
    }

    @Test
    void hostileTextIsEscapedInHits() throws Exception {
        // sample.html holds markup; a hit shows it as text
        SearchResult result = run("filename:\"logs/openstack-os-loganalyze/sample_doctype.html\"", Severity.NONE);
        assertThat(result.hits()).isNotEmpty();
        assertThat(result.hits())
                .allMatch(h -> !h.html().contains("<html") && !h.html().contains("<!DOCTYPE"));
    }
}
