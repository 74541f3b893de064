package org.opencontrail.web.git.search;

/** A query that cannot be read: what is wrong, and where (a character offset in the query). */
public final class BadCodeQuery extends Exception {

    private static final long serialVersionUID = 1L;

    private final int position;

    BadCodeQuery(String problem, int position) {
        super(problem + " at character " + (position + 1));
        this.position = position;
    }

    /** The offset in the query where it fails, from 0. */
    public int position() {
        return position;
    }
}
