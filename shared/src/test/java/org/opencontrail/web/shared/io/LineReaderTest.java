package org.opencontrail.web.shared.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Lines in bounded memory: a 100 MB line costs what is kept of it, not 100 MB. */
class LineReaderTest {

    /** A line of {@code length} x's then "\\nnext\\n", made as it is read. */
    private static Reader hugeLine(long length) {
        return new Reader() {
            private long left = length;
            private final String tail = "\nnext\n";
            private int tailAt;

            @Override
            public int read(char[] buffer, int offset, int count) {
                if (left > 0) {
                    int n = (int) Math.min(count, left);
                    java.util.Arrays.fill(buffer, offset, offset + n, 'x');
                    left -= n;
                    return n;
                }
                if (tailAt < tail.length()) {
                    int n = Math.min(count, tail.length() - tailAt);
                    tail.getChars(tailAt, tailAt + n, buffer, offset);
                    tailAt += n;
                    return n;
                }
                return -1;
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void aHundredMegabyteLineKeepsOnlyItsHead() throws IOException {
        try (LineReader reader = new LineReader(hugeLine(100L << 20), 64 * 1024)) {
            LineReader.Line line = reader.next();
            assertThat(line.text()).hasSize(64 * 1024);
            assertThat(line.dropped()).isEqualTo((100L << 20) - 64 * 1024);
            assertThat(line.cut()).isTrue();
            LineReader.Line next = reader.next();
            assertThat(next.number()).isEqualTo(2);
            assertThat(next.text()).isEqualTo("next");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void lineEndsAreLfWithAnOptionalCr() throws IOException {
        try (LineReader reader = new LineReader(new StringReader("a\r\nb\rc\n\nlast"), 100)) {
            assertThat(reader.next().text()).isEqualTo("a");
            assertThat(reader.next().text())
                    .isEqualTo("b\rc"); // a lone CR is the renderer's to show as a terminal would
            assertThat(reader.next().text()).isEmpty();
            assertThat(reader.next().text()).isEqualTo("last");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void readsLinesWithEitherTerminator() throws IOException {
        LineReader reader = new LineReader(new StringReader("one\ntwo\r\n\nlast"), 100);

        assertThat(reader.next().text()).isEqualTo("one");
        assertThat(reader.next().text()).isEqualTo("two");
        assertThat(reader.next().text()).isEqualTo("");
        assertThat(reader.next().text()).isEqualTo("last");
        assertThat(reader.next()).isNull();
    }

    @Test
    void aLineBeyondTheBoundIsFlaggedKeepingOnlyItsStart() throws IOException {
        String huge = "x".repeat(50_000);
        LineReader reader = new LineReader(new StringReader("ok\n" + huge + "\nafter\n"), 1000);

        assertThat(reader.next().text()).isEqualTo("ok");
        LineReader.Line skipped = reader.next();
        assertThat(skipped.cut()).isTrue();
        assertThat(skipped.text()).hasSizeLessThanOrEqualTo(1000);
        assertThat(reader.next().text()).isEqualTo("after");
    }
}
