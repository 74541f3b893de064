package org.opencontrail.web.shared.gerrit.event;

import java.time.Instant;
import java.util.List;

/**
 * A patch set of a change.
 *
 * @param number         patch set number
 * @param revision       commit id
 * @param parents        parent commit ids
 * @param ref            its ref, {@code refs/changes/NN/CHANGE/PS}
 * @param uploader       who uploaded it
 * @param author         the commit's author
 * @param createdOn      when it was uploaded
 * @param kind           REWORK, TRIVIAL_REBASE, NO_CODE_CHANGE... (empty when not sent)
 * @param sizeInsertions lines added
 * @param sizeDeletions  lines removed
 */
public record PatchSet(
        int number,
        String revision,
        List<String> parents,
        String ref,
        Account uploader,
        Account author,
        Instant createdOn,
        String kind,
        int sizeInsertions,
        int sizeDeletions) {}
