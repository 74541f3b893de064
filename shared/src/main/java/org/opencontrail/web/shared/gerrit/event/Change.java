package org.opencontrail.web.shared.gerrit.event;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The change an event is about, as of the event.
 *
 * @param project       project name
 * @param branch        target branch (short name)
 * @param topic         topic, when set
 * @param id            Change-Id
 * @param number        change number
 * @param subject       first line of the commit message
 * @param owner         owner
 * @param url           the change's page on the review site
 * @param commitMessage full commit message
 * @param createdOn     when the change was created ({@link Instant#EPOCH} when not sent)
 * @param status        NEW, MERGED, ABANDONED (old servers: DRAFT)
 * @param hashtags      hashtags
 * @param wip           work in progress
 * @param isPrivate     private
 */
public record Change(
        String project,
        String branch,
        Optional<String> topic,
        String id,
        int number,
        String subject,
        Account owner,
        String url,
        String commitMessage,
        Instant createdOn,
        String status,
        List<String> hashtags,
        boolean wip,
        boolean isPrivate) {}
