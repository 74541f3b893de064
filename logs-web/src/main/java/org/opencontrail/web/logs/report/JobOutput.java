package org.opencontrail.web.logs.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * Zuul's {@code job-output.json} as its {@code zuul_json} callback writes it: an array of playbook
 * runs (phase, playbook, plays, tasks, each host's result, stats). Read one playbook at a time, at
 * most {@code limit} bytes of it: what could be read is kept, and what could not (a file cut short,
 * broken JSON, a playbook that is not an object, the rest past the limit) is said in
 * {@link Read#problems()}, never thrown.
 */
public final class JobOutput {

    /**
     * What was read.
     *
     * @param playbooks every playbook run read whole, in order
     * @param problems  what could not be read, in words; empty when all was
     */
    public record Read(List<JsonNode> playbooks, List<String> problems) {}

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(64 << 20)
                    .maxNestingDepth(200)
                    .build())
            .build());

    private JobOutput() {}

    public static Read read(InputStream in, long limit) {
        List<JsonNode> playbooks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        BoundedInputStream bounded;
        try {
            bounded = BoundedInputStream.builder()
                    .setInputStream(in)
                    .setMaxCount(limit)
                    .get();
        } catch (IOException e) {
            problems.add("job-output.json cannot be read: " + e.getMessage());
            return new Read(playbooks, problems);
        }
        try (JsonParser parser = MAPPER.getFactory().createParser(bounded)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                problems.add("job-output.json is not a list of playbooks");
                return new Read(playbooks, problems);
            }
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    problems.add(cut(bounded, limit, playbooks.size()));
                    break;
                }
                JsonNode playbook = MAPPER.readTree(parser);
                if (playbook != null && playbook.isObject()) {
                    playbooks.add(playbook);
                } else {
                    problems.add("an entry of job-output.json is not a playbook and was left out");
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(
                    bounded.getCount() >= limit
                            ? cut(bounded, limit, playbooks.size())
                            : "job-output.json could not be read past its " + ordinal(playbooks.size() + 1)
                                    + " playbook: " + firstLine(e.getMessage()));
        }
        return new Read(playbooks, problems);
    }

    private static String cut(BoundedInputStream bounded, long limit, int read) {
        return bounded.getCount() >= limit
                ? "job-output.json is longer than the " + (limit >> 20) + " MB read of it: " + read
                        + " playbooks are shown, the rest is in the file"
                : "job-output.json ends before its last playbook does: the file was cut short after " + read
                        + " playbooks";
    }

    private static String ordinal(int n) {
        return switch (n) {
            case 1 -> "first";
            case 2 -> "second";
            case 3 -> "third";
            default -> n + "th";
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
