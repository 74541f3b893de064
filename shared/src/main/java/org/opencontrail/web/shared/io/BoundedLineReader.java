package org.opencontrail.web.shared.io;

import java.io.IOException;
import java.io.Reader;
import java.util.Optional;

/**
 * Reads lines like {@link java.io.BufferedReader#readLine()} but never holds more than a bound:
 * a longer line is skipped to its end and reported, so that one absurd line cannot exhaust memory.
 * Every line-oriented input an operator or a peer brings (Gerrit's stream, a replay file) is read
 * through it.
 */
public final class BoundedLineReader {

    /** One line, or the news that a line was too long. */
    public record Line(String text, boolean tooLong) {
    }

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;

    public BoundedLineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its terminator; empty at the end of the stream. */
    public Optional<Line> next() throws IOException {
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return line.length() > 0 || tooLong ? Optional.of(new Line(line.toString(), tooLong)) : Optional.empty();
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (!tooLong) {
                line.append(buffer, start, position - start);
                if (line.length() > maxChars) {
                    tooLong = true;
                    line.setLength(Math.min(line.length(), 256));
                }
            }
            if (position < limit) {
                position++;
                int end = line.length();
                if (!tooLong && end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return Optional.of(new Line(line.toString(), tooLong));
            }
        }
    }
}
