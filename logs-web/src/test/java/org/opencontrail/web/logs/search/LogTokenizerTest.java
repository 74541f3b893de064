package org.opencontrail.web.logs.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

class LogTokenizerTest {

    /** Each token as {@code term/positionIncrement}. */
    private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(SearchFields.MESSAGE, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                assertThat(text.substring(offset.startOffset(), offset.endOffset())
                                .toLowerCase())
                        .isEqualTo(term.toString());
                tokens.add(term + "/" + increment.getPositionIncrement());
            }
            stream.end();
        }
        return tokens;
    }

    @Test
    void dottedNamesPathsAndSnakeCaseFallIntoTheirParts() throws IOException {
        assertThat(tokens(LogAnalyzers.text(true), "oslo_concurrency.lockutils /opt/stack/nova req-3f2a9c 10.0.0.1"))
                .containsExactly(
                        "oslo/1",
                        "concurrency/1",
                        "lockutils/1",
                        "opt/1",
                        "stack/1",
                        "nova/1",
                        "req/1",
                        "3f2a9c/1",
                        "10/1",
                        "0/1",
                        "0/1",
                        "1/1");
    }

    @Test
    void camelCaseWordsAreKeptWholeWithTheirWordsAtTheSamePosition() throws IOException {
        assertThat(tokens(LogAnalyzers.text(true), "java.io.InterruptedIOException raised"))
                .containsExactly(
                        "java/1",
                        "io/1",
                        "interruptedioexception/1",
                        "interrupted/0",
                        "io/0",
                        "exception/0",
                        "raised/1");
        assertThat(tokens(LogAnalyzers.text(false), "InterruptedIOException raised"))
                .as("queries keep words whole")
                .containsExactly("interruptedioexception/1", "raised/1");
    }

    @Test
    void dataIsNotSplitIntoWords() throws IOException {
        String base64 =
                "MIIBfQIBATBcMFcxCzAJBgNVBAYTAlVTMQ4wDAYDVQQIDAVVbnNldDEOMAwGA1UEBwwFVW5zZXQxDjAMBgNVBAoMBVVuc2V0";
        assertThat(tokens(LogAnalyzers.text(true), base64)).hasSize(1);
        assertThat(tokens(LogAnalyzers.text(true), "a".repeat(300)))
                .containsExactly("a".repeat(255) + "/1", "a".repeat(45) + "/1");
    }
}
