package org.opencontrail.web.logs.database;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.opencontrail.web.shared.http.BadRequest;

/**
 * The query parameters of Zuul's builds API read as Zuul's web reads them: a repeated parameter is
 * any of its values, {@code *} a wildcard in project, pipeline, branch and job_name, {@code limit} 50
 * by default. Where Zuul answers a wrong value with a server error or silently matches nothing
 * (a change or patch set that is not a number, {@code voting=yes} on MySQL, an unknown parameter),
 * this answers 400 and says what is expected. Empty values count as not given, as a form sends them.
 */
public final class ZuulQuery {

    /** Most builds or buildsets one answer lists. */
    public static final int MAX_LIMIT = 10_000;

    public static final int DEFAULT_LIMIT = 50;

    private static final Set<String> BUILD_PARAMETERS = Set.of(
            "project",
            "pipeline",
            "change",
            "branch",
            "patchset",
            "ref",
            "newrev",
            "uuid",
            "job_name",
            "voting",
            "nodeset",
            "result",
            "final",
            "held",
            "complete",
            "limit",
            "skip",
            "idx_min",
            "idx_max",
            "exclude_result");
    private static final Set<String> BUILDSET_PARAMETERS = Set.of(
            "project",
            "pipeline",
            "change",
            "branch",
            "patchset",
            "ref",
            "newrev",
            "uuid",
            "result",
            "complete",
            "limit",
            "skip",
            "idx_min",
            "idx_max",
            "exclude_result");
    private static final Set<String> BUILD_TIMES_PARAMETERS = Set.of(
            "project",
            "pipeline",
            "branch",
            "ref",
            "job_name",
            "final",
            "start_time",
            "end_time",
            "limit",
            "skip",
            "exclude_result");

    /**
     * Which part of the list an answer is.
     *
     * @param skip  how many matches come before it
     * @param limit how many it holds at most
     */
    public record Page(long skip, int limit) {}

    private final Map<String, List<String>> parameters;

