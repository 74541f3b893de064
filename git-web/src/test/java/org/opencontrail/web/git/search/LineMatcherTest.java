package org.opencontrail.web.git.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Looking for a term's text first finds exactly the lines the engine alone finds. */
class LineMatcherTest {

    private static final String ALPHABET = "abcABC_ \n\r\tſKxy(.";

    private static String numbers(List<MatchedLines.Line> lines) {
        StringBuilder text = new StringBuilder();
        for (MatchedLines.Line line : lines) {
            text.append(line.number())
                    .append(':')
                    .append(line.start())
                    .append('-')
                    .append(line.end())
                    .append('[');
            line.ranges()
                    .forEach(r -> text.append(r[0]).append(',').append(r[1]).append(' '));
            text.append("] ");
        }
        return text.toString();
    }

    @Test
    void theTextFirstFindsWhatTheEngineFinds() throws BadCodeQuery {
        String[] queries = {
            "abc",
            "ABC",
            "case:yes abc",
            "case:no ABC",
            "\"c a\"",
            "/ab\\w*c/",
            "/\\bab[a-c]/",
            "/(?i)abc/",
            "/x(ab|cd)abc/",
            "case:yes /Abc.?x/",
            "/abc$/",
            "/^abc/",
            "ſtr",
            "/kab/",
            "case:yes /(?i:ab)c/",
            // no text a line must hold: the automaton's lines
            "/\\w_[a-c]/",
            "/(ab|cA)/",
            "/^\\s*$/",
            "/\\s+$/",
            "case:no /[^a]b/",
            "/\\bk/"
        };
        Random random = new Random(42);
        for (int round = 0; round < 400; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(200);
            for (int i = 0; i < length; i++) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            for (String query : queries) {
                CodeQuery.Content term = (CodeQuery.Content) CodeQueryParser.parse(query);
                Pattern pattern = term.pattern();
                assertThat(numbers(term.lines().find(text.toString(), 1000)))
                        .as("%s in %s", query, text)
                        .isEqualTo(numbers(MatchedLines.find(text.toString(), pattern, 1000)));
                assertThat(term.lines().count(text.toString(), 1000))
                        .isEqualTo(MatchedLines.count(text.toString(), pattern, 1000));
            }
        }
    }

    @Test
    void aRequiredRunIsOneEveryMatchHolds() {
        assertThat(RegexTrigrams.requiredRun("foo\\w+barbaz")).contains("barbaz");
        assertThat(RegexTrigrams.requiredRun("foo|barbaz")).isEmpty();
        assertThat(RegexTrigrams.requiredRun("(foo|bar)bazz")).contains("bazz");
        assertThat(RegexTrigrams.requiredRun("(?:abcd)?x")).isEmpty();
        assertThat(RegexTrigrams.requiredRun("ab")).isEmpty();
    }

    @Test
    void foldedSearchFoldsAsTheEngineDoes() {
        assertThat(LineMatcher.foldedIndexOf("x STRING", "string", 0)).isEqualTo(2);
        assertThat(LineMatcher.foldedIndexOf("x ſtring", "string", 0)).isEqualTo(2);
        assertThat(LineMatcher.foldedIndexOf("\u212Aelvin", "kelvin", 0)).isZero();
        assertThat(LineMatcher.foldedIndexOf("abc", "abcd", 0)).isEqualTo(-1);
    }
}
