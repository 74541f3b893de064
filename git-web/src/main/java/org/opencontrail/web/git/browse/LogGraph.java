package org.opencontrail.web.git.browse;

import java.util.ArrayList;
import java.util.List;

/**
 * The graph of a page of history, a row per commit, as {@code git log --graph} draws it: each
 * lane waits for a commit; a commit takes the first lane waiting for it (others waiting for it
 * join it), hands its lane to its first parent and opens lanes for the others. Lanes keep their
 * place (a freed lane is reused), so lines run straight.
 */
final class LogGraph {

    /** Width of a lane and height of a row in the drawing's units. */
    static final int LANE = 12;

    static final int HEIGHT = 24;

    /**
     * A row: the commit's lane and the lines of the row, drawn as one SVG path.
     *
     * @param width the drawing's width
     * @param x     the commit's dot
     * @param path  the lines (SVG path data)
     */
    record Row(int width, int x, String path) {
        public int y() {
            return HEIGHT / 2;
        }

        public int height() {
            return HEIGHT;
        }
    }

    private LogGraph() {}

    static List<Row> of(List<CommitInfo> commits) {
        List<String> lanes = new ArrayList<>();
        List<Row> rows = new ArrayList<>(commits.size());
        int mid = HEIGHT / 2;
        for (CommitInfo commit : commits) {
            StringBuilder path = new StringBuilder();
            int node = lanes.indexOf(commit.id());
            if (node < 0) {
                node = free(lanes); // a tip: nothing above it
            }
            // the top half: lanes passing by go straight; lanes waiting for this commit join its dot
            for (int j = 0; j < lanes.size(); j++) {
                String waiting = lanes.get(j);
                if (waiting == null) {
                    continue;
                }
                if (waiting.equals(commit.id())) {
                    line(path, x(j), 0, x(node), mid);
                    lanes.set(j, null);
                } else {
                    line(path, x(j), 0, x(j), HEIGHT);
                }
            }
            // the bottom half: from the dot to each parent's lane
            List<String> parents = commit.parents();
            for (int p = 0; p < parents.size(); p++) {
                String parent = parents.get(p);
                int lane = lanes.indexOf(parent);
                if (lane < 0) {
                    lane = p == 0 && lanes.get(node) == null ? node : free(lanes);
                    lanes.set(lane, parent);
                }
                line(path, x(node), mid, x(lane), HEIGHT);
            }
            while (!lanes.isEmpty() && lanes.get(lanes.size() - 1) == null) {
                lanes.remove(lanes.size() - 1);
            }
            int width = Math.max(lanes.size(), node + 1) * LANE;
            rows.add(new Row(Math.max(width, LANE), x(node), path.toString()));
        }
        return rows;
    }

    private static int free(List<String> lanes) {
        int free = lanes.indexOf(null);
        if (free < 0) {
            lanes.add(null);
            free = lanes.size() - 1;
        }
        return free;
    }

    private static int x(int lane) {
        return lane * LANE + LANE / 2;
    }

    private static void line(StringBuilder path, int x1, int y1, int x2, int y2) {
        path.append('M')
                .append(x1)
                .append(' ')
                .append(y1)
                .append('L')
                .append(x2)
                .append(' ')
                .append(y2)
                .append(' ');
    }
}
