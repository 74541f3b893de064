package org.opencontrail.web.status.pipeline;

import io.micronaut.core.annotation.Introspected;

import java.util.List;

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
 */
@Introspected
public record ItemRow(String id, String anchor, String change, String changeNumber, String changeUrl, String project, String branch,
                      String subject, String owner, String state, String stateClass, boolean branchOff, boolean hasAhead,
                      String enqueuedAgo, String enqueuedAt, String remaining, boolean estimated, boolean restarted, List<JobRow> jobs) {
}
