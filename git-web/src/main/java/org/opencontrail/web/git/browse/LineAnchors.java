package org.opencontrail.web.git.browse;

/** How a file's and a blame's lines are named on their pages, so that {@code #L12} links to line 12 on both. */
final class LineAnchors {

    private LineAnchors() {}

    /** The id of a line's element. */
    static String id(int line) {
        return "L" + line;
    }

    /** A link to a line on the same page. */
    static String href(int line) {
        return "#" + id(line);
    }
}
