package org.opencontrail.web.shared.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads a log line by line in bounded memory: lines end at LF (a CR before it is dropped; a lone
 * CR stays in the line, for the renderer to treat as a terminal would), and of a line longer than
 * {@code keep} characters only the first {@code keep} are held, the rest counted. Every
 * line-oriented input is read through it: logs (viewer, index, anomalies), Gerrit's stream and
 * replay files (which skip a cut line as too long to be an event).
 */
public final class LineReader implements Closeable {

    /**
     * One line.
     *
     * @param number  1-based
     * @param text    its first characters (all of them when not {@link #cut()})
     * @param dropped characters past what was kept
     */
    public record Line(long number, String text, long dropped) {

        public boolean cut() {
            return dropped > 0;
        }
    }

    private final Reader in;
    private final int keep;
    private final char[] buffer = new char[16 * 1024];
    private int position;
    private int limit;
    private long number;
    private long consumed;
    private boolean ended;

    public LineReader(Reader in, int keep) {
        this.in = in;
        this.keep = keep;
    }

    /** A reader that goes on where another stopped: {@code consumed} characters in, after line {@code number}. */
    public static LineReader resume(Reader in, int keep, long consumed, long number) throws IOException {
        LineReader reader = new LineReader(in, keep);
        long left = consumed;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                throw new IOException("the file is shorter than what was read of it before");
            }
            left -= skipped;
        }
        reader.consumed = consumed;
        reader.number = number;
        return reader;
    }

    /** Characters read so far, line ends included: where a resumed reader starts. */
    public long consumed() {
        return consumed;
    }

    /** The number of the last line read. */
    public long number() {
        return number;
    }

    /** The next line, or null at the end. */
    public Line next() throws IOException {
        if (ended) {
            return null;
        }
        StringBuilder text = new StringBuilder(128);
        long dropped = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    ended = true;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int length = position - start;
            consumed += length;
            int room = keep - text.length();
            if (room > 0) {
                text.append(buffer, start, Math.min(room, length));
            }
            dropped += Math.max(0, length - Math.max(0, room));
            if (position < limit) {
                position++; // the LF
                consumed++;
                break;
            }
        }
        if (!text.isEmpty() && text.charAt(text.length() - 1) == '\r' && dropped == 0) {
            text.setLength(text.length() - 1);
        }
        return new Line(++number, text.toString(), dropped);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
