package org.opencontrail.web.logs.lines;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A log line with what changes from run to run masked: its timestamp prefix dropped, and numbers,
 * hex ids, uuids, IP addresses and the random parts of temporary names replaced by a mark; what is
 * left is the line's shape, the same in every run that says the same thing. Used to compare a
 * failed log with passing ones and to group the error lines of many failures.
 */
public final class LineShape {

    private LineShape() {}

    /** The shape of a line: lower-cased, masked, spaces collapsed. */
    public static String of(String line) {
        String text = withoutPrefix(line);
        StringBuilder out = new StringBuilder(Math.min(text.length(), 512));
        int i = 0;
        int n = Math.min(text.length(), 2000);
        boolean space = false;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                appendWord(out, text.substring(start, i));
                space = false;
            } else if (Character.isWhitespace(c)) {
                if (!space && out.length() > 0) {
                    out.append(' ');
                    space = true;
                }
                i++;
            } else {
                out.append(c);
                space = false;
                i++;
            }
        }
        return out.toString().strip();
    }

    /** The words of a shape worth comparing: letters only, two or more. */
    public static List<String> words(String shape) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < shape.length()) {
            char c = shape.charAt(i);
            if (Character.isLetter(c)) {
                int start = i;
                while (i < shape.length() && (Character.isLetter(shape.charAt(i)) || shape.charAt(i) == '_')) {
                    i++;
                }
                if (i - start >= 2) {
                    words.add(shape.substring(start, i));
                }
            } else {
                i++;
            }
        }
        return words;
    }

    private static void appendWord(StringBuilder out, String word) {
        int digits = 0;
        int hex = 0;
        int upper = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            digits += Character.isDigit(c) ? 1 : 0;
            hex += Character.isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ? 1 : 0;
            upper += Character.isUpperCase(c) ? 1 : 0;
        }
        if (digits == word.length()) {
            out.append('#');
        } else if (hex == word.length() && digits > 0 && word.length() >= 6) {
            out.append("<hex>");
        } else if (digits > 0 && word.length() >= 8) {
            out.append("<id>"); // request ids, tmp names with digits, build numbers glued to words
        } else if (digits == 0 && upper >= 2 && word.length() >= 6 && upper * 3 >= word.length() && mixed(word)) {
            out.append("<id>"); // random names such as tmpXyZaBq
        } else {
            out.append(word.toLowerCase(Locale.ROOT));
        }
    }

    /** Upper and lower case mixed not as camelCase words are. */
    private static boolean mixed(String word) {
        int switches = 0;
        for (int i = 1; i < word.length(); i++) {
            if (Character.isUpperCase(word.charAt(i)) != Character.isUpperCase(word.charAt(i - 1))) {
                switches++;
            }
        }
        return switches >= 4;
    }

    /** The line without the timestamp (and the console's column bar) logs put before the message. */
    public static String withoutPrefix(String line) {
        int i = 0;
        int n = line.length();
        // 2017-01-01 12:00:00.123 | or 2017-01-01T12:00:00Z or Nov 24 10:00:00 host
        if (n >= 19 && Character.isDigit(line.charAt(0)) && line.charAt(4) == '-' && line.charAt(7) == '-') {
            i = 19;
            while (i < n && (Character.isDigit(line.charAt(i)) || ".,:+-Z".indexOf(line.charAt(i)) >= 0)) {
                i++;
            }
        } else if (n >= 15
                && Character.isUpperCase(line.charAt(0))
                && line.charAt(3) == ' '
                && line.charAt(9) == ':'
                && line.charAt(12) == ':') {
            i = 15;
        }
        while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '|')) {
            i++;
        }
        return line.substring(i);
    }
}
