package org.opencontrail.web.git.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A commit's CI is coloured by what each result means, as shared's ZuulResult decides it, never by its spelling. */
class CommitCiClassesTest {

    private static CommitCi.Build job(String result) {
        return new CommitCi.Build("job", result, true, "5 min", "");
    }

    @Test
    void aJobsClassComesFromWhatItsResultMeans() {
        assertThat(job("SUCCESS").css()).isEqualTo("status-ok");
        assertThat(job("success").css()).isEqualTo("status-ok");
        assertThat(job("FAILURE").css()).isEqualTo("status-fail");
        assertThat(job("POST_FAILURE").css()).isEqualTo("status-fail");
        assertThat(job("A_RESULT_ZUUL_ADDS_LATER").css())
                .as("a result not known here counts as failed")
                .isEqualTo("status-fail");
        assertThat(job("RETRY_LIMIT").css()).as("the CI's own trouble").isEqualTo("status-warn");
        assertThat(job("SKIPPED").css()).as("not run").isEqualTo("muted");
        assertThat(job("").css()).as("still running").isEqualTo("muted");
    }

    @Test
    void aJobWithoutAResultIsRunning() {
        assertThat(job("").shownResult()).isEqualTo("running");
        assertThat(job("FAILURE").shownResult()).isEqualTo("FAILURE");
    }

    @Test
    void aGateRunSaysWhetherItPassedInAWordAndAClass() {
        CommitCi.Run passed = new CommitCi.Run("gate", true, List.of());
        CommitCi.Run failed = new CommitCi.Run("gate", false, List.of());

        assertThat(List.of(passed.verdict(), passed.css())).containsExactly("passed", "status-ok");
        assertThat(List.of(failed.verdict(), failed.css())).containsExactly("failed", "status-fail");
    }

    @Test
    void aReviewsStatusIsShownAsAWord() {
        assertThat(new CommitCi.Review(4242, "MERGED", "s", "master", "").statusWord())
                .isEqualTo("merged");
        assertThat(new CommitCi.Review(4242, "ABANDONED", "s", "master", "").statusWord())
                .isEqualTo("abandoned");
    }
}
