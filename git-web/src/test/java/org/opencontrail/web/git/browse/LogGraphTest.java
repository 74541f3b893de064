package org.opencontrail.web.git.browse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogGraphTest {

    private static CommitInfo commit(String id, String... parents) {
        return new CommitInfo(
                id,
                id,
                "subject " + id,
                "Ada",
                "ada@example.org",
                "2026-01-01T00:00:00Z",
                "1 day",
                "/p/+/" + id,
                List.of(),
                parents.length > 1,
                List.of(parents),
                "");
    }

    @Test
    void aStraightHistoryIsOneLane() {
        List<LogGraph.Row> rows = LogGraph.of(List.of(commit("c", "b"), commit("b", "a"), commit("a")));
        assertThat(rows).extracting(LogGraph.Row::x).containsExactly(6, 6, 6);
        assertThat(rows).extracting(LogGraph.Row::width).containsOnly(12);
        assertThat(rows.get(0).path()).isEqualTo("M6 12L6 24 "); // a tip: nothing above its dot
        assertThat(rows.get(1).path()).isEqualTo("M6 0L6 12 M6 12L6 24 ");
        assertThat(rows.get(2).path()).isEqualTo("M6 0L6 12 "); // the root: nothing below
    }

    @Test
    void aMergeOpensALaneForItsSecondParentThatJoinsAgainAtTheForkPoint() {
        List<LogGraph.Row> rows =
                LogGraph.of(List.of(commit("m", "a", "s"), commit("s", "b"), commit("a", "b"), commit("b")));
        assertThat(rows).extracting(LogGraph.Row::x).containsExactly(6, 18, 6, 18);
        assertThat(rows.get(0).path()).contains("M6 12L6 24").contains("M6 12L18 24");
        assertThat(rows.get(1).path()).contains("M6 0L6 24").contains("M18 0L18 12");
        assertThat(rows.get(2).path()).contains("M6 12L18 24"); // a's parent is the lane already waiting for b
        assertThat(rows).extracting(LogGraph.Row::width).containsOnly(24);
    }

    @Test
    void anEmptyPageHasNoGraph() {
        assertThat(LogGraph.of(List.of())).isEmpty();
    }
}
