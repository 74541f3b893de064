package org.opencontrail.web.logs.live;

import java.util.ArrayList;
import java.util.List;
import org.opencontrail.web.shared.io.LineReader;

/**
 * Lines out of a console's text as it arrives in pieces that may end inside a line (Zuul's frames
 * are about 1 KB, Jenkins answers what was written so far). Each line is numbered from 1; a line
 * longer than the bound keeps its start and counts the rest, so no upstream can make it hold more.
 */
final class LineAssembler {

    private final int keep;
    private final StringBuilder partial = new StringBuilder();
    private long dropped;
    private long number;

    LineAssembler(int keep) {
        this.keep = keep;
    }

    /** The lines the piece completes. */
    List<LineReader.Line> add(CharSequence piece) {
        List<LineReader.Line> lines = new ArrayList<>();
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (c == '\n') {
                lines.add(take());
            } else if (partial.length() < keep) {
                partial.append(c);
            } else {
                dropped++;
            }
        }
        return lines;
    }

    /** The last line, when the text ended without a line break. */
    List<LineReader.Line> finish() {
        return partial.isEmpty() && dropped == 0 ? List.of() : List.of(take());
    }

    /** The number of the last complete line. */
    long lines() {
        return number;
    }

    /** As a stored log's reader splits it: at each line feed, a carriage return before it dropped. */
    private LineReader.Line take() {
        if (dropped == 0 && !partial.isEmpty() && partial.charAt(partial.length() - 1) == '\r') {
            partial.setLength(partial.length() - 1);
        }
        LineReader.Line line = new LineReader.Line(++number, partial.toString(), dropped);
        partial.setLength(0);
        dropped = 0;
        return line;
    }
}
