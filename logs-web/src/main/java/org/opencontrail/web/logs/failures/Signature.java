package org.opencontrail.web.logs.failures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A known failure, as elastic-recheck wrote them: one YAML file per bug, named by the bug.
 *
 * @param id                   the file's name without {@code .yaml}
 * @param query                the query, in the logstash field names
 * @param suppressGraph        not graphed
 * @param suppressNotification not announced on reviews
 * @param allowNonvoting       matches non-voting jobs too (otherwise {@code AND voting:1} is implied)
 * @param testIds              when given, a build matches only if one of these tests also failed in it
 */
public record Signature(
        String id,
        String query,
        boolean suppressGraph,
        boolean suppressNotification,
        boolean allowNonvoting,
        List<String> testIds) {

    /** What an id may be: it names a file. */
    private static final java.util.regex.Pattern ID =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** Throws when the id could not name a signature's file. */
    public void checkId() {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "an id is letters, digits, dots, dashes and underscores (a bug number, or a short name): " + id);
        }
    }

    /** Reads a signature file's text; throws with the reason when it is not one. */
    public static Signature parse(String id, String yaml) {
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(
                    "not YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not a YAML mapping with a query");
        }
        Object query = map.get("query");
        if (!(query instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("no query");
        }
        List<String> tests = new ArrayList<>();
        if (map.get("test_ids") instanceof List<?> list) {
            list.forEach(t -> tests.add(String.valueOf(t)));
        }
        return new Signature(
                id,
                text.strip(),
                flag(map, "suppress-graph"),
                flag(map, "suppress-notification"),
                flag(map, "allow-nonvoting"),
                List.copyOf(tests));
    }

    private static boolean flag(Map<?, ?> map, String key) {
        return Boolean.TRUE.equals(map.get(key)) || "true".equalsIgnoreCase(String.valueOf(map.get(key)));
    }

    /** The signature as a YAML file. */
    public String yaml() {
        StringBuilder out = new StringBuilder("query: >-\n");
        query.lines().forEach(line -> out.append("  ").append(line.strip()).append('\n'));
        if (suppressGraph) {
            out.append("suppress-graph: true\n");
        }
        if (suppressNotification) {
            out.append("suppress-notification: true\n");
        }
        if (allowNonvoting) {
            out.append("allow-nonvoting: true\n");
        }
        if (!testIds.isEmpty()) {
            out.append("test_ids:\n");
            testIds.forEach(t -> out.append("  - ").append(t).append('\n'));
        }
        return out.toString();
    }
}
