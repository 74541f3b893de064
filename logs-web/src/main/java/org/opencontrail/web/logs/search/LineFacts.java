package org.opencontrail.web.logs.search;

import java.util.Locale;
import java.util.Optional;
import org.opencontrail.web.logs.lines.LineClassifier;
import org.opencontrail.web.logs.lines.Severity;

/**
 * What a line's header says beyond its level: the logger of an oslo.log line, the program of a
 * syslog line, its time as an instant. Scans, not regexes: they run on every indexed line.
 */
public final class LineFacts {

    private LineFacts() {}

    /**
     * What a classified line's header gives the index: its time (epoch ms), the logger of a line of
     * the build's own services, the program of a syslog line; names lower-cased, as they are matched.
     */
    public record Header(Optional<Long> time, Optional<String> module, Optional<String> program) {}

    public static Header header(String text, LineClassifier.Classified classified) {
        if (classified.time().isEmpty()) {
            return new Header(Optional.empty(), Optional.empty(), Optional.empty());
        }
        long millis = isoMillis(classified.time());
        String module = classified.own() ? module(text) : null;
        String program = syslogProgram(text);
        return new Header(
                millis >= 0 ? Optional.of(millis) : Optional.empty(),
                Optional.ofNullable(module).map(m -> m.toLowerCase(Locale.ROOT)),
                Optional.ofNullable(program).map(p -> p.toLowerCase(Locale.ROOT)));
    }

    /**
     * The module of {@code 2013-09-27 12:34:56.789 1234 INFO nova.compute.manager [req-...] ...}:
     * the dotted name right after the level word, within the first few words after the time.
     */
    static String module(String line) {
        int i = 0;
        int words = 0;
        int n = Math.min(line.length(), 200);
        boolean levelSeen = false;
        while (i < n && words < 6) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < n && line.charAt(i) != ' ') {
                i++;
            }
            if (start == i) {
                break;
            }
            words++;
            if (levelSeen) {
                return dottedName(line, start, i);
            }
            if (Character.isUpperCase(line.charAt(start))
                    && i - start >= 4
                    && allCaps(line, start, i)
                    && Severity.parse(line.substring(start, i)).isPresent()) {
                levelSeen = true;
            }
        }
        return null;
    }

    private static boolean allCaps(String line, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static String dottedName(String line, int from, int to) {
        int end = to;
        if (end > from && line.charAt(end - 1) == ':') {
            end--;
        }
        boolean dot = false;
        for (int i = from; i < end; i++) {
            char c = line.charAt(i);
            if (c == '.') {
                dot = true;
            } else if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return null;
            }
        }
        return dot && end - from > 2 ? line.substring(from, end) : null;
    }

    /** The program of {@code Nov 24 10:00:00 host program[123]: message}. */
    static String syslogProgram(String line) {
        if (line.length() < 20
                || line.charAt(3) != ' '
                || line.charAt(6) != ' '
                || line.charAt(9) != ':'
                || line.charAt(12) != ':'
                || !Character.isUpperCase(line.charAt(0))) {
            return null;
        }
        int i = 15;
        while (i < line.length() && line.charAt(i) != ' ') {
            i++; // fractions of a second
        }
        int hostStart = i + 1;
        int hostEnd = line.indexOf(' ', hostStart);
        if (hostEnd < 0) {
            return null;
        }
        int start = hostEnd + 1;
        int end = start;
        while (end < line.length() && end - start < 64) {
            char c = line.charAt(end);
            if (c == '[' || c == ':') {
                return end > start ? line.substring(start, end) : null;
            }
            if (c == ' ') {
                return null;
            }
            end++;
        }
        return null;
    }

    /**
     * Epoch milliseconds of an ISO time as logs write it ({@code 2013-09-27 12:34:56.789},
     * {@code 2017-01-01T12:00:00,123Z}); UTC unless a zone is written; -1 when it is not one.
     */
    static long isoMillis(String time) {
        if (time.length() < 19
                || time.charAt(4) != '-'
                || time.charAt(7) != '-'
                || time.charAt(13) != ':'
                || time.charAt(16) != ':') {
            return -1;
        }
        try {
            int year = digits(time, 0, 4);
            int month = digits(time, 5, 7);
            int day = digits(time, 8, 10);
            int hour = digits(time, 11, 13);
            int minute = digits(time, 14, 16);
            int second = digits(time, 17, 19);
            if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
                return -1;
            }
            int i = 19;
            int millis = 0;
            if (i < time.length() && (time.charAt(i) == '.' || time.charAt(i) == ',')) {
                i++;
                int scale = 100;
                while (i < time.length() && Character.isDigit(time.charAt(i))) {
                    millis += (time.charAt(i) - '0') * scale;
                    scale /= 10;
                    i++;
                }
            }
            long offsetMinutes = 0;
            if (i < time.length() && (time.charAt(i) == '+' || time.charAt(i) == '-')) {
                int sign = time.charAt(i) == '-' ? -1 : 1;
                String zone = time.substring(i + 1).replace(":", "");
                if (zone.length() == 4) {
                    offsetMinutes = sign * (digits(zone, 0, 2) * 60L + digits(zone, 2, 4));
                }
            }
            long days = epochDay(year, month, day);
            return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000L + second * 1000L + millis;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Days since 1970-01-01 of a civil date, without allocating (every indexed line with a time comes here). */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }

    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(s);
            }
            value = value * 10 + c - '0';
        }
        return value;
    }
}
