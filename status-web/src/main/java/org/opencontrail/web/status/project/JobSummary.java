package org.opencontrail.web.status.project;

import io.micronaut.core.annotation.Introspected;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.shared.text.Durations;
import org.opencontrail.web.shared.zuul.ZuulResult;

/**
 * One job of a project as its page shows it: the recent runs as a strip of marks, newest first,
 * and what they add up to.
 *
 * @param name       job name
 * @param runs       recent runs, newest first
 * @param passed     how many of them succeeded
 * @param passRate   percent of them that succeeded
 * @param typical    median duration of its successful runs ("23 min"), empty when none
 * @param lastResult the newest result
 */
@Introspected
public record JobSummary(
        String name, List<ProjectResults.Build> runs, int passed, int passRate, String typical, String lastResult) {

    static JobSummary of(String name, List<ProjectResults.Build> runs) {
        int passed =
                (int) runs.stream().filter(r -> ZuulResult.passed(r.result())).count();
        List<Duration> durations = runs.stream()
                .filter(r -> ZuulResult.passed(r.result()))
                .map(ProjectResults.Build::duration)
                .flatMap(Optional::stream)
                .sorted()
                .toList();
        String typical = durations.isEmpty() ? "" : Durations.words(durations.get(durations.size() / 2));
        return new JobSummary(
                name,
                runs,
                passed,
                runs.isEmpty() ? 0 : passed * 100 / runs.size(),
                typical,
                runs.isEmpty() ? "" : runs.get(0).result());
    }
}
