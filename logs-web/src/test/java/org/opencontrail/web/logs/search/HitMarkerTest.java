package org.opencontrail.web.logs.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HitMarkerTest {

    private final QueryLanguage language = new QueryLanguage(IndexedFixtures.defaultSettings());

    private String mark(String query, String line) throws BadQuery {
        return new HitMarker(language.parse(query).query(), LogAnalyzers.perField(true)).mark(line);
    }

    @Test
    void phraseWordsAreMarkedTogetherAndTheRestEscaped() throws BadQuery {
        assertThat(mark("message:\"No space left\" AND tags:console", "<b>OSError: No space left on device</b>"))
                .isEqualTo("&lt;b&gt;OSError: <mark>No space left</mark> on device&lt;&#x2F;b&gt;");
    }

    @Test
    void patternsMarkTheWordsTheyAccept() throws BadQuery {
        assertThat(mark("message:InterruptedIO*", "java.io.InterruptedIOException: read"))
                .contains("<mark>InterruptedIOException</mark>");
        assertThat(mark("/time[a-z]+/", "Timeout while waiting")).isEqualTo("<mark>Timeout</mark> while waiting");
    }

    @Test
    void aWordInsideACamelCaseWordIsMarkedThere() throws BadQuery {
        assertThat(mark("exception", "raise InterruptedIOException()"))
                .isEqualTo("raise InterruptedIO<mark>Exception</mark>()");
    }

    @Test
    void negatedWordsAreNotMarked() throws BadQuery {
        assertThat(mark("message:failed AND NOT message:retry", "failed, retry later"))
                .isEqualTo("<mark>failed</mark>, retry later");
    }
}
