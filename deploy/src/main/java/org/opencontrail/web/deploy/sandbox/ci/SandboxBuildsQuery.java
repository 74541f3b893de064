package org.opencontrail.web.deploy.sandbox.ci;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters of Zuul's builds API as Zuul's SQL driver applies them, over the sandbox's finished
 * builds: a parameter given several times matches any of its values, {@code *} is a wildcard in
 * project, pipeline, branch and job_name, {@code idx_min}/{@code idx_max} bound {@code _id} (both
 * included), {@code exclude_result} leaves out builds without a result too, newest {@code _id} first.
 * A value Zuul could not compare (an idx that is not a number) is refused.
 */
final class SandboxBuildsQuery {

    /** One finished build as the filters see it. */
    record Row(
            long id,
            String uuid,
            String project,
            String pipeline,
            String change,
            String branch,
            String patchset,
            String ref,
            String newrev,
            String job,
            boolean voting,
            String nodeset,
            String result) {}

    private static final Set<String> WILDCARDS = Set.of("project", "pipeline", "branch", "job_name");

    private final Map<String, List<String>> parameters;

    SandboxBuildsQuery(Map<String, List<String>> parameters) {
        this.parameters = parameters;
        index("idx_min");
        index("idx_max");
    }

    boolean matches(Row row) {
        return any("project", row.project())
                && any("pipeline", row.pipeline())
                && any("change", row.change())
                && any("branch", row.branch())
                && any("patchset", row.patchset())
                && any("ref", row.ref())
                && any("newrev", row.newrev())
                && any("uuid", row.uuid())
                && any("job_name", row.job())
                && bool("voting", row.voting())
                && any("nodeset", row.nodeset())
                && any("result", row.result())
                && bool("final", true)
                && bool("held", false)
                && complete(!row.result().isEmpty())
                && row.id() >= index("idx_min").orElse(Long.MIN_VALUE)
                && row.id() <= index("idx_max").orElse(Long.MAX_VALUE)
                && values("exclude_result").stream().noneMatch(r -> r.equals(row.result()))
                && (values("exclude_result").isEmpty() || !row.result().isEmpty());
    }

    long skip() {
        return number("skip", 0);
    }

    long limit() {
        return number("limit", 50);
    }

    private List<String> values(String name) {
        return parameters.getOrDefault(name, List.of()).stream()
                .filter(v -> !v.isEmpty())
                .toList();
    }

    private boolean any(String name, String value) {
        List<String> wanted = values(name);
        return wanted.isEmpty()
                || wanted.stream()
                        .anyMatch(w -> (WILDCARDS.contains(name) && w.contains("*"))
                                ? like(w).matcher(value).matches()
                                : w.equals(value));
    }

    /** SQL's LIKE with {@code *} for {@code %}: the rest of the value stands for itself. */
    private static Pattern like(String wildcard) {
        return Pattern.compile(
                java.util.Arrays.stream(wildcard.split("\\*", -1))
                        .map(Pattern::quote)
                        .collect(java.util.stream.Collectors.joining(".*")),
                Pattern.DOTALL);
    }

    private boolean bool(String name, boolean value) {
        List<String> wanted = values(name);
        return wanted.isEmpty()
                || wanted.stream().map(SandboxBuildsQuery::truth).anyMatch(w -> w == value);
    }

    private boolean complete(boolean hasResult) {
        List<String> wanted = values("complete");
        return wanted.isEmpty() || truth(wanted.get(0)) == hasResult;
    }

    private static boolean truth(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "true", "t", "yes", "y", "on" -> true;
            case "0", "false", "f", "no", "n", "off" -> false;
            default -> throw new IllegalArgumentException("not a boolean: " + value);
        };
    }

    private java.util.Optional<Long> index(String name) {
        return values(name).stream().findFirst().map(v -> {
            try {
                return Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("idx_min, idx_max must be integers");
            }
        });
    }

    private long number(String name, long otherwise) {
        return values(name).stream().findFirst().map(Long::parseLong).orElse(otherwise);
    }
}
