package org.opencontrail.web.logs.search;

/**
 * A query that cannot run, with where and why: answered with 400 (pages show it beside their
 * form; tools get {@link BadQueryHandler}'s JSON).
 */
public final class BadQuery extends Exception {

    private final int position;
    private final String query;

    /**
     * @param position character offset in the query (0-based) where the problem is seen, -1 when it is the whole query
     * @param reason   what is wrong, for people
     * @param query    the query, as it was written
     */
    public BadQuery(int position, String reason, String query) {
        super(reason);
        this.position = position;
        this.query = query == null ? "" : query;
    }

    public int position() {
        return position;
    }

    public String query() {
        return query;
    }
}
