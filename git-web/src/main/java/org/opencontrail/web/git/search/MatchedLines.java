package org.opencontrail.web.git.search;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a text a pattern matches, as {@code git grep} matches them: line by line, a match
 * never crossing a line's end. The whole text is searched first (one pass of the engine), and a
 * line is looked at alone only where a match was found on it.
 */
final class MatchedLines {

    /**
     * A matched line.
     *
     * @param number its number, from 1
     * @param start  where it starts in the text
     * @param end    where it ends (before its '\n')
     * @param ranges the matches in it, as [start, end) offsets within the line, in order
     */
    record Line(int number, int start, int end, List<int[]> ranges) {}

    private MatchedLines() {}

    /** The lines that match, first {@code most} of them. */
    static List<Line> find(String text, Pattern pattern, int most) {
        List<Line> lines = new ArrayList<>();
        Matcher whole = pattern.matcher(text);
        int length = text.length();
        int from = 0;
        int number = 1;
        int counted = 0; // where the line count stands
        while (from < length && lines.size() < most && whole.find(from)) {
            int start = whole.start();
            int lineStart = text.lastIndexOf('\n', start - 1) + 1;
            if (start == length && lineStart == length) {
                break; // past the last line's '\n': no line there
            }
            int lineEnd = text.indexOf('\n', start);
            if (lineEnd < 0) {
                lineEnd = length;
            }
            number += count(text, counted, lineStart);
            counted = lineStart;
            List<int[]> ranges = ranges(text.substring(lineStart, lineEnd), pattern);
            if (!ranges.isEmpty()) {
                lines.add(new Line(number, lineStart, lineEnd, ranges));
            }
            from = lineEnd + 1;
        }
        return lines;
    }

    /** How many lines match, {@code most} at most: {@link #find}'s lines, without their matches. */
    static int count(String text, Pattern pattern, int most) {
        Matcher whole = pattern.matcher(text);
        int length = text.length();
        int from = 0;
        int count = 0;
        while (from < length && count < most && whole.find(from)) {
            int start = whole.start();
            int lineStart = text.lastIndexOf('\n', start - 1) + 1;
            if (start == length && lineStart == length) {
                break;
            }
            int lineEnd = text.indexOf('\n', start);
            if (lineEnd < 0) {
                lineEnd = length;
            }
            if (whole.end() <= lineEnd
                    || pattern.matcher(text.substring(lineStart, lineEnd)).find()) {
                count++;
            }
            from = lineEnd + 1;
        }
        return count;
    }

    /** Every match in one line, zero-length ones included (they mark nothing but match the line). */
    static List<int[]> ranges(String line, Pattern pattern) {
        List<int[]> ranges = new ArrayList<>(2);
        Matcher m = pattern.matcher(line);
        int from = 0;
        while (from <= line.length() && m.find(from)) {
            ranges.add(new int[] {m.start(), m.end()});
            from = m.end() > m.start() ? m.end() : m.end() + 1;
        }
        return ranges;
    }

    private static int count(String text, int from, int to) {
        int newlines = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                newlines++;
            }
        }
        return newlines;
    }
}
