package org.opencontrail.web.logs.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.logs.TemporaryLogsDir;
import org.opencontrail.web.logs.failures.Signature;
import org.opencontrail.web.logs.lines.LineShape;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.store.LogStore;

/**
 * The same builds in the embedded index and in blocks of lines on a real OpenSearch cluster (blocks
 * of five lines here, so that most hits sit near a block's edge, text split by the analysis plugin's
 * tokenizer, which the cluster's nodes have): every query finds the same lines,
 * counts, facets, histogram and context on both. Among the queries are elastic-recheck's signatures
 * as written, phrases of the logs, phrases made of the end of one line and the start of the next
 * (which no line holds), words that are on different lines of one block, and negations of words on
 * a line beside the one that matches.
 */
@Tag("opensearch")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SameLinesOnBothLayoutsTest {

    private static final List<String> FILES = List.of(
            "openstack-os-loganalyze/screen-c-api.txt",
            "openstack-os-loganalyze/screen-n-api.txt.gz",
            "openstack-os-loganalyze/syslog.txt",
            "openstack-os-loganalyze/devstacklog.txt.gz",
            "zuul-logjuicer-tests/zuul-console-01/console.fail",
            "zuul-logjuicer-tests/tempest-01/tempest.fail",
            "build-tools-analysis-model/maven-ansi.txt",
            "encodings-fluent-bit/generic_enc_win1252.log");

    private ApplicationContext embedded;
    private ApplicationContext blocks;

    @BeforeAll
    void indexBothLayouts() throws IOException {
        embedded = ApplicationContext.run(new HashMap<>(TemporaryLogsDir.properties("same-lines-embedded")));
        Map<String, Object> onOpenSearch = new HashMap<>(TemporaryLogsDir.properties("same-lines-blocks"));
        onOpenSearch.putAll(SharedOpenSearch.properties("same-lines"));
        onOpenSearch.put("logs.search.opensearch.block-lines", "5");
        onOpenSearch.putAll(openSearch());
        blocks = ApplicationContext.run(onOpenSearch);
        assertThat(blocks.getBean(SearchIndex.class).describe()).containsEntry("analysis", analysis());
        for (ApplicationContext app : List.of(embedded, blocks)) {
            List<String[]> first = new ArrayList<>();
            List<String[]> second = new ArrayList<>();
            for (int i = 0; i < FILES.size(); i++) {
                String fixture = FILES.get(i);
                (i % 2 == 0 ? first : second).add(new String[] {"logs/" + fixture, fixture});
            }
            second.add(new String[] {"logs/again/screen-c-api.txt", FILES.get(0)});
            IndexedFixtures.index(
                    app.getBean(LogStore.class),
                    app.getBean(SearchIndex.class),
                    IndexedFixtures.build(
                            "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
                            "contrail-vnc-build",
                            "FAILURE",
                            true,
                            70001,
                            Instant.parse("2026-11-20T10:00:00Z")),
                    first);
            IndexedFixtures.index(
                    app.getBean(LogStore.class),
                    app.getBean(SearchIndex.class),
                    IndexedFixtures.build(
                            "1b2c3d4e5f60718293a4b5c6d7e8f90a",
                            "contrail-unittest",
                            "SUCCESS",
                            false,
                            70002,
                            Instant.parse("2026-11-21T10:00:00Z")),
                    second);
        }
    }

    /** More settings of the index on OpenSearch: none here, where the cluster's nodes have the analysis plugin. */
    Map<String, Object> openSearch() {
        return Map.of();
    }

    /** How the index on OpenSearch splits text. */
    String analysis() {
        return "opencontrail_log";
    }

    @AfterAll
    void close() {
        embedded.close();
        blocks.close();
    }

    @Test
    void everyQueryFindsTheSameLinesOnBothLayouts() throws Exception {
        List<String> queries = new ArrayList<>(signatures());
        queries.addAll(List.of(
                "lockutils",
                "message:lockutils AND message:acquired",
                "message:lockutils AND NOT message:acquired",
                "lockutils AND NOT released",
                "NOT message:lockutils",
                "message:\"Traceback\" AND message:\"Error\"",
                "error OR warning",
                "loglevel:ERROR",
                "loglevel:debug AND module:cinder*",
                "module:\"cinder.api.openstack.wsgi\"",
                "program:kernel OR syslog_program:systemd",
                "tags:console AND (failed OR error)",
                "build_status:FAILURE AND message:error",
                "(message:error AND build_status:SUCCESS) OR message:lockutils",
                "voting:0 AND NOT loglevel:debug",
                "filename:\"logs/openstack-os-loganalyze/syslog.txt\"",
                "/lock.*s/",
                "lock*",
                "*utils",
                "lockutls~1",
                "\"request id\"~3",
                "time:[2013-09-01 TO 2014-01-01]",
                "message:\"GET /v2\" AND NOT filename:\"logs/again/screen-c-api.txt\"",
                "job:contrail-unittest AND lockutils",
                "unknownfield:x OR lockutils"));
        queries.addAll(phrasesOfTheLogs());
        SearchService onEmbedded = embedded.getBean(SearchService.class);
        SearchService onBlocks = blocks.getBean(SearchService.class);
        int withLines = 0;
        long lines = 0;
        for (String query : queries) {
            for (Severity level : List.of(Severity.NONE, Severity.WARNING)) {
                SearchRequest request = new SearchRequest(query, null, null, level, 0, 300);
                SearchResult expected = onEmbedded.search(request);
                SearchResult found = onBlocks.search(request);
                String what = query + " at " + level;
                assertThat(found.timedOut()).as(what).isFalse();
                assertThat(found.total()).as(what).isEqualTo(expected.total());
                assertThat(found.builds()).as(what).isEqualTo(expected.builds());
                assertThat(found.facets()).as(what).isEqualTo(expected.facets());
                assertThat(found.histogram().start())
                        .as(what)
                        .isEqualTo(expected.histogram().start());
                assertThat(found.histogram().series().keySet())
                        .as(what)
                        .isEqualTo(expected.histogram().series().keySet());
                expected.histogram()
                        .series()
                        .forEach((result, counts) -> assertThat(
                                        found.histogram().series().get(result))
                                .as(what)
                                .containsExactly(counts));
                assertThat(found.hits()).as(what).isEqualTo(expected.hits());
                if (level == Severity.NONE && expected.total() > 0) {
                    withLines++;
                    lines += expected.total();
                }
            }
        }
        // most signatures look for failures these logs do not have: the comparison must still be about many lines
        assertThat(withLines).as("queries that match lines").isGreaterThanOrEqualTo(40);
        assertThat(lines).isGreaterThan(10_000);
    }

    @Test
    void aDeepPageAndABuildsFirstLinesAreTheSame() throws Exception {
        SearchService onEmbedded = embedded.getBean(SearchService.class);
        SearchService onBlocks = blocks.getBean(SearchService.class);
        SearchRequest deep = new SearchRequest("lockutils OR error", null, null, Severity.NONE, 150, 40);
        assertThat(onBlocks.search(deep).hits())
                .isEqualTo(onEmbedded.search(deep).hits());
        QueryLanguage language = embedded.getBean(QueryLanguage.class);
        QueryLanguage.Parsed parsed = language.parse("message:\"Traceback\" OR loglevel:error");
        Catalog catalog = embedded.getBean(SearchIndex.class).catalog();
        List<Long> files = catalog.filesOf("0a1b2c3d4e5f60718293a4b5c6d7e8f9").stream()
                .map(FileFacts::id)
                .toList();
        assertThat(onBlocks.firstLines(parsed, files, 7)).isEqualTo(onEmbedded.firstLines(parsed, files, 7));
        assertThat(onBlocks.buildsMatching(parsed, null)).isEqualTo(onEmbedded.buildsMatching(parsed, null));
        assertThat(onBlocks.buildsMatching(parsed, files)).containsExactly("0a1b2c3d4e5f60718293a4b5c6d7e8f9");
    }

    /** elastic-recheck's signatures of the fixtures, as written. */
    private static List<String> signatures() throws IOException, URISyntaxException {
        Path dir = Path.of(
                SameLinesOnBothLayoutsTest.class.getResource("/elastic-recheck").toURI());
        List<String> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String name = file.getFileName().toString();
                try {
                    queries.add(Signature.parse(name, Files.readString(file)).query());
                } catch (IllegalArgumentException e) {
                    // a broken signature file of the fixtures: not a query
                }
            }
        }
        return queries;
    }

    /**
     * Phrases of the logs: four words of a line, and the last two words of a line with the first two
     * of the next (found by neither layout unless some line holds them).
     */
    private static List<String> phrasesOfTheLogs() throws IOException {
        List<String> phrases = new ArrayList<>();
        for (String fixture : FILES.subList(0, 5)) {
            List<String> lines = lines(fixture);
            for (int i = 7; i + 1 < lines.size() && phrases.size() < 60; i += Math.max(1, lines.size() / 6)) {
                List<String> here = words(lines.get(i));
                List<String> next = words(lines.get(i + 1));
                if (here.size() >= 4) {
                    phrases.add(quoted(here.subList(0, 4)));
                }
                if (here.size() >= 2 && next.size() >= 2) {
                    List<String> across = new ArrayList<>(here.subList(here.size() - 2, here.size()));
                    across.addAll(next.subList(0, 2));
                    phrases.add(quoted(across));
                }
            }
        }
        return phrases;
    }

    private static String quoted(List<String> words) {
        return "\"" + String.join(" ", words) + "\"";
    }

    private static List<String> lines(String fixture) throws IOException {
        byte[] bytes = IndexedFixtures.bytes(fixture);
        if (fixture.endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        return Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
    }

    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        for (String word :
                LineShape.withoutPrefix(line).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty() && word.length() < 40) {
                words.add(word);
            }
        }
        return words;
    }
}
