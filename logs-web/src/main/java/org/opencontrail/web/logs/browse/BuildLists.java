package org.opencontrail.web.logs.browse;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencontrail.web.branding.Brand;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.logs.database.BuildRow;
import org.opencontrail.web.logs.database.BuildsetRow;
import org.opencontrail.web.logs.database.ZuulQuery;
import org.opencontrail.web.logs.results.ResultClasses;
import org.opencontrail.web.logs.urls.LogsUrls;
import org.opencontrail.web.shared.text.Durations;

/**
 * The view models of the builds and buildsets lists: their filter forms (the parameters of Zuul's
 * builds API), rows with every text and link made, and the links to the newer and older pages.
 */
@Singleton
final class BuildLists {

    /** A filter of the form: a parameter, its label, its value now. */
    record Filter(String name, String label, String value, String placeholder) {}

    /** A parameter of the address that the form has no field for, kept as it is. */
    record Kept(String name, String value) {}

    /** One build of the list. */
    record BuildItem(
            String url,
            String job,
            String project,
            String branch,
            String pipeline,
            String change,
            String changeUrl,
            String duration,
            String started,
            String startedIso,
            String result,
            String resultCss,
            String voting) {}

    /** One buildset of the list. */
    record BuildsetItem(
            String url,
            String project,
            String branch,
            String pipeline,
            String change,
            String changeUrl,
            String duration,
            String started,
            String startedIso,
            String result,
            String resultCss) {}

    /**
     * A page of a list.
     *
     * @param filters the form's fields
     * @param kept    other parameters of the address
     * @param newer   the newer page, empty on the first
     * @param older   the older page, empty on the last
     * @param json    the same list from the API
     * @param shown   which of the matches these are, in words
     */
    record ListPage<T>(
            List<Filter> filters,
            List<Kept> kept,
            List<T> items,
            String newer,
            String older,
            String json,
            String shown) {}

    private static final Map<String, String> BUILD_FILTERS = labels(
            "job_name",
            "Job",
            "project",
            "Project",
            "branch",
            "Branch",
            "pipeline",
            "Pipeline",
            "change",
            "Change",
            "result",
            "Result");
    private static final Map<String, String> BUILDSET_FILTERS = labels(
            "project", "Project", "branch", "Branch", "pipeline", "Pipeline", "change", "Change", "result", "Result");

    private final Brand brand;
    private final Clock clock;

    BuildLists(Brand brand, Clock clock) {
        this.brand = brand;
        this.clock = clock;
    }

    /**
     * The parameters a page asks the database with: the address's, and as Zuul's pages do, finished
     * builds only and those not skipped unless a result is asked for.
     */
    static Map<String, List<String>> builds(Map<String, List<String>> address) {
        Map<String, List<String>> query = new LinkedHashMap<>(address);
        if (blank(query, "complete")) {
            query.put("complete", List.of("true"));
        }
        if (blank(query, "result") && blank(query, "exclude_result")) {
            query.put("exclude_result", List.of("SKIPPED"));
        }
        return query;
    }

    /** As {@link #builds}, for buildsets: those that ran jobs and were not dequeued. */
    static Map<String, List<String>> buildsets(Map<String, List<String>> address) {
        Map<String, List<String>> query = new LinkedHashMap<>(address);
        if (blank(query, "complete")) {
            query.put("complete", List.of("true"));
        }
        if (blank(query, "result") && blank(query, "exclude_result")) {
            query.put("exclude_result", List.of("NO_JOBS", "DEQUEUED"));
        }
        return query;
    }