    private ZuulQuery(Map<String, List<String>> parameters, Set<String> known) {
        Map<String, List<String>> given = new java.util.HashMap<>();
        parameters.forEach((name, values) -> {
            List<String> nonEmpty = values.stream().filter(v -> !v.isEmpty()).toList();
            if (!nonEmpty.isEmpty()) {
                given.put(name, nonEmpty);
            }
        });
        Set<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new BadRequest("unknown parameter " + String.join(", ", unknown) + ": this list takes "
                    + String.join(", ", new TreeSet<>(known)));
        }
        this.parameters = given;
    }

    /** {@code /builds}: the filter and the page. */
    public static BuildFilter builds(Map<String, List<String>> parameters) {
        ZuulQuery q = new ZuulQuery(parameters, BUILD_PARAMETERS);
        return new BuildFilter(
                q.texts("project"),
                q.texts("pipeline"),
                q.integers("change", "the change's number, without its patch set"),
                q.texts("branch"),
                q.integers("patchset", "the patch set's number"),
                q.texts("ref"),
                q.texts("newrev"),
                q.texts("uuid"),
                q.texts("job_name"),
                q.booleans("voting"),
                q.texts("nodeset"),
                q.texts("result"),
                q.once("final").map(v -> bool("final", v)),
                q.booleans("held"),
                q.once("complete").map(v -> bool("complete", v)),
                q.index("idx_min"),
                q.index("idx_max"),
                q.texts("exclude_result"),
                Optional.empty(),
                Optional.empty(),
                List.of());
    }

    /** {@code /buildsets}: the filter. */
    public static BuildsetFilter buildsets(Map<String, List<String>> parameters) {
        ZuulQuery q = new ZuulQuery(parameters, BUILDSET_PARAMETERS);
        return new BuildsetFilter(
                q.texts("project"),
                q.texts("pipeline"),
                q.integers("change", "the change's number, without its patch set"),
                q.texts("branch"),
                q.integers("patchset", "the patch set's number"),
                q.texts("ref"),
                q.texts("newrev"),
                q.texts("uuid"),
                q.texts("result"),
                q.once("complete").map(v -> bool("complete", v)),
                q.index("idx_min"),
                q.index("idx_max"),
                q.texts("exclude_result"),
                List.of());
    }

    /**
     * {@code /build-times}: exact values only, and {@code start_time}/{@code end_time} bound when
     * the builds ended (both, as Zuul's do), in UTC.
     */
    public static BuildFilter buildTimes(Map<String, List<String>> parameters) {
        ZuulQuery q = new ZuulQuery(parameters, BUILD_TIMES_PARAMETERS);
        List<String> none = List.of();
        return new BuildFilter(
                q.exact("project"),
                q.exact("pipeline"),
                List.of(),
                q.exact("branch"),
                List.of(),
                q.texts("ref"),
                none,
                none,
                q.exact("job_name"),
                List.of(),
                none,
                none,
                q.once("final").map(v -> bool("final", v)),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                q.texts("exclude_result"),
                q.once("start_time").map(v -> time("start_time", v)),
                q.once("end_time").map(v -> time("end_time", v)),
                List.of());
    }

    /** The page any of the lists asks for: {@code skip} (0) and {@code limit} (50, at most {@value #MAX_LIMIT}). */
    public static Page page(Map<String, List<String>> parameters) {
        ZuulQuery q = new ZuulQuery(parameters, parameters.keySet());
        long skip = q.once("skip").map(v -> number("skip", v)).orElse(0L);
        long limit = q.once("limit").map(v -> number("limit", v)).orElse((long) DEFAULT_LIMIT);
        if (limit > MAX_LIMIT) {
            throw new BadRequest("limit: at most " + MAX_LIMIT + "; page with skip or idx_max for more");
        }
        return new Page(skip, (int) limit);
    }

    private List<String> texts(String name) {
        return parameters.getOrDefault(name, List.of());
    }

    /** Values that must match as they are: a {@code *} in them is refused rather than taken literally. */
    private List<String> exact(String name) {
        List<String> values = texts(name);
        if (values.stream().anyMatch(v -> v.contains("*"))) {
            throw new BadRequest(name + ": build times take exact values, without *");
        }
        return values;
    }

    private Optional<String> once(String name) {
        List<String> values = texts(name);
        if (values.size() > 1) {
            throw new BadRequest(name + ": given " + values.size() + " times; it takes one value");
        }
        return values.stream().findFirst();
    }

    private List<Integer> integers(String name, String what) {
        List<Integer> numbers = new ArrayList<>();
        for (String value : texts(name)) {
            try {
                numbers.add(Integer.parseInt(value.strip()));
            } catch (NumberFormatException e) {
                throw new BadRequest(name + ": " + what + " is a whole number, not '" + value + "'");
            }
        }
        return numbers;
    }

    private List<Boolean> booleans(String name) {
        return texts(name).stream().map(v -> bool(name, v)).distinct().toList();
    }

    private Optional<Long> index(String name) {
        return once(name).map(value -> {
            try {
                return Long.parseLong(value.strip().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new BadRequest("idx_min, idx_max must be integers");
            }
        });
    }

    /** Booleans as PostgreSQL reads them (where Zuul's SQL sends them): 1/0, true/false, t/f, yes/no, on/off. */
    private static boolean bool(String name, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "t", "yes", "y", "on" -> true;
            case "0", "false", "f", "no", "n", "off" -> false;
            default -> throw new BadRequest(name + ": true or false (or 1 or 0), not '" + value + "'");
        };
    }

    private static long number(String name, String value) {
        try {
            long number = Long.parseLong(value.strip());
            if (number < 0) {
                throw new BadRequest(name + ": not below 0");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new BadRequest(name + ": a whole number, not '" + value + "'");
        }
    }

    /** {@code 2026-11-20T10:00:00}, {@code 2026-11-20 10:00:00} or {@code 2026-11-20}, in UTC; or with an offset. */
    private static Instant time(String name, String value) {
        String text = value.strip().replace(' ', 'T');
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notATime) {
                try {
                    return java.time.LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notADay) {
                    throw new BadRequest(name + ": a time such as 2026-11-20T10:00:00 (UTC), not '" + value + "'");
                }
            }
        }
    }
}
