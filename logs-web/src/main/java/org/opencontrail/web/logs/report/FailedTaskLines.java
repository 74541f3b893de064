package org.opencontrail.web.logs.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * The lines of a {@code job-output.json} that hold what its failed tasks said (their message and
 * their output, line by line), each with its line number in the file as stored: what the search
 * index takes of the file, so that a signature can match a failure that only the JSON kept, and its
 * hit leads to the line in the file. The failed tasks are those the build's page lists
 * ({@link BuildReport}); a second pass over the file finds their strings where they are.
 */
public final class FailedTaskLines {

    /**
     * One line.
     *
     * @param number its line in the file (1-based)
     * @param text   the text, as the task wrote it
     */
    public record Line(long number, String text) {}

    /** Opens the file again, from its start, inflated. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(64 << 20)
                    .maxNestingDepth(200)
                    .build())
            .build();

    private FailedTaskLines() {}

    /** The failed tasks' lines of the file, reading at most {@code limit} bytes of it each time. */
    public static List<Line> of(Source source, long limit) throws IOException {
        Map<String, Set<String>> failed;
        try (InputStream in = source.open()) {
            failed = BuildReport.failedResults(JobOutput.read(in, limit));
        }
        List<Line> lines = new ArrayList<>();
        if (failed.isEmpty()) {
            return lines;
        }
        try (InputStream in = source.open();
                JsonParser parser = JSON.createParser(BoundedInputStream.builder()
                        .setInputStream(in)
                        .setMaxCount(limit)
                        .get())) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.VALUE_STRING) {
                    take(parser, failed, lines);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a file cut short or broken: the lines found before the damage are kept
        }
        return lines;
    }

    private static void take(JsonParser parser, Map<String, Set<String>> failed, List<Line> lines) throws IOException {
        List<Object> path = path(parser.getParsingContext());
        // [playbook, "plays", play, "tasks", task, "hosts", host, (“results”, item,) field (, index)]
        if (path.size() < 8
                || !"plays".equals(path.get(1))
                || !"tasks".equals(path.get(3))
                || !"hosts".equals(path.get(5))) {
            return;
        }
        String key = path.get(0) + "/" + path.get(2) + "/" + path.get(4) + "/" + path.get(6);
        int field = 7;
        if ("results".equals(path.get(7)) && path.size() > 9 && path.get(8) instanceof Integer item) {
            key += "/" + item;
            field = 9;
        }
        Set<String> present = failed.get(key);
        if (present == null) {
            return;
        }
        Object name = path.get(field);
        boolean element = path.size() == field + 2 && path.get(field + 1) instanceof Integer;
        boolean whole = path.size() == field + 1;
        boolean wanted = (element && ("stdout_lines".equals(name) || "stderr_lines".equals(name)))
                || (whole && "msg".equals(name))
                || (whole && ("stdout".equals(name) || "stderr".equals(name)) && !present.contains(name + "_lines"));
        if (!wanted) {
            return;
        }
        long number = parser.currentTokenLocation().getLineNr();
        for (String text : parser.getText().split("\n", -1)) {
            if (!text.isBlank()) {
                lines.add(new Line(number, text));
            }
        }
    }

    /** Where the parser is, from the file's top: array indexes and field names. */
    private static List<Object> path(JsonStreamContext context) {
        List<Object> path = new ArrayList<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            path.add(0, at.inArray() ? (Object) at.getCurrentIndex() : at.getCurrentName());
        }
        return path;
    }
}
