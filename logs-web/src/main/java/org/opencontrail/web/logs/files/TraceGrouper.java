package org.opencontrail.web.logs.files;

import java.util.regex.Pattern;
import org.opencontrail.web.logs.lines.Severity;

/**
 * Finds the lines of Python tracebacks and Java stack traces as they stream by, so the page can
 * fold each as one: a Python traceback from its "Traceback (most recent call last):" to its
 * exception line, oslo's TRACE lines in a row, and a Java trace's frames ("at ...", "Caused by:",
 * "... N more"). Streaming means a group starts at the first line known to belong to it.
 */
final class TraceGrouper {

    private static final Pattern JAVA_FRAME =
            Pattern.compile("^\\s+(?:at [\\w$.<>/]+\\(.*\\)|\\.\\.\\. \\d+ (?:more|common frames omitted))\\s*$"
                    + "|^Caused by: [\\w$.]+");

    /**
     * Where a line stands.
     *
     * @param group the trace it belongs to (1, 2, ...), 0 for none
     * @param start whether it opens that trace
     */
    record Membership(int group, boolean start) {
        static final Membership NONE = new Membership(0, false);
    }

    enum Mode {
        NONE,
        PYTHON,
        OSLO,
        JAVA
    }

    /**
     * Where the grouper stands between two lines, to resume from.
     *
     * @param mode  the kind of trace open, NONE when none
     * @param group the last group's number
     */
    record Snapshot(Mode mode, int group) {
        static final Snapshot START = new Snapshot(Mode.NONE, 0);
    }

    private Mode mode;
    private int group;

    TraceGrouper() {
        this(Snapshot.START);
    }

    TraceGrouper(Snapshot from) {
        this.mode = from.mode();
        this.group = from.group();
    }

    Snapshot snapshot() {
        return new Snapshot(mode, group);
    }

    Membership next(String plain, Severity severity) {
        switch (mode) {
            case PYTHON -> {
                if (!plain.isEmpty() && (plain.charAt(0) == ' ' || plain.charAt(0) == '\t')) {
                    return new Membership(group, false);
                }
                mode = Mode.NONE; // the exception line ends the traceback
                return new Membership(group, false);
            }
            case OSLO -> {
                if (severity == Severity.TRACE) {
                    return new Membership(group, false);
                }
                mode = Mode.NONE;
            }
            case JAVA -> {
                if (JAVA_FRAME.matcher(plain).find()) {
                    return new Membership(group, false);
                }
                mode = Mode.NONE;
            }
            default -> {
                // not in a trace
            }
        }
        if (severity == Severity.TRACE) {
            mode = Mode.OSLO;
            return new Membership(++group, true);
        }
        if (plain.startsWith("Traceback (most recent call last):")) {
            mode = Mode.PYTHON;
            return new Membership(++group, true);
        }
        if (plain.indexOf("at ") > 0 || plain.startsWith("Caused by: ")) {
            if (JAVA_FRAME.matcher(plain).find()) {
                mode = Mode.JAVA;
                return new Membership(++group, true);
            }
        }
        return Membership.NONE;
    }
}
