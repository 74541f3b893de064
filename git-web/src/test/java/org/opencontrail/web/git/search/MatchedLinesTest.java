package org.opencontrail.web.git.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchedLinesTest {

    private static List<Integer> numbers(String text, String regex) {
        return MatchedLines.find(text, Pattern.compile(regex, Pattern.MULTILINE), 100).stream()
                .map(MatchedLines.Line::number)
                .toList();
    }

    @Test
    void linesAreMatchedOneByOneAsGitGrepMatchesThem() {
        String text = "alpha\nbeta\ngamma beta\n";

        assertThat(numbers(text, "beta")).containsExactly(2, 3);
        assertThat(numbers(text, "alpha\\sbeta"))
                .as("no match crosses a line's end")
                .isEmpty();
        assertThat(numbers(text, "a\\sb"))
                .as("crossing on line 1, within line 3")
                .containsExactly(3);
        assertThat(numbers(text, "^")).as("no line after the last newline").containsExactly(1, 2, 3);
        assertThat(numbers("one\ntwo", "o$")).containsExactly(2);
        assertThat(numbers("", "x*")).isEmpty();
    }

    @Test
    void everyMatchOfALineIsMarked() {
        MatchedLines.Line line =
                MatchedLines.find("x ab ab\n", Pattern.compile("ab"), 10).get(0);

        assertThat(line.ranges()).containsExactly(new int[] {2, 4}, new int[] {5, 7});
    }
}
