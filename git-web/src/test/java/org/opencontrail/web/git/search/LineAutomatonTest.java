package org.opencontrail.web.git.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A line's automaton accepts every line the engine matches, and, when exact, only those: RE2/J
 * run on each line alone is the truth, as git grep reads lines.
 */
class LineAutomatonTest {

    /** Letters whose case folds in odd ways, word and space characters, anchors' and classes' signs. */
    private static final String ALPHABET = "aAbBcCkK\u212Aſs_ 019\t$^.xX-=!()ΣσςİiÅå\u00B5";

    private static final String[] SUPPLEMENTARY = {"\uD834\uDD1E", "\uD801\uDC00", "\uD801\uDC28"};

    private static final List<String> REGEXES = List.of(
            "\\w+_\\d+",
            "[A-Z]{4,}",
            "^\\s*$",
            "\\s+$",
            "[!=]=\\s*\\d",
            "(ab|Cx)",
            "^(a|b) ",
            "a.c",
            "[^a-c]x",
            "(?i)abc",
            "(?i)k",
            "(?i)s",
            "(?i)\\W",
            "(?i)[^a]",
            "[[:alpha:]]+[[:digit:]]",
            "[[:^space:]]=",
            "\\bab\\b",
            "x\\B",
            "a|^b|c$",
            "(^a|b)c",
            "\\Qa.b\\E+",
            "[\\d\\s]{2}",
            "\\x41\\x{62}",
            "[a-]",
            "[]a]",
            "[^]a]x",
            "ſ",
            "\\pL+1",
            "\\p{Greek}",
            "\\PL",
            "a{2,3}",
            "(ab)*c",
            "(?:a|b)+?c",
            "^$",
            "$",
            "^",
            "(?s).",
            "a\\z",
            "\\Aa",
            "^^a",
            "a$$",
            "^*a",
            "\uD834\uDD1E",
            "(?i)\uD801\uDC00",
            "[^\\x00-\\x7f]",
            "\\S+\\s\\S+",
            "\\$\\w",
            "[$^]",
            "(?P<n>a)b",
            "a{0}b",
            "a{3}|b{2,}",
            "(?i:A)b",
            "(?U)a+",
            "[a-c&&b]",
            "Σ",
            "(?i)σ",
            "(?i)İ",
            "(?i)µ",
            "\\.\\*",
            "-\\d",
            "[\\-a]x");

    @Test
    void everyLineTheEngineMatchesIsAcceptedAndAnExactAutomatonAcceptsNoOther() {
        Random random = new Random(7);
        String[] lines = new String[3000];
        for (int n = 0; n < lines.length; n++) {
            StringBuilder line = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                if (random.nextInt(20) == 0) {
                    line.append(SUPPLEMENTARY[random.nextInt(SUPPLEMENTARY.length)]);
                } else {
                    line.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
            }
            lines[n] = line.toString();
        }
        int exactOnes = 0;
        for (String regex : REGEXES) {
            for (boolean caseSensitive : new boolean[] {true, false}) {
                Pattern pattern =
                        Pattern.compile(regex, Pattern.MULTILINE | (caseSensitive ? 0 : Pattern.CASE_INSENSITIVE));
                LineAutomaton automaton = LineAutomaton.of(regex, caseSensitive)
                        .orElseThrow(() -> new AssertionError("no automaton for " + regex));
                exactOnes += automaton.exact() ? 1 : 0;
                for (String line : lines) {
                    boolean matches = pattern.matcher(line).find();
                    boolean accepted = automaton.accepts(line);
                    if (matches) {
                        assertThat(accepted)
                                .as("/%s/ case %s on \"%s\"", regex, caseSensitive, line)
                                .isTrue();
                    } else if (automaton.exact()) {
                        assertThat(accepted)
                                .as("/%s/ case %s (exact) on \"%s\"", regex, caseSensitive, line)
                                .isFalse();
                    }
                }
            }
        }
        assertThat(exactOnes).as("automata that need no engine").isGreaterThan(REGEXES.size() / 2);
    }

    @Test
    void whatItReadsLooselyIsNotExact() {
        assertThat(LineAutomaton.of("\\w+_\\d+", true).orElseThrow().exact()).isTrue();
        assertThat(LineAutomaton.of("^\\s*$|[!=]=", true).orElseThrow().exact()).isTrue();
        assertThat(LineAutomaton.of("\\bfoo", true).orElseThrow().exact()).isFalse();
        assertThat(LineAutomaton.of("(a|^b)", true).orElseThrow().exact()).isFalse();
        assertThat(LineAutomaton.of("\\pL", true).orElseThrow().exact()).isFalse();
        assertThat(LineAutomaton.of("foo", false).orElseThrow().exact()).isFalse();
        assertThat(LineAutomaton.of("(?i)foo", true).orElseThrow().exact()).isFalse();
    }

    @Test
    void countsTooLargeAndAutomataTooComplexAreLeftToTheEngine() {
        assertThat(LineAutomaton.of("(abcdefghijklmnopqrstuvwxyz){1000}", true)).isEmpty();
        assertThat(LineAutomaton.of("^.{100,}$", true)).isPresent();
        assertThat(LineAutomaton.of("(a|b)*a(a|b){40}", true)).isEmpty();
    }
}
