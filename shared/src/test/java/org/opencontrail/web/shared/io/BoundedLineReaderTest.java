package org.opencontrail.web.shared.io;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import org.opencontrail.web.shared.io.BoundedLineReader;

class BoundedLineReaderTest {

    @Test
    void readsLinesWithEitherTerminator() throws IOException {
        BoundedLineReader reader = new BoundedLineReader(new StringReader("one\ntwo\r\n\nlast"), 100);

        assertThat(reader.next()).hasValue(new BoundedLineReader.Line("one", false));
        assertThat(reader.next()).hasValue(new BoundedLineReader.Line("two", false));
        assertThat(reader.next()).hasValue(new BoundedLineReader.Line("", false));
        assertThat(reader.next()).hasValue(new BoundedLineReader.Line("last", false));
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void aLineBeyondTheBoundIsSkippedAndFlaggedKeepingOnlyItsStart() throws IOException {
        String huge = "x".repeat(50_000);
        BoundedLineReader reader = new BoundedLineReader(new StringReader("ok\n" + huge + "\nafter\n"), 1000);

        assertThat(reader.next()).hasValue(new BoundedLineReader.Line("ok", false));
        BoundedLineReader.Line skipped = reader.next().orElseThrow();
        assertThat(skipped.tooLong()).isTrue();
        assertThat(skipped.text()).hasSizeLessThanOrEqualTo(256);
        assertThat(reader.next()).hasValue(new BoundedLineReader.Line("after", false));
    }
}
