package org.opencontrail.web.git.browse;

import java.util.List;
import java.util.Locale;
import org.opencontrail.web.git.location.GitLocation;
import org.unbescape.html.HtmlEscape;

/**
 * One file of a diff.
 *
 * @param change   ADD, DELETE, MODIFY, RENAME or COPY
 * @param oldPath  the path before (empty when added)
 * @param newPath  the path after (empty when deleted)
 * @param anchor   the id of its section on the page
 * @param similarity for a rename or copy, how alike the two are (percent)
 * @param binary   whether the file is binary (no lines shown)
 * @param added    lines added (-1: not compared, the diff being too large)
 * @param deleted  lines deleted (-1: not compared)
 * @param hunks    its hunks; empty when binary or left out for size
 * @param omitted  whether its lines were left out for size ("show anyway" brings them)
 * @param newUrl   the file after the change, empty when deleted
 */
public record FileDiff(
        String change,
        String oldPath,
        String newPath,
        String anchor,
        int similarity,
        boolean binary,
        int added,
        int deleted,
        List<Hunk> hunks,
        boolean omitted,
        String newUrl) {

    /** A file of a diff too large to compare every file of: listed, its lines neither counted nor shown. */
    static FileDiff notCompared(
            org.eclipse.jgit.diff.DiffEntry entry, String anchor, String project, String newRevision) {
        String oldPath =
                entry.getChangeType() == org.eclipse.jgit.diff.DiffEntry.ChangeType.ADD ? "" : entry.getOldPath();
        String newPath =
                entry.getChangeType() == org.eclipse.jgit.diff.DiffEntry.ChangeType.DELETE ? "" : entry.getNewPath();
        return new FileDiff(
                entry.getChangeType().name(),
                oldPath,
                newPath,
                anchor,
                entry.getScore(),
                false,
                -1,
                -1,
                List.of(),
                true,
                newPath.isEmpty()
                        ? ""
                        : GitLocation.path(project, newRevision, newPath).toUrl());
    }

    /** Whether its lines were compared (counted). */
    public boolean compared() {
        return added >= 0;
    }

    /** The path to show: the new one, or the old when deleted. */
    public String path() {
        return newPath.isEmpty() ? oldPath : newPath;
    }

    public boolean renamed() {
        return change.equals("RENAME") || change.equals("COPY");
    }

    /** What happened to the file, in a word: "modify", "add", "rename"... */
    public String changeWord() {
        return change.toLowerCase(Locale.ROOT);
    }

    /** A link to its section on the page. */
    public String anchorUrl() {
        return "#" + anchor;
    }

    /**
     * A hunk: its header and lines.
     *
     * @param header the {@code @@ -a,b +c,d @@} line
     * @param lines  its lines
     */
    public record Hunk(String header, List<Line> lines) {
        /** Its rows side by side. */
        public List<Row> rows() {
            return Diffs.rows(this);
        }

        /**
         * Its lines as the rows of the unified table, escaped. Written here rather than by the
         * template: a diff's lines are most of a commit page, and the template spent about 10 us
         * on each line's five expressions.
         */
        public String unifiedRows() {
            StringBuilder html = new StringBuilder(lines.size() * 96);
            for (Line line : lines) {
                html.append("<tr class=\"").append(line.css()).append("\"><td class=\"ln\">");
                if (line.oldNo() != 0) {
                    html.append(line.oldNo());
                }
                html.append("</td><td class=\"ln\">");
                if (line.newNo() != 0) {
                    html.append(line.newNo());
                }
                html.append("</td><td class=\"code\"><span class=\"mark\">")
                        .append(line.kind())
                        .append("</span><span>")
                        .append(HtmlEscape.escapeHtml5Xml(line.text()))
                        .append("</span></td></tr>\n");
            }
            return html.toString();
        }
    }

    /**
     * A line of a hunk.
     *
     * @param kind   ' ' context, '+' added, '-' deleted, '\\' a note ("No newline at end of file")
     * @param oldNo  its number in the old file, 0 when added
     * @param newNo  its number in the new file, 0 when deleted
     * @param text   the text
     */
    public record Line(char kind, int oldNo, int newNo, String text) {
        public String css() {
            return switch (kind) {
                case '+' -> "add";
                case '-' -> "del";
                case '\\' -> "note";
                default -> "ctx";
            };
        }
    }

    /**
     * A row of the side-by-side view: deleted lines paired with the added lines that replace them.
     *
     * @param left  the old side, null when empty
     * @param right the new side, null when empty
     */
    public record Row(Line left, Line right) {

        /** The old side's line number, empty when that side is empty or the line was added. */
        public String leftNumber() {
            return left == null || left.oldNo() == 0 ? "" : Integer.toString(left.oldNo());
        }

        /** The old side's class: the line's, or {@code empty}. */
        public String leftClass() {
            return left == null ? "empty" : left.css();
        }

        /** The old side's text, empty when that side is empty. */
        public String leftText() {
            return left == null ? "" : left.text();
        }

        /** The new side's line number, empty when that side is empty or the line was deleted. */
        public String rightNumber() {
            return right == null || right.newNo() == 0 ? "" : Integer.toString(right.newNo());
        }

        /** The new side's class: the line's, or {@code empty}. */
        public String rightClass() {
            return right == null ? "empty" : right.css();
        }

        /** The new side's text, empty when that side is empty. */
        public String rightText() {
            return right == null ? "" : right.text();
        }
    }
}
