package org.opencontrail.web.shared.zuul;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ZuulResultTest {

    @Test
    void eachResultZuulReportsHasOneMeaning() {
        assertThat(ZuulResult.of("SUCCESS"))
                .hasValueSatisfying(r -> assertThat(r.passed()).isTrue());
        for (String failed : new String[] {
            "FAILURE", "POST_FAILURE", "TIMED_OUT", "NODE_FAILURE", "RETRY_LIMIT", "MERGER_FAILURE", "LOST"
        }) {
            assertThat(ZuulResult.of(failed))
                    .as(failed)
                    .hasValueSatisfying(r -> assertThat(r.failed()).isTrue());
        }
        for (String notRun : new String[] {"SKIPPED", "CANCELED", "ABORTED", "DEQUEUED", "NO_JOBS"}) {
            assertThat(ZuulResult.of(notRun))
                    .as(notRun)
                    .hasValueSatisfying(
                            r -> assertThat(r.failed() || r.passed()).isFalse());
        }
        assertThat(ZuulResult.of("RETRY_LIMIT").orElseThrow().tone()).isEqualTo(ZuulResult.Tone.TROUBLE);
    }

    @Test
    void aBlankResultIsNoneYetAndAnUnknownOneCountsAsFailed() {
        assertThat(ZuulResult.of("")).isEmpty();
        assertThat(ZuulResult.of(null)).isEmpty();
        assertThat(ZuulResult.of("success ")).hasValue(ZuulResult.SUCCESS);
        assertThat(ZuulResult.of("<script>")).hasValueSatisfying(r -> {
            assertThat(r).isEqualTo(ZuulResult.OTHER);
            assertThat(r.failed()).isTrue();
            assertThat(r.known()).isFalse();
        });
    }
}
