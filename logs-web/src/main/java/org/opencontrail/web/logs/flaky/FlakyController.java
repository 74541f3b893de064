package org.opencontrail.web.logs.flaky;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencontrail.web.branding.Pages;
import org.opencontrail.web.branding.chart.StackedBars;
import org.opencontrail.web.logs.results.ResultClasses;

/** {@code /flaky}: pass rates of jobs over time and the failures a recheck passed; {@code /api/flaky} for tools. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class FlakyController {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final FlakyJobs flaky;
    private final Clock clock;

    private final Pages views;

    FlakyController(FlakyJobs flaky, Clock clock, Pages views) {
        this.views = views;
        this.clock = clock;
        this.flaky = flaky;
    }

    /** A job's row: its figures and its chart. */
    record Row(FlakyJobs.Job job, StackedBars.Chart chart) {}

    @Get(uri = "/api/flaky", produces = MediaType.APPLICATION_JSON)
    FlakyJobs.Report api() {
        return flaky.report(clock.instant());
    }

    @Get("/flaky")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> page(HttpRequest<?> request) {
        FlakyJobs.Report report = flaky.report(clock.instant());
        List<Row> rows = new ArrayList<>();
        for (FlakyJobs.Job job : report.jobs()) {
            rows.add(new Row(
                    job,
                    StackedBars.ofResults(
                            job.job() + ": builds each day by result",
                            job.daily(),
                            FlakyJobs.DAYS,
                            d -> DAY.format(report.start().plus(Duration.ofDays(d))),
                            ResultClasses::chart)));
        }
        return views.ok("flaky", Map.of("report", report, "rows", rows), request);
    }
}
