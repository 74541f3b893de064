package org.opencontrail.web.logs.browse;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opencontrail.web.branding.Brand;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.branding.chart.Timeline;
import org.opencontrail.web.logs.database.BuildRow;
import org.opencontrail.web.logs.database.BuildsetRow;
import org.opencontrail.web.logs.results.ResultClasses;
import org.opencontrail.web.logs.urls.LogsUrls;
import org.opencontrail.web.shared.text.Durations;

/** The view model of a buildset's page: what it tested, its result and Zuul's report, its builds on a timeline. */
@Singleton
final class BuildsetPages {

    /** One build of the buildset. */
    record Member(
            String url,
            String job,
            String result,
            String resultCss,
            String duration,
            String started,
            String voting,
            String retried) {}

    /**
     * A buildset's page.
     *
     * @param title    what it tested, for the heading
     * @param change   its change and patch set, empty for a ref
     * @param changeUrl the change on status-web
     * @param message  Zuul's report on the change, empty when none came
     * @param timeline its builds from start to end, as SVG
     */
    record BuildsetPage(
            String uuid,
            String title,
            String project,
            String branch,
            String pipeline,
            String change,
            String changeUrl,
            String ref,
            String result,
            String resultCss,
            String message,
            String started,
            String duration,
            String timeline,
            List<Member> builds,
            String json) {}

    private final Brand brand;

    BuildsetPages(Brand brand) {
        this.brand = brand;
    }

    BuildsetPage page(BuildsetRow set, List<BuildRow> builds) {
        List<Member> members = new ArrayList<>();
        List<Timeline.Bar> bars = new ArrayList<>();
        for (BuildRow build : builds) {
            String result = build.result().orElse("");
            members.add(new Member(
                    LogsUrls.build(build.uuid()),
                    build.job(),
                    result.isEmpty() ? "running" : result,
                    ResultClasses.mark(result),
                    build.duration()
                            .map(s -> Durations.words(Duration.ofMillis((long) (s * 1000))))
                            .orElse(""),
                    build.startTime().map(Instant::toString).orElse(""),
                    build.voting() ? "" : "non-voting",
                    build.isFinal() ? "" : "retried"));
            if (build.startTime().isPresent()) {
                Instant start = build.startTime().get();
                bars.add(new Timeline.Bar(
                        build.job(),
                        ResultClasses.chart(result),
                        start,
                        build.endTime().orElse(start),
                        LogsUrls.build(build.uuid()),
                        build.job() + ": " + (result.isEmpty() ? "running" : result)
                                + build.duration()
                                        .map(s -> " in " + Durations.words(Duration.ofMillis((long) (s * 1000))))
                                        .orElse("")));
            }
        }
        String change = set.change()
                .map(c -> c + set.patchSet().map(p -> "," + p).orElse(""))
                .orElse("");
        String result = set.result().orElse("");
        return new BuildsetPage(
                set.uuid(),
                (change.isEmpty() ? set.ref() : "change " + change) + " in " + set.pipeline(),
                set.project(),
                set.branch(),
                set.pipeline(),
                change,
                set.change().map(c -> brand.link(Site.STATUS, "/change/" + c)).orElse(""),
                set.ref(),
                result.isEmpty() ? "running" : result,
                ResultClasses.mark(result),
                set.reported() ? set.message() : "",
                set.firstBuildStartTime().map(Instant::toString).orElse(""),
                set.firstBuildStartTime()
                        .flatMap(s -> set.lastBuildEndTime().map(e -> Durations.words(Duration.between(s, e))))
                        .orElse(""),
                Timeline.svg("The builds of the buildset from start to end", bars),
                members,
                "/api/buildset/" + set.uuid());
    }
}
