package org.opencontrail.web.logs.lines;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds each line's severity and time in the formats CI logs come in: oslo.log service logs,
 * Python logging, Java (log4j, logback), Contrail's SYS_* levels, syslog and journald exports, and
 * Zuul/Jenkins consoles ({@code TIME | text}). A line that says no level inherits the one before it
 * (a traceback's lines stay with their error); a Python traceback's first line is an error.
 * One instance per log: it remembers the previous line's level.
 */
public final class LineClassifier {

    /** 2013-09-27 12:34:56.789 or 2017-01-01T12:00:00,123, with an optional zone. */
    private static final Pattern ISO_TIME = Pattern.compile(
            "^\\[?(\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d:\\d\\d(?:[.,]\\d{1,9})?(?:Z|[+-]\\d\\d:?\\d\\d)?)\\]?");
    /** Nov 24 10:00:00, as syslog and journald write it. */
    private static final Pattern SYSLOG_TIME =
            Pattern.compile("^([A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?)");
    /** The host and program of a syslog or journald line, before its message. */
    private static final Pattern SYSLOG_SOURCE = Pattern.compile("^ \\S+ [^\\s:\\[]+(?:\\[\\d+\\])?: ");
    /** Level words written in a level field: oslo, Java, Python, Contrail. */
    private static final java.util.Set<String> LEVEL_WORDS = java.util.Set.of(
            "DEBUG",
            "INFO",
            "AUDIT",
            "TRACE",
            "WARNING",
            "WARN",
            "ERROR",
            "CRITICAL",
            "FATAL",
            "NOTICE",
            "SEVERE",
            "SYS_DEBUG",
            "SYS_INFO",
            "SYS_NOTICE",
            "SYS_WARN",
            "SYS_ERR",
            "SYS_ERROR",
            "SYS_CRIT",
            "SYS_EMERG",
            "SYS_ALERT");
    /** How far after the time a level field may start. */
    private static final int LEVEL_WINDOW = 60;
    /** Python logging's default format: LEVEL:logger:message. */
    private static final Pattern PYTHON_DEFAULT = Pattern.compile("^(DEBUG|INFO|WARNING|ERROR|CRITICAL):[\\w.]*:");
    /**
     * Words that mark a console or syslog line as a problem when no level is written, when no word,
     * digit, underscore or dash comes right before them. Found with indexOf, not a regex: this
     * runs on every line without a level, in every render and every indexing.
     */
    private static final String[] PROBLEM_WORDS = {
        "ERROR",
        "Error:",
        "error:",
        "FAILED",
        "Traceback (most recent call last)",
        "Exception:",
        "panic:",
        "FATAL",
        "CRITICAL"
    };
    /** Words that mark a line as a warning, standing alone on both sides. */
    private static final String[] WARNING_WORDS = {"WARNING", "Warning:", "warning:", "WARN"};

    /**
     * What a line says of itself.
     *
     * @param severity its own level, or the inherited one
     * @param own      whether it wrote a level itself
     * @param time     its timestamp as written, empty when none
     */
    public record Classified(Severity severity, boolean own, String time) {}

    private Severity previous;

    public LineClassifier() {
        this(Severity.NONE);
    }

    /** A classifier that goes on after a line of level {@code previous}, as a resumed render does. */
    public LineClassifier(Severity previous) {
        this.previous = previous;
    }

    public Severity previous() {
        return previous;
    }

    public Classified classify(String line) {
        String time = "";
        String rest = line;
        Matcher iso = ISO_TIME.matcher(line);
        if (iso.find()) {
            time = iso.group(1);
            rest = line.substring(iso.end());
        } else {
            Matcher syslog = SYSLOG_TIME.matcher(line);
            if (syslog.find()) {
                time = syslog.group(1);
                rest = line.substring(syslog.end());
                Matcher source = SYSLOG_SOURCE.matcher(rest);
                if (source.find()) {
                    rest = rest.substring(source.end()); // the level, if any, is at the start of the message
                }
            }
        }
        Optional<Severity> written = writtenLevel(rest);
        if (written.isPresent()) {
            if (!time.isEmpty()) {
                previous =
                        written.get(); // an entry's level carries over to its untimed lines (tracebacks, stack traces)
            }
            return new Classified(written.get(), true, time);
        }
        if (mentions(rest, PROBLEM_WORDS, false)) {
            return new Classified(Severity.ERROR, true, time);
        }
        if (mentions(rest, WARNING_WORDS, true)) {
            return new Classified(Severity.WARNING, true, time);
        }
        if (!time.isEmpty()) {
            previous = Severity.NONE; // a new entry that names no level
        }
        return new Classified(time.isEmpty() ? previous : Severity.NONE, false, time);
    }

    /** A level the line writes in a level field: Python's default format, or a level word near the start. */
    private static Optional<Severity> writtenLevel(String rest) {
        Matcher python = PYTHON_DEFAULT.matcher(rest);
        if (python.find()) {
            return Severity.parse(python.group(1));
        }
        return levelWord(rest);
    }

    /**
     * The first level word standing alone within the window: a run of capitals and underscores not
     * joined to a word, dotted name or dashed name on either side. A scan, not a regex: it runs on
     * every line of every log.
     */
    static Optional<Severity> levelWord(String rest) {
        int end = Math.min(rest.length(), LEVEL_WINDOW + 16);
        int i = 0;
        while (i < end) {
            char c = rest.charAt(i);
            if (c >= 'A' && c <= 'Z' && (i == 0 || !joined(rest.charAt(i - 1)))) {
                int start = i;
                while (i < rest.length()
                        && ((rest.charAt(i) >= 'A' && rest.charAt(i) <= 'Z') || rest.charAt(i) == '_')) {
                    i++;
                }
                boolean alone = i == rest.length()
                        || !joined(rest.charAt(i))
                        || (rest.charAt(i) == '.' && i + 1 == rest.length());
                if (start <= LEVEL_WINDOW
                        && alone
                        && i - start >= 4
                        && LEVEL_WORDS.contains(rest.substring(start, i))) {
                    return Severity.parse(rest.substring(start, i));
                }
            } else {
                i++;
            }
        }
        return Optional.empty();
    }

    /** Whether one of the words occurs with nothing joined before it (and, when {@code alone}, after it). */
    static boolean mentions(String text, String[] words, boolean alone) {
        for (String word : words) {
            for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
                boolean before = at == 0 || !wordOrDash(text.charAt(at - 1));
                int end = at + word.length();
                if (before && (!alone || end == text.length() || !wordOrDash(text.charAt(end)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What {@code [\w-]} matches in a regular expression: a word character or a dash. */
    private static boolean wordOrDash(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private static boolean joined(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }
}
