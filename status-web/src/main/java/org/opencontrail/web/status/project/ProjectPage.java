package org.opencontrail.web.status.project;

import io.micronaut.core.annotation.Introspected;
import java.util.List;
import org.opencontrail.web.status.change.ChangePage;
import org.opencontrail.web.status.urls.StatusUrls;

/**
 * {@code /project/{name}}: a project's items in the pipelines now and its jobs' recent results.
 *
 * @param name  project name
 * @param items its items now
 * @param jobs  its jobs, by name
 */
@Introspected
public record ProjectPage(String name, List<ChangePage.PipelineItem> items, List<JobSummary> jobs) {

    /** The project's CI badge. */
    public String badgeUrl() {
        return StatusUrls.badge(name);
    }

    /** The pipelines page showing only this project's items. */
    public String pipelinesUrl() {
        return StatusUrls.pipelinesOfProject(name);
    }

    /** What the page is about, for its description. */
    public String description() {
        return name + ": its changes in the CI's pipelines now and the recent results of each of its jobs.";
    }

    public boolean known() {
        return !items.isEmpty() || !jobs.isEmpty();
    }
}
