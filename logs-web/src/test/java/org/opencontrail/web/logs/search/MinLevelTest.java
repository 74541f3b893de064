package org.opencontrail.web.logs.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.logs.TemporaryLogsDir;
import org.opencontrail.web.logs.failures.Signature;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.store.LogStore;

/**
 * {@code logs.search.min-level}: the lines below it are stored and shown but not searched, lines of
 * no level are searched whatever it is, and results say what the index holds. Every fixture log is
 * indexed as one build twice, once with every line and once from INFO up; no signature of the
 * fixtures asks for a level, and each finds the same lines in both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MinLevelTest {

    private static final String UUID = "3c4d5e6f708192a3b4c5d6e7f8091a2b";

    private ApplicationContext every;
    private ApplicationContext fromInfo;

    @BeforeAll
    void indexTheFixturesTwice() throws IOException {
        every = ApplicationContext.run(new HashMap<>(TemporaryLogsDir.properties("min-level-every")));
        Map<String, Object> info = new HashMap<>(TemporaryLogsDir.properties("min-level-info"));
        info.put("logs.search.min-level", "info");
        fromInfo = ApplicationContext.run(info);
        List<String[]> files = new ArrayList<>();
        for (String fixture : IndexedFixtures.logs()) {
            files.add(new String[] {"logs/" + fixture, fixture});
        }
        for (ApplicationContext app : List.of(every, fromInfo)) {
            IndexedFixtures.index(
                    app.getBean(LogStore.class),
                    app.getBean(SearchIndex.class),
                    IndexedFixtures.build(
                            UUID, "contrail-vnc-build", "FAILURE", true, 70100, Instant.parse("2026-11-22T10:00:00Z")),
                    files);
        }
    }

    @AfterAll
    void close() {
        every.close();
        fromInfo.close();
    }

    private static SearchResult search(ApplicationContext app, String query) throws BadQuery {
        return app.getBean(SearchService.class).search(new SearchRequest(query, null, null, Severity.NONE, 0, 10));
    }

    @Test
    void debugLinesAreStoredNotSearchedAndTheRestAllAre() throws Exception {
        assertThat(search(every, "loglevel:debug").total()).isGreaterThan(1000);
        assertThat(search(fromInfo, "loglevel:debug").total()).isZero();
        for (String query :
                List.of("loglevel:info", "loglevel:warning OR loglevel:error", "tags:console AND NOT loglevel:debug")) {
            assertThat(search(fromInfo, query).total())
                    .as(query)
                    .isPositive()
                    .isEqualTo(search(every, query).total());
        }
        assertThat(search(fromInfo, "NOT loglevel:*").total())
                .as("lines of no level")
                .isPositive()
                .isEqualTo(search(every, "NOT loglevel:*").total());
        // the stored build keeps every line: each file counts the same lines, whatever was indexed
        Catalog all = every.getBean(SearchIndex.class).catalog();
        Catalog some = fromInfo.getBean(SearchIndex.class).catalog();
        assertThat(some.filesOf(UUID)).isEqualTo(all.filesOf(UUID));
    }

    @Test
    void resultsSayWhatTheIndexHolds() throws Exception {
        SearchResult limited = search(fromInfo, "lockutils");
        assertThat(limited.minLevel()).isEqualTo("INFO");
        assertThat(limited.minLevelNote()).contains("below INFO");
        assertThat(search(every, "lockutils").minLevel()).isNull();
        assertThat(search(every, "lockutils").minLevelNote()).isEmpty();
    }

    @Test
    void aMinLevelThatIsNoLevelStopsTheSiteWithWhy() {
        Map<String, Object> properties = new HashMap<>(TemporaryLogsDir.properties("min-level-bad"));
        properties.put("logs.search.min-level", "loud");
        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .hasStackTraceContaining("logs.search.min-level is not a level: loud");
    }

    @Test
    void noSignatureOfTheFixturesNeedsADebugLine() throws Exception {
        QueryLanguage language = every.getBean(QueryLanguage.class);
        Map<String, String> signatures = signatures();
        assertThat(signatures).hasSizeGreaterThanOrEqualTo(60);
        for (Map.Entry<String, String> signature : signatures.entrySet()) {
            // none asks for a level: each looks for what a failure writes, at whatever level it writes it
            assertThat(FileClauses.fieldsOf(language.parse(signature.getValue()).query()))
                    .as(signature.getKey())
                    .doesNotContain(SearchFields.LOGLEVEL);
            assertThat(search(fromInfo, signature.getValue()).total())
                    .as(signature.getKey())
                    .isEqualTo(search(every, signature.getValue()).total());
        }
    }

    /** elastic-recheck's signatures of the fixtures, by id. */
    private static Map<String, String> signatures() throws IOException, URISyntaxException {
        Path dir = Path.of(MinLevelTest.class.getResource("/elastic-recheck").toURI());
        Map<String, String> queries = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                String id = file.getFileName().toString().replace(".yaml", "");
                try {
                    queries.put(id, Signature.parse(id, Files.readString(file)).query());
                } catch (IllegalArgumentException e) {
                    // the fixtures' broken signature file: not a query
                }
            }
        }
        return queries;
    }
}
