package org.opencontrail.web.deploy.sandbox.ci;

import java.util.List;
import java.util.Optional;

/**
 * A change as a real Gerrit's event tells it (Zuul mode).
 *
 * @param number        change number
 * @param project       project
 * @param branch        branch
 * @param changeId      Change-Id
 * @param subject       subject
 * @param owner         owner
 * @param commitMessage the patch set's whole commit message
 * @param dependsOn     its Depends-On footers
 * @param topic         topic, if any
 */
public record ObservedChange(
        int number,
        String project,
        String branch,
        String changeId,
        String subject,
        Person owner,
        String commitMessage,
        List<String> dependsOn,
        Optional<String> topic) {}