    ListPage<BuildItem> buildsPage(Map<String, List<String>> address, ZuulQuery.Page page, List<BuildRow> rows) {
        List<BuildItem> items = new ArrayList<>();
        Instant now = clock.instant();
        for (BuildRow row : rows) {
            String result = row.result().orElse("");
            items.add(new BuildItem(
                    LogsUrls.build(row.uuid()),
                    row.job(),
                    row.project(),
                    row.branch(),
                    row.pipeline(),
                    change(row.change(), row.patchSet()),
                    changeUrl(row.change()),
                    row.duration()
                            .map(s -> Durations.words(Duration.ofMillis((long) (s * 1000))))
                            .orElse(""),
                    row.startTime()
                            .map(t -> Durations.age(Duration.between(t, now)) + " ago")
                            .orElse(""),
                    row.startTime().map(Instant::toString).orElse(""),
                    result.isEmpty() ? "running" : result,
                    ResultClasses.mark(result),
                    row.voting() ? "" : "non-voting"));
        }
        return page("/builds", "/api/builds", BUILD_FILTERS, address, page, items);
    }

    ListPage<BuildsetItem> buildsetsPage(
            Map<String, List<String>> address, ZuulQuery.Page page, List<BuildsetRow> rows) {
        List<BuildsetItem> items = new ArrayList<>();
        Instant now = clock.instant();
        for (BuildsetRow row : rows) {
            String result = row.result().orElse("");
            items.add(new BuildsetItem(
                    LogsUrls.buildset(row.uuid()),
                    row.project(),
                    row.branch(),
                    row.pipeline(),
                    change(row.change(), row.patchSet()),
                    changeUrl(row.change()),
                    row.firstBuildStartTime()
                            .flatMap(start ->
                                    row.lastBuildEndTime().map(end -> Durations.words(Duration.between(start, end))))
                            .orElse(""),
                    row.firstBuildStartTime()
                            .map(t -> Durations.age(Duration.between(t, now)) + " ago")
                            .orElse(""),
                    row.firstBuildStartTime().map(Instant::toString).orElse(""),
                    result.isEmpty() ? "running" : result,
                    ResultClasses.mark(result)));
        }
        return page("/buildsets", "/api/buildsets", BUILDSET_FILTERS, address, page, items);
    }

    private <T> ListPage<T> page(
            String path,
            String api,
            Map<String, String> fields,
            Map<String, List<String>> address,
            ZuulQuery.Page page,
            List<T> items) {
        List<Filter> filters = new ArrayList<>();
        fields.forEach((name, label) -> filters.add(new Filter(
                name,
                label,
                String.join(" ", address.getOrDefault(name, List.of())),
                name.equals("job_name") || name.equals("project") ? "a name, * for any text" : "")));
        List<Kept> kept = new ArrayList<>();
        address.forEach((name, values) -> {
            if (!fields.containsKey(name) && !name.equals("skip")) {
                values.forEach(v -> kept.add(new Kept(name, v)));
            }
        });
        Map<String, List<String>> newer = new LinkedHashMap<>(address);
        Map<String, List<String>> older = new LinkedHashMap<>(address);
        newer.remove("skip");
        older.remove("skip");
        if (page.skip() > page.limit()) {
            newer.put("skip", List.of(String.valueOf(page.skip() - page.limit())));
        }
        older.put("skip", List.of(String.valueOf(page.skip() + page.limit())));
        String shown = items.isEmpty()
                ? "Nothing matches."
                : "The " + (page.skip() == 0 ? "newest " : "") + items.size() + " from the " + ordinal(page.skip() + 1)
                        + " newest.";
        return new ListPage<>(
                filters,
                kept,
                items,
                page.skip() > 0 ? LogsUrls.list(path, newer) : "",
                items.size() == page.limit() ? LogsUrls.list(path, older) : "",
                LogsUrls.list(api, address),
                shown);
    }

    private static String ordinal(long n) {
        long tens = n % 100;
        String suffix = tens >= 11 && tens <= 13
                ? "th"
                : switch ((int) (n % 10)) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }

    private static String change(Optional<Integer> change, Optional<Integer> patchSet) {
        return change.map(c -> c + patchSet.map(p -> "," + p).orElse("")).orElse("");
    }

    private String changeUrl(Optional<Integer> change) {
        return change.map(c -> brand.link(Site.STATUS, "/change/" + c)).orElse("");
    }

    private static boolean blank(Map<String, List<String>> query, String name) {
        return query.getOrDefault(name, List.of()).stream().allMatch(String::isEmpty);
    }

    private static Map<String, String> labels(String... pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }
}
