package org.opencontrail.web.git.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class DistinctTrigramsTest {

    private static List<String> of(DistinctTrigrams stream, String text) throws IOException {
        stream.of(text);
        CharTermAttribute term = stream.getAttribute(CharTermAttribute.class);
        List<String> trigrams = new ArrayList<>();
        stream.reset();
        while (stream.incrementToken()) {
            trigrams.add(term.toString());
        }
        stream.end();
        stream.close();
        return trigrams;
    }

    @Test
    void eachTrigramOnceFoldedAsTheRegexEngineFoldsCase() throws IOException {
        DistinctTrigrams stream = new DistinctTrigrams();

        assertThat(of(stream, "abcABCabc")).containsExactlyInAnyOrder("abc", "bca", "cab");
        assertThat(of(stream, "ſtr\0\0\0")).contains("str", "\0\0\0");
        assertThat(of(stream, "ab")).as("the same stream, a text too short").isEmpty();
    }

    @Test
    void aTextOfManyDistinctTrigramsGrowsItsSet() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append((char) ('a' + i % 26))
                    .append((char) ('a' + i / 26 % 26))
                    .append((char) ('a' + i / 676 % 26));
        }
        List<String> trigrams = of(new DistinctTrigrams(), text.toString());

        assertThat(trigrams).doesNotHaveDuplicates().hasSizeGreaterThan(10_000);
    }
}
