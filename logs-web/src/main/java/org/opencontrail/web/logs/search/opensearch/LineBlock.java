package org.opencontrail.web.logs.search.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.opencontrail.web.logs.lines.LineClassifier;
import org.opencontrail.web.logs.lines.LineShape;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.search.FileFacts;
import org.opencontrail.web.logs.search.LineFacts;
import org.opencontrail.web.logs.search.SearchFields;

/**
 * Consecutive lines of one file as one OpenSearch document. Each line's text is sent once: its
 * message (the line without the time that starts it, indexed, one value per line with a position
 * gap between values so that no phrase crosses two lines) and, apart, the prefix it was cut from
 * (kept, not indexed). The lines' levels, loggers and programs are indexed as the block's sets of
 * them and their times as the block's span: a block matches a query whenever one of its lines
 * could, and each line is then checked alone by the app ({@link LineCheck}). The classifier's level
 * carried into the block's first line is kept, so that each line is classified again exactly as it
 * was when indexed.
 */
final class LineBlock {

    /** The lines' messages, one value each. */
    static final String MESSAGES = SearchFields.MESSAGE;
    /** What each line's message was cut from (the time that starts it), where any was. */
    static final String PREFIXES = "prefix";
    /** The lines' numbers, where they do not follow one another from {@link SearchFields#LINE}. */
    static final String NUMBERS = "numbers";
    /** The number of the block's last line: the blocks beside a hit are found by their first and last. */
    static final String LAST = "last";
    /** The level carried into the first line, where there was one. */
    static final String CARRIED = "carried";
    /** The fields a search reads of a block. */
    static final List<String> READ =
            List.of(SearchFields.FILE, SearchFields.LINE, NUMBERS, MESSAGES, PREFIXES, CARRIED);

    /** A line of a block as it was indexed: its number, the line as written, and its message (the text indexed). */
    record Line(long number, String text, String message) {}

    /**
     * A block read back: its file, the level carried into its first line, and its lines.
     */
    record Read(long file, Severity carried, List<Line> lines) {

        /** Its lines, each classified as it was when indexed. */
        List<Classified> classified() {
            LineClassifier classifier = new LineClassifier(carried);
            List<Classified> out = new ArrayList<>(lines.size());
            for (Line line : lines) {
                out.add(new Classified(line, classifier.classify(line.text())));
            }
            return out;
        }

        long first() {
            return lines.isEmpty() ? 0 : lines.get(0).number();
        }

        long last() {
            return lines.isEmpty() ? 0 : lines.get(lines.size() - 1).number();
        }
    }

    /** A line with what its header says. */
    record Classified(Line line, LineClassifier.Classified facts) {}

    private final long file;
    private final long first;
    private final Severity carried;
    private final List<String> messages = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private final List<Long> numbers = new ArrayList<>();
    private final Set<String> levels = new TreeSet<>();
    private final Set<String> modules = new TreeSet<>();
    private final Set<String> programs = new TreeSet<>();
    private boolean anyPrefix;
    private boolean gaps;
    private long earliest = Long.MAX_VALUE;
    private long latest = Long.MIN_VALUE;

    /** A block of a file that starts at line {@code first}, after a line that carried {@code carried}. */
    LineBlock(long file, long first, Severity carried) {
        this.file = file;
        this.first = first;
        this.carried = carried;
    }

    /** The block of a line: blocks of a file hold the lines numbered {@code k * size + 1} to {@code (k + 1) * size}. */
    static long indexOf(long number, int size) {
        return (number - 1) / size;
    }

    /** The document id of a file's block {@code k}, so that indexing a build again replaces its blocks. */
    static String id(long file, long k) {
        return FileFacts.term(file) + "-" + k;
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    void add(long number, String text, LineClassifier.Classified classified) {
        String message = classified.time().isEmpty() ? text : LineShape.withoutPrefix(text);
        String prefix = text.substring(0, text.length() - message.length()); // the message is the line's tail
        anyPrefix |= !prefix.isEmpty();
        gaps |= number != first + messages.size();
        messages.add(message);
        prefixes.add(prefix);
        numbers.add(number);
        if (classified.severity() != Severity.NONE) {
            levels.add(classified.severity().term());
        }
        LineFacts.Header header = LineFacts.header(text, classified);
        header.time().ifPresent(millis -> {
            earliest = Math.min(earliest, millis);
            latest = Math.max(latest, millis);
        });
        header.module().ifPresent(modules::add);
        header.program().ifPresent(programs::add);
    }

    /** The block's own fields, put on a document that carries its build's and file's. */
    void writeTo(ObjectNode doc) {
        doc.put(SearchFields.LINE, first);
        doc.put(LAST, numbers.get(numbers.size() - 1));
        ArrayNode text = doc.putArray(MESSAGES);
        messages.forEach(text::add);
        if (anyPrefix) {
            ArrayNode cut = doc.putArray(PREFIXES);
            prefixes.forEach(cut::add);
        }
        if (gaps) {
            ArrayNode at = doc.putArray(NUMBERS);
            numbers.forEach(at::add);
        }
        if (carried != Severity.NONE) {
            doc.put(CARRIED, carried.term());
        }
        values(doc, SearchFields.LOGLEVEL, levels);
        values(doc, SearchFields.MODULE, modules);
        values(doc, SearchFields.SYSLOG_PROGRAM, programs);
        if (earliest <= latest) {
            doc.putObject(SearchFields.TIME).put("gte", earliest).put("lte", latest);
        }
    }

    private static void values(ObjectNode doc, String field, Set<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = doc.putArray(field);
            values.forEach(array::add);
        }
    }

    long file() {
        return file;
    }

    /** A block as a search reads it back from its {@code _source}. */
    static Read read(JsonNode source) {
        long file = Long.parseUnsignedLong(source.path(SearchFields.FILE).asText(), 16);
        long first = source.path(SearchFields.LINE).asLong();
        JsonNode messages = source.path(MESSAGES);
        JsonNode prefixes = source.path(PREFIXES);
        JsonNode numbers = source.path(NUMBERS);
        List<Line> lines = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            String message = messages.get(i).asText();
            String prefix =
                    prefixes.isArray() && i < prefixes.size() ? prefixes.get(i).asText() : "";
            long number =
                    numbers.isArray() && i < numbers.size() ? numbers.get(i).asLong() : first + i;
            lines.add(new Line(number, prefix.isEmpty() ? message : prefix + message, message));
        }
        String carried = source.path(CARRIED).asText("");
        Severity level = carried.isEmpty() ? Severity.NONE : Severity.valueOf(carried.toUpperCase(Locale.ROOT));
        return new Read(file, level, lines);
    }
}
