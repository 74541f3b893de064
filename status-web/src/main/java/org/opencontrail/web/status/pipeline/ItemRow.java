package org.opencontrail.web.status.pipeline;

import io.micronaut.core.annotation.Introspected;
import java.util.List;
import org.opencontrail.web.status.urls.StatusUrls;

/**
 * One queue item as a row of the page.
 *
 * @param id                Zuul's item id
 * @param anchor            the element id, for links to it
 * @param change            "change,patchset", or a commit id for ref items
 * @param changeNumber      the change number, empty for ref items
 * @param changeUrl         its review page
 * @param project           project
 * @param branch            branch
 * @param subject           subject, from Gerrit's stream when known
 * @param owner             owner, from Gerrit's stream or Zuul
 * @param state             what the item is doing, in words
 * @param stateClass        css class of the state
 * @param branchOff         failing in a dependent queue: drawn off the line
 * @param hasAhead          an item is ahead of it in its queue
 * @param enqueuedAgo       time in queue ("12 min")
 * @param enqueuedAt        when it entered (ISO), for the hover
 * @param remaining         time left ("8 min"), "unknown" when nothing tells
 * @param estimated         the time left is our estimate (Zuul gave none)
 * @param restarted         a gate reset canceled or restarted its jobs
 * @param jobs              its jobs
 * @param enqueuedAtMillis  when it entered (epoch ms), 0 when unknown: the page's clock counts from it
 * @param etaMillis         when it is expected to be done (epoch ms), 0 when unknown
 */
@Introspected
public record ItemRow(
        String id,
        String anchor,
        String change,
        String changeNumber,
        String changeUrl,
        String project,
        String branch,
        String subject,
        String owner,
        String state,
        String stateClass,
        boolean branchOff,
        boolean hasAhead,
        String enqueuedAgo,
        String enqueuedAt,
        String remaining,
        boolean estimated,
        boolean restarted,
        List<JobRow> jobs,
        long enqueuedAtMillis,
        long etaMillis) {

    /** The change's page here, empty for an item of no change. */
    public String pageUrl() {
        return changeNumber.isEmpty() ? "" : StatusUrls.change(changeNumber);
    }

    /** The item's classes beside {@code item}: its state's, and {@code branch-off} when it is drawn off the line. */
    public String classes() {
        return branchOff ? stateClass + " branch-off" : stateClass;
    }

    /** The {@code data-eta} attribute: null leaves it out when nothing tells when the item is done. */
    public Long dataEta() {
        return etaMillis > 0 ? etaMillis : null;
    }

    /** The project's page here, empty when the item names none. */
    public String projectUrl() {
        return project.isEmpty() ? "" : StatusUrls.project(project);
    }

    /** The item without what only the passing of time changes (see {@link JobRow#stable()}). */
    public ItemRow stable() {
        return new ItemRow(
                id,
                anchor,
                change,
                changeNumber,
                changeUrl,
                project,
                branch,
                subject,
                owner,
                state,
                stateClass,
                branchOff,
                hasAhead,
                "",
                enqueuedAt,
                remaining.equals("unknown") ? remaining : "",
                estimated,
                restarted,
                jobs.stream().map(JobRow::stable).toList(),
                enqueuedAtMillis,
                0);
    }
}
