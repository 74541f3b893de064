package org.opencontrail.web.logs.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;

/**
 * A line the screen turns away is never one the query matches: every line of real logs (and lines
 * of odd characters) against queries of every kind the screen reads, checked by Lucene itself.
 */
class LineScreenTest {

    private final QueryLanguage language = new QueryLanguage(IndexedFixtures.defaultSettings());

    private static final List<String> QUERIES = List.of(
            "lockutils",
            "\"Lock acquired\"",
            "\"oslo concurrency lockutils\"",
            "InterruptedIOException",
            "exception",
            "lock* AND acquired",
            "*utils OR req",
            "lo?kutils",
            "lockutils AND NOT released",
            "NOT lockutils",
            "loglevel:debug",
            "(message:error OR message:warning) AND tags:console",
            "message:ERROR AND build_status:FAILURE",
            "\"request id\"~3",
            "straße OR ǅemal OR İstanbul",
            "/lock.*s/",
            "lockutls~1");

    @Test
    void aLineTurnedAwayIsNeverAMatch() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String fixture : List.of(
                "openstack-os-loganalyze/screen-c-api.txt",
                "openstack-os-loganalyze/screen-n-api.txt.gz",
                "zuul-logjuicer-tests/zuul-console-01/console.fail",
                "encodings-fluent-bit/generic_enc_win1252.log")) {
            lines.addAll(lines(fixture));
        }
        lines.addAll(List.of(
                "STRASSE straße İSTANBUL istanbul ǅEMAL ǆemal",
                "InterruptedIOException at Lock acquired",
                "LOCKUTILS LockUtils lockUtils"));
        MemoryIndex memory = new MemoryIndex();
        int turnedAway = 0;
        int matched = 0;
        for (String text : QUERIES) {
            Query query = language.parse(text).query();
            LineScreen screen = LineScreen.of(query);
            for (String line : lines) {
                memory.reset();
                memory.addField(
                        new Field(SearchFields.MESSAGE, line, LineDocuments.MESSAGE_TYPE), LogAnalyzers.perField(true));
                boolean matches = memory.createSearcher().count(query) > 0;
                if (!screen.passes(line)) {
                    turnedAway++;
                    assertThat(matches).as(text + " on " + line).isFalse();
                }
                matched += matches ? 1 : 0;
            }
        }
        assertThat(turnedAway).as("lines the screen spared a check").isGreaterThan(QUERIES.size() * lines.size() / 2);
        assertThat(matched).isPositive();
    }

    @Test
    void queriesThatNeedNoWordLetEveryLineThrough() throws Exception {
        for (String text :
                List.of("NOT lockutils", "loglevel:debug", "/lock.*s/", "lockutls~1", "lockutils OR loglevel:error")) {
            assertThat(LineScreen.of(language.parse(text).query()).passesAll())
                    .as(text)
                    .isTrue();
        }
        assertThat(LineScreen.of(language.parse("lockutils AND loglevel:error").query())
                        .passesAll())
                .isFalse();
    }

    private static List<String> lines(String fixture) throws IOException {
        byte[] bytes = IndexedFixtures.bytes(fixture);
        if (fixture.endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        return List.of(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
    }
}
