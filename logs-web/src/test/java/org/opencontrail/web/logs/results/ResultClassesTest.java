package org.opencontrail.web.logs.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultClassesTest {

    @Test
    void resultsHaveTheirColours() {
        assertThat(ResultClasses.chart("SUCCESS")).isEqualTo("chart-ok");
        assertThat(ResultClasses.chart("POST_FAILURE")).isEqualTo("chart-fail");
        assertThat(ResultClasses.chart("RETRY_LIMIT")).isEqualTo("chart-warn");
        assertThat(ResultClasses.chart("")).isEqualTo("chart-other");
        assertThat(ResultClasses.chart("SKIPPED")).isEqualTo("chart-other");
    }

    @Test
    void everyFailureIsMarkedAsOneWhateverZuulCallsIt() {
        assertThat(ResultClasses.mark("POST_FAILURE")).isEqualTo("result-failure");
        assertThat(ResultClasses.mark("NODE_FAILURE")).isEqualTo("result-failure");
        assertThat(ResultClasses.mark("SOMETHING_NEW")).isEqualTo("result-failure");
        assertThat(ResultClasses.mark("SUCCESS")).isEqualTo("result-success");
        assertThat(ResultClasses.mark("ABORTED")).isEqualTo("result-skipped");
        assertThat(ResultClasses.mark("")).isEmpty();
    }
}
