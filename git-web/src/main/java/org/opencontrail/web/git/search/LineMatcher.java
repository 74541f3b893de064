package org.opencontrail.web.git.search;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a term finds its lines: the text a matching line must hold is looked for first (as grep
 * tools do), with {@link String#indexOf} when case counts or by folded characters when it does
 * not, and the regular expression is run only on the lines that hold it; a literal term whose case
 * counts needs no engine at all. A term with no such text is left to {@link MatchedLines}.
 */
final class LineMatcher {

    private final Pattern pattern;
    /** What a matching line holds, or null; folded when {@link #folded}. */
    private final String literal;

    private final boolean folded;
    /** The literal is the whole term: its occurrences are the matches. */
    private final boolean exact;

    private LineMatcher(Pattern pattern, String literal, boolean folded, boolean exact) {
        this.pattern = pattern;
        this.literal = literal;
        this.folded = folded;
        this.exact = exact;
    }

    static LineMatcher of(String text, boolean regex, boolean caseSensitive, Pattern pattern) {
        if (!regex) {
            return caseSensitive
                    ? new LineMatcher(pattern, text, false, true)
                    : new LineMatcher(pattern, TrigramPlan.fold(text), true, false);
        }
        Optional<String> run = RegexTrigrams.requiredRun(text);
        if (run.isEmpty()) {
            return new LineMatcher(pattern, null, false, false);
        }
        // a flag inside the expression may let case go where the query did not
        boolean exactCase = caseSensitive && !text.matches("(?s).*\\(\\?[a-zA-Z]*i.*");
        return exactCase
                ? new LineMatcher(pattern, run.get(), false, false)
                : new LineMatcher(pattern, TrigramPlan.fold(run.get()), true, false);
    }

    Pattern pattern() {
        return pattern;
    }

    /** The lines that match, first {@code most} of them. */
    List<MatchedLines.Line> find(String text, int most) {
        if (literal == null || literal.isEmpty()) {
            return MatchedLines.find(text, pattern, most);
        }
        List<MatchedLines.Line> lines = new ArrayList<>();
        scan(text, most, (number, start, end, ranges) -> lines.add(new MatchedLines.Line(number, start, end, ranges)));
        return lines;
    }

    /** How many lines match, {@code most} at most. */
    int count(String text, int most) {
        if (literal == null || literal.isEmpty()) {
            return MatchedLines.count(text, pattern, most);
        }
        int[] count = {0};
        scan(text, most, (number, start, end, ranges) -> count[0]++);
        return count[0];
    }

    private interface Found {
        void line(int number, int start, int end, List<int[]> ranges);
    }

    private void scan(String text, int most, Found found) {
        int from = 0;
        int number = 1;
        int counted = 0;
        int lines = 0;
        while (lines < most) {
            int at = folded ? foldedIndexOf(text, literal, from) : text.indexOf(literal, from);
            if (at < 0) {
                return;
            }
            int start = text.lastIndexOf('\n', at - 1) + 1;
            int end = text.indexOf('\n', at);
            if (end < 0) {
                end = text.length();
            }
            for (int i = counted; i < start; i++) {
                if (text.charAt(i) == '\n') {
                    number++;
                }
            }
            counted = start;
            List<int[]> ranges =
                    exact ? occurrences(text, start, end) : MatchedLines.ranges(text.substring(start, end), pattern);
            if (!ranges.isEmpty()) {
                found.line(number, start, end, ranges);
                lines++;
            }
            from = end + 1;
            if (from >= text.length()) {
                return;
            }
        }
    }

    /** The literal's occurrences in text[start, end), relative to start (none crossing end). */
    private List<int[]> occurrences(String text, int start, int end) {
        List<int[]> ranges = new ArrayList<>(2);
        for (int at = text.indexOf(literal, start);
                at >= 0 && at + literal.length() <= end;
                at = text.indexOf(literal, at + literal.length())) {
            ranges.add(new int[] {at - start, at - start + literal.length()});
        }
        return ranges;
    }

    /** Where the folded literal starts in text from {@code from}, by folded characters; -1 when nowhere. */
    static int foldedIndexOf(String text, String literal, int from) {
        int last = text.length() - literal.length();
        char first = literal.charAt(0);
        for (int i = Math.max(0, from); i <= last; i++) {
            if (TrigramPlan.fold(text.charAt(i)) != first) {
                continue;
            }
            int j = 1;
            while (j < literal.length() && TrigramPlan.fold(text.charAt(i + j)) == literal.charAt(j)) {
                j++;
            }
            if (j == literal.length()) {
                return i;
            }
        }
        return -1;
    }
}
