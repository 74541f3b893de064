package org.opencontrail.web.logs.report;

import jakarta.inject.Singleton;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencontrail.web.branding.chart.StackedBars;
import org.opencontrail.web.logs.database.BuildRow;
import org.opencontrail.web.logs.database.BuildsReader;
import org.opencontrail.web.logs.database.ZuulQuery;
import org.opencontrail.web.logs.results.ResultClasses;
import org.opencontrail.web.logs.urls.LogsUrls;

/**
 * A job's history beside one of its builds: the list of its builds of the same project, and its
 * last {@value #RUNS} run times as a chart, each run a bar as long as it took, coloured by result.
 */
@Singleton
public final class JobHistory {

    /** Runs the chart shows at most. */
    static final int RUNS = 40;

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * The history of a job.
     *
     * @param url   every build of the job (of the project, when known)
     * @param chart its last run times, empty when none ran
     */
    public record History(String url, String chart) {}

    private final BuildsReader reader;

    JobHistory(BuildsReader reader) {
        this.reader = reader;
    }

    public History of(String job, String project) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("job_name", List.of(job));
        if (!project.isBlank()) {
            query.put("project", List.of(project));
        }
        List<BuildRow> runs = new ArrayList<>(reader.buildTimes(ZuulQuery.buildTimes(query), 0, RUNS));
        Collections.reverse(runs); // oldest first, as a chart reads
        String url = LogsUrls.list("/builds", query);
        if (runs.isEmpty()) {
            return new History(url, "");
        }
        Map<String, long[]> minutes = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            BuildRow run = runs.get(i);
            long took = run.duration().map(s -> Math.max(1, Math.round(s / 60))).orElse(0L);
            minutes.computeIfAbsent("minutes, " + run.result().orElse("running"), r -> new long[runs.size()])[i] = took;
        }
        List<StackedBars.Series> series =
                StackedBars.byResult(minutes, name -> ResultClasses.chart(name.substring("minutes, ".length())));
        String chart = StackedBars.svg(
                "Run times of " + job + " in minutes, oldest first",
                series,
                runs.size(),
                i -> runs.get((int) i).endTime().map(DAY::format).orElse(""));
        return new History(url, chart);
    }
}
