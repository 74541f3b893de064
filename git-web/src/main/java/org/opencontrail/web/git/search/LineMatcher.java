package org.opencontrail.web.git.search;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a term finds its lines: the text a matching line must hold is looked for first (as grep
 * tools do), with {@link String#indexOf} when case counts or by folded characters when it does
 * not, and the regular expression is run only on the lines that hold it; a literal term whose case
 * counts needs no engine at all. A term with no such text is run line by line through its
 * {@link LineAutomaton}, or, without one, left to {@link MatchedLines}.
 */
final class LineMatcher {

    private final Pattern pattern;
    /** What a matching line holds, or null; folded when {@link #folded}. */
    private final String literal;

    private final boolean folded;
    /** The literal is the whole term: its occurrences are the matches. */
    private final boolean exact;
    /** Without a literal, what tells the lines that match, or null (the engine alone). */
    private final LineAutomaton automaton;

    private LineMatcher(Pattern pattern, String literal, boolean folded, boolean exact, LineAutomaton automaton) {
        this.pattern = pattern;
        this.literal = literal;
        this.folded = folded;
        this.exact = exact;
        this.automaton = automaton;
    }

    private LineMatcher(Pattern pattern, String literal, boolean folded, boolean exact) {
        this(pattern, literal, folded, exact, null);
    }

    static LineMatcher of(String text, boolean regex, boolean caseSensitive, Pattern pattern) {
        if (!regex) {
            return caseSensitive
                    ? new LineMatcher(pattern, text, false, true)
                    : new LineMatcher(pattern, TrigramPlan.fold(text), true, false);
        }
        Optional<String> run = RegexTrigrams.requiredRun(text);
        if (run.isEmpty()) {
            return new LineMatcher(
                    pattern,
                    null,
                    false,
                    false,
                    LineAutomaton.of(text, caseSensitive).orElse(null));
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
        List<MatchedLines.Line> lines = new ArrayList<>();
        Found add = (number, start, end, ranges) -> lines.add(new MatchedLines.Line(number, start, end, ranges));
        if (automaton != null) {
            byAutomaton(text, most, true, add);
        } else if (literal == null || literal.isEmpty()) {
            return MatchedLines.find(text, pattern, most);
        } else {
            scan(text, most, add);
        }
        return lines;
    }

    /** How many lines match, {@code most} at most. */
    int count(String text, int most) {
        int[] count = {0};
        Found counted = (number, start, end, ranges) -> count[0]++;
        if (automaton != null) {
            byAutomaton(text, most, false, counted);
        } else if (literal == null || literal.isEmpty()) {
            return MatchedLines.count(text, pattern, most);
        } else {
            scan(text, most, counted);
        }
        return count[0];
    }

    private interface Found {
        void line(int number, int start, int end, List<int[]> ranges);
    }

    /**
     * Each line through the automaton; the engine runs only on the lines it accepts, for their
     * matches when they are {@code marked}, or to check them when the automaton is not exact.
     */
    private void byAutomaton(String text, int most, boolean marked, Found found) {
        int[] lines = {0};
        automaton.lines(text, (number, start, end) -> {
            if (marked) {
                List<int[]> ranges = MatchedLines.ranges(text.substring(start, end), pattern);
                if (!ranges.isEmpty()) {
                    found.line(number, start, end, ranges);
                    lines[0]++;
                }
            } else if (automaton.exact()
                    || pattern.matcher(text.substring(start, end)).find()) {
                found.line(number, start, end, List.of());
                lines[0]++;
            }
            return lines[0] < most;
        });
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
