package org.opencontrail.web.logs.lines;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.unbescape.html.HtmlEscape;

/**
 * One log line as safe HTML: text escaped, ANSI colours (SGR) turned into spans with classes,
 * other terminal controls and Jenkins' hidden console notes ({@code ESC[8mha:...ESC[0m}) removed,
 * and a stray carriage return (progress bars) showing only what was written last.
 */
public final class AnsiHtml {

    private static final Pattern JENKINS_NOTE = Pattern.compile("\u001b\\[8mha:[^\u001b]*\u001b\\[0m");
    private static final Pattern ESCAPE =
            Pattern.compile("\u001b\\[([0-9;?]*)([A-Za-z])|\u001b[()][A-Za-z0-9]|\u001b[=>]|\u001b\\][^\u0007]*\u0007");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]");

    private AnsiHtml() {}

    /** The plain text of a line: what search and the level filter read. */
    public static String plain(String line) {
        if (clean(line)) {
            return line;
        }
        String text = JENKINS_NOTE.matcher(carriageReturns(line)).replaceAll("");
        text = ESCAPE.matcher(text).replaceAll("");
        return CONTROL.matcher(text).replaceAll("");
    }

    public static String html(String line) {
        if (clean(line)) {
            return HtmlEscape.escapeHtml5Xml(line);
        }
        String text = JENKINS_NOTE.matcher(carriageReturns(line)).replaceAll("");
        if (text.indexOf('\u001b') < 0) {
            return escape(text);
        }
        StringBuilder html = new StringBuilder(text.length() + 32);
        Matcher escape = ESCAPE.matcher(text);
        int at = 0;
        String open = "";
        while (escape.find()) {
            html.append(escape(text.substring(at, escape.start())));
            at = escape.end();
            if (escape.group(2) != null && escape.group(2).equals("m")) {
                String classes = classes(escape.group(1), open);
                if (!open.isEmpty()) {
                    html.append("</span>");
                }
                if (!classes.isEmpty()) {
                    html.append("<span class=\"").append(classes).append("\">");
                }
                open = classes;
            }
        }
        html.append(escape(text.substring(at)));
        if (!open.isEmpty()) {
            html.append("</span>");
        }
        return html.toString();
    }

    /** The classes after an SGR sequence, from those in effect before it. */
    private static String classes(String codes, String current) {
        String foreground = "";
        String background = "";
        boolean bold = false;
        for (String part : current.split(" ")) {
            if (part.startsWith("ansi-fg")) {
                foreground = part;
            } else if (part.startsWith("ansi-bg")) {
                background = part;
            } else if (part.equals("ansi-bold")) {
                bold = true;
            }
        }
        String[] parts = codes.isEmpty() ? new String[] {"0"} : codes.split(";");
        for (int i = 0; i < parts.length; i++) {
            int code;
            try {
                code = parts[i].isEmpty() ? 0 : Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (code == 0) {
                foreground = "";
                background = "";
                bold = false;
            } else if (code == 1) {
                bold = true;
            } else if (code == 22) {
                bold = false;
            } else if (code >= 30 && code <= 37) {
                foreground = "ansi-fg" + (code - 30);
            } else if (code >= 90 && code <= 97) {
                foreground = "ansi-fg" + (code - 90 + 8);
            } else if (code == 39) {
                foreground = "";
            } else if (code >= 40 && code <= 47) {
                background = "ansi-bg" + (code - 40);
            } else if (code >= 100 && code <= 107) {
                background = "ansi-bg" + (code - 100 + 8);
            } else if (code == 49) {
                background = "";
            } else if ((code == 38 || code == 48) && i + 2 < parts.length && parts[i + 1].equals("5")) {
                i += 2; // 256 colours: kept as default, the text stays readable in both schemes
            } else if ((code == 38 || code == 48) && i + 4 < parts.length && parts[i + 1].equals("2")) {
                i += 4;
            }
        }
        return String.join(
                " ",
                java.util.stream.Stream.of(foreground, background, bold ? "ansi-bold" : "")
                        .filter(s -> !s.isEmpty())
                        .toList());
    }

    /** No escape, carriage return or other control character: the common line, taken as it is. */
    private static boolean clean(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String carriageReturns(String line) {
        int last = line.lastIndexOf('\r');
        if (last < 0) {
            return line;
        }
        if (last == line.length() - 1) {
            String trimmed = line.substring(0, last);
            return trimmed.indexOf('\r') < 0 ? trimmed : carriageReturns(trimmed);
        }
        return line.substring(last + 1);
    }

    private static String escape(String text) {
        return HtmlEscape.escapeHtml5Xml(CONTROL.matcher(text).replaceAll(""));
    }
}
