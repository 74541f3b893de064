package org.opencontrail.web.status.project;

import io.micronaut.core.annotation.Introspected;
import org.opencontrail.web.status.change.ChangePage;

import java.util.List;

/**
 * {@code /project/{name}}: a project's items in the pipelines now and its jobs' recent results.
 *
 * @param name  project name
 * @param items its items now
 * @param jobs  its jobs, by name
 */
@Introspected
public record ProjectPage(String name, List<ChangePage.PipelineItem> items, List<JobSummary> jobs) {

    public boolean known() {
        return !items.isEmpty() || !jobs.isEmpty();
    }
}
