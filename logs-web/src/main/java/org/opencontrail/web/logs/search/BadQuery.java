package org.opencontrail.web.logs.search;

/**
 * A query that cannot run, with where and why: answered with 400.
 */
public final class BadQuery extends Exception {

    private final int position;

    /**
     * @param position character offset in the query (0-based) where the problem is seen, -1 when it is the whole query
     * @param reason   what is wrong, for people
     */
    public BadQuery(int position, String reason) {
        super(reason);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
