package org.opencontrail.web.logs.builds;

import java.util.Locale;

/** Where a build is on its way into the store, as {@code GET /api/builds/{uuid}} says it. */
public enum IngestState {
    QUEUED,
    FETCHING,
    STORING,
    INDEXING,
    DONE,
    FAILED;

    /** The word used in JSON: {@code queued}, {@code fetching}, ... */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == DONE || this == FAILED;
    }
}
