package org.opencontrail.web.logs.search;

import java.time.Instant;
import org.opencontrail.web.logs.lines.Severity;

/**
 * One search.
 *
 * @param query  the query text
 * @param from   builds from this time on, or null
 * @param to     builds up to this time, or null
 * @param level  lines of this level and above (NONE: all)
 * @param offset hits skipped (pagination)
 * @param size   hits returned
 */
public record SearchRequest(String query, Instant from, Instant to, Severity level, int offset, int size) {

    /** The deepest page served: deeper pages cost memory for every search and help nobody. */
    public static final int MAX_WINDOW = 10_000;

    /** Refuses a page beyond the deepest served, or of a negative offset or size. */
    public void checkWindow() throws BadQuery {
        if (offset < 0 || size < 0 || offset + size > MAX_WINDOW) {
            throw new BadQuery(
                    -1,
                    "hits " + offset + " to " + (offset + size) + " asked; pages end at hit " + MAX_WINDOW
                            + ": narrow the query",
                    query);
        }
    }
}
