package org.opencontrail.web.logs.flaky;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A comment is a recheck when Zuul's trigger would read it as one (Gerrit's "Patch Set N:" line,
 * then "recheck" first), and is bare, names a bug, or gives a reason.
 */
class RecheckCommentTest {

    @Test
    void bareRechecksAsGerritWritesThem() {
        assertThat(RecheckComment.of("Patch Set 3:\n\nrecheck")).contains(new RecheckComment("bare", ""));
        assertThat(RecheckComment.of("recheck")).contains(new RecheckComment("bare", ""));
        assertThat(RecheckComment.of("Patch Set 1: Code-Review+1\n\nRECHECK\n"))
                .contains(new RecheckComment("bare", ""));
    }

    @Test
    void rechecksNamingABugOrGivingAReason() {
        assertThat(RecheckComment.of("Patch Set 2: Code-Review+1\n\nrecheck bug 1384373"))
                .contains(new RecheckComment("bug", "bug 1384373"));
        assertThat(RecheckComment.of("recheck https://bugs.launchpad.net/nova/+bug/1234567"))
                .hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo("bug"));
        assertThat(RecheckComment.of("recheck lp#2001234"))
                .hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo("bug"));
        assertThat(RecheckComment.of("Patch Set 4:\n\nrecheck: the package mirror\ntimed out"))
                .contains(new RecheckComment("reason", "the package mirror timed out"));
        assertThat(RecheckComment.of("recheck <script>alert(1)</script>"))
                .contains(new RecheckComment("reason", "<script>alert(1)</script>"));
        assertThat(RecheckComment.of("recheck " + "x".repeat(2000)))
                .hasValueSatisfying(r -> assertThat(r.reason()).hasSize(RecheckComment.REASON_LIMIT));
    }

    @Test
    void commentsZuulWouldNotReadAsRechecks() {
        assertThat(RecheckComment.of("Patch Set 1: Verified-1\n\nBuild failed (check pipeline). Leave a 'recheck'"))
                .isEmpty();
        assertThat(RecheckComment.of("Patch Set 2: Code-Review+2\n\n(1 comment)\n\nrecheck"))
                .isEmpty();
        assertThat(RecheckComment.of("rechecking the logs now")).isEmpty();
        assertThat(RecheckComment.of("Patch Set 1: Code-Review+1\n\nLooks fine"))
                .isEmpty();
        assertThat(RecheckComment.of(null)).isEmpty();
    }
}
