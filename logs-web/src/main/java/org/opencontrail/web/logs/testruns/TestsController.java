package org.opencontrail.web.logs.testruns;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencontrail.web.branding.Pages;
import org.opencontrail.web.branding.chart.RunTimes;
import org.opencontrail.web.branding.chart.StackedBars;
import org.opencontrail.web.logs.results.ResultClasses;
import org.opencontrail.web.logs.urls.LogsUrls;
import org.opencontrail.web.shared.http.BadRequest;

/**
 * Every test's history: {@code /tests} (find a test; the most failing, the slowest and the flaky
 * ones; the failed tests of the newest failed runs), {@code /test/ID} (one test), {@code /job/NAME}
 * (a job's run time, failure rate and tests), each as JSON under {@code /api/}, and
 * {@code /api/test_runs/ID} in openstack-health's shape.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class TestsController {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** The longest window asked for, in days. */
    private static final int MOST_DAYS = 366;
    /** The longest test id taken: longer ones are not ids. */
    private static final int LONGEST_ID = 2000;

    private final TestHistory history;
    private final Pages views;

    TestsController(TestHistory history, Pages views) {
        this.history = history;
        this.views = views;
    }

    @Get(uri = "/api/tests", produces = MediaType.APPLICATION_JSON)
    TestHistory.Overview overviewJson(HttpRequest<?> request) {
        return overview(request);
    }

    @Get("/tests")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> overviewPage(HttpRequest<?> request) {
        return views.ok("tests", Map.of("overview", overview(request)), request);
    }

    private TestHistory.Overview overview(HttpRequest<?> request) {
        String query = request.getParameters().get("q", String.class, "");
        if (query.length() > LONGEST_ID) {
            throw new BadRequest("q: at most " + LONGEST_ID + " characters");
        }
        int runs = number(request, "runs", 10, 100);
        return history.overview(query, days(request), runs);
    }

    @Get(uri = "/api/test/{+id}", produces = MediaType.APPLICATION_JSON)
    TestHistory.TestPage testJson(String id, HttpRequest<?> request) {
        return test(id, request);
    }

    @Get(uri = "/api/test_runs/{+id}", produces = MediaType.APPLICATION_JSON)
    Map<String, Object> openstackHealth(String id, HttpRequest<?> request) {
        checkId(id);
        return history.openstackHealth(id, days(request)).orElseThrow(() -> notFound(id));
    }

    @Get("/test/{+id}")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> testPage(String id, HttpRequest<?> request) {
        TestHistory.TestPage page = test(id, request);
        Map<String, long[]> daily = new HashMap<>();
        long[] passed = new long[page.daily().size()];
        long[] failed = new long[page.daily().size()];
        long[] skipped = new long[page.daily().size()];
        for (int d = 0; d < page.daily().size(); d++) {
            passed[d] = page.daily().get(d).passes();
            failed[d] = page.daily().get(d).failures();
            skipped[d] = page.daily().get(d).skips();
        }
        daily.put("passed", passed);
        daily.put("failed", failed);
        daily.put("skipped", skipped);
        StackedBars.Chart results = StackedBars.ofResults(
                page.testId() + ": runs each day by result",
                daily,
                page.daily().size(),
                d -> page.daily().get((int) d).day(),
                word -> switch (word) {
                    case "passed" -> "chart-ok";
                    case "failed" -> "chart-fail";
                    default -> "chart-other";
                });
        List<RunTimes.Point> points = new ArrayList<>();
        for (TestHistory.Point p : page.points()) {
            p.seconds()
                    .ifPresent(s -> points.add(new RunTimes.Point(
                            s,
                            p.rollingMean().orElse(-1.0),
                            p.rollingStd().orElse(0.0),
                            "fail".equals(p.status()) || "uxsuccess".equals(p.status()) ? "chart-fail" : "chart-ok",
                            TIME.format(p.start()) + ": " + s + " s, " + p.status())));
        }
        String times = RunTimes.svg(
                page.testId() + ": run time of each run, with the mean and spread of the last " + TestHistory.ROLLING
                        + " runs",
                points,
                page.points().isEmpty() ? "" : TIME.format(page.points().get(0).start()),
                page.points().isEmpty()
                        ? ""
                        : TIME.format(
                                page.points().get(page.points().size() - 1).start()));
        return views.ok(
                "test",
                Map.of(
                        "page", page,
                        "results", results,
                        "times", times,
                        "json", LogsUrls.testJson(page.testId())),
                request);
    }

    private TestHistory.TestPage test(String id, HttpRequest<?> request) {
        checkId(id);
        return history.test(id, days(request)).orElseThrow(() -> notFound(id));
    }

    @Get(uri = "/api/job/{name}", produces = MediaType.APPLICATION_JSON)
    TestHistory.JobPage jobJson(String name, HttpRequest<?> request) {
        return job(name, request);
    }

    @Get("/job/{name}")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> jobPage(String name, HttpRequest<?> request) {
        TestHistory.JobPage page = job(name, request);
        List<RunTimes.Point> points = new ArrayList<>();
        RollingWindow window = new RollingWindow(TestHistory.ROLLING);
        for (TestHistory.JobBuild run : page.runs()) {
            window.add(run.seconds());
            points.add(new RunTimes.Point(
                    run.seconds(),
                    window.mean(),
                    window.spread(),
                    ResultClasses.chart(run.result()),
                    TIME.format(run.start()) + ": " + Math.round(run.seconds()) + " s, " + run.result()));
        }
        String times = RunTimes.svg(
                page.job() + ": run time of each build, with the mean and spread of the last " + TestHistory.ROLLING
                        + " builds",
                points,
                page.runs().isEmpty() ? "" : DAY.format(page.runs().get(0).start()),
                page.runs().isEmpty()
                        ? ""
                        : DAY.format(page.runs().get(page.runs().size() - 1).start()));
        return views.ok("job", Map.of("page", page, "times", times), request);
    }

    private TestHistory.JobPage job(String name, HttpRequest<?> request) {
        if (name.isBlank() || name.length() > 500) {
            throw new BadRequest("a job's name, at most 500 characters");
        }
        int days = days(request);
        return history.jobPage(name, days)
                .orElseThrow(() -> new HttpStatusException(
                        HttpStatus.NOT_FOUND, "No build of the job " + name + " in the last " + days + " days"));
    }

    private int days(HttpRequest<?> request) {
        return number(request, "days", history.days(), MOST_DAYS);
    }

    private static int number(HttpRequest<?> request, String name, int fallback, int most) {
        List<String> values = request.getParameters().getAll(name);
        if (values.isEmpty()) {
            return fallback;
        }
        if (values.size() > 1) {
            throw new BadRequest(name + ": given " + values.size() + " times; it takes one value");
        }
        try {
            int value = Integer.parseInt(values.get(0).strip());
            if (value < 1 || value > most) {
                throw new BadRequest(name + ": from 1 to " + most);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadRequest(name + ": a whole number from 1 to " + most);
        }
    }

    private static void checkId(String id) {
        if (id.isBlank() || id.length() > LONGEST_ID) {
            throw new BadRequest("a test's id, at most " + LONGEST_ID + " characters");
        }
    }

    private static HttpStatusException notFound(String id) {
        return new HttpStatusException(HttpStatus.NOT_FOUND, "No run of the test " + id);
    }
}
