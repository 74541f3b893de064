package org.opencontrail.web.logs.database;

import java.time.Instant;

/**
 * A "recheck" comment on a patch set.
 *
 * @param kind   {@code bare} (only "recheck"), {@code bug} (names a bug) or {@code reason} (says why)
 * @param reason what followed "recheck"
 */
public record RecheckRow(
        String project, int change, int patchSet, String author, Instant commented, String kind, String reason) {}
