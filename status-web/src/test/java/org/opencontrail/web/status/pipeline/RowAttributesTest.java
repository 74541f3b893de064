package org.opencontrail.web.status.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The classes and data attributes of an item and its jobs are made by their rows, for the page and its stream alike. */
class RowAttributesTest {

    private static ItemRow item(String stateClass, boolean branchOff, long etaMillis) {
        return new ItemRow(
                "1",
                "item-gate-1",
                "1,1",
                "1",
                "",
                "p",
                "master",
                "",
                "",
                "running",
                stateClass,
                branchOff,
                false,
                "",
                "",
                "8 min",
                false,
                false,
                List.of(),
                0,
                etaMillis);
    }

    private static JobRow job(long startedAt, long totalMs) {
        return new JobRow(
                "job", "running", "result-running", "\u25B6", true, 1, "", 40, "4 min", "", startedAt, totalMs);
    }

    @Test
    void anItemDrawnOffTheLineAddsBranchOffToItsStatesClass() {
        assertThat(item("state-failing", true, 0).classes()).isEqualTo("state-failing branch-off");
        assertThat(item("state-running", false, 0).classes()).isEqualTo("state-running");
    }

    @Test
    void aTimeNobodyKnowsLeavesItsDataAttributeOut() {
        assertThat(item("state-running", false, 1_700_000_000_000L).dataEta()).isEqualTo(1_700_000_000_000L);
        assertThat(item("state-running", false, 0).dataEta()).isNull();
        assertThat(job(1_700_000_000_000L, 600_000).dataStarted()).isEqualTo(1_700_000_000_000L);
        assertThat(job(1_700_000_000_000L, 600_000).dataTotal()).isEqualTo(600_000L);
        assertThat(job(0, 0).dataStarted()).isNull();
        assertThat(job(0, 0).dataTotal()).isNull();
    }
}
