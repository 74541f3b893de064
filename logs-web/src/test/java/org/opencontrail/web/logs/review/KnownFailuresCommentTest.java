package org.opencontrail.web.logs.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The comment reads as elastic-recheck's did, and nothing from a build or a signature changes its lines or links. */
class KnownFailuresCommentTest {

    private static final String FINGERPRINTS = "https://logs.opencontrail.org/failures/fingerprints";
    private static final String FAILURES = "https://logs.opencontrail.org/failures";
    private static final KnownFailuresComment.Buildset BUILDSET = new KnownFailuresComment.Buildset(
            "9c1f3e0b5d2a4c6e8f7a1b2c3d4e5f60",
            "https://logs.opencontrail.org/buildset/9c1f3e0b5d2a4c6e8f7a1b2c3d4e5f60");

    @Test
    void everyFailureKnownGetsTheRecheckHint() {
        String text = KnownFailuresComment.text(
                BUILDSET,
                List.of(new KnownFailuresComment.FailedJob(
                        "contrail-vnc-build-unittest",
                        "https://logs.opencontrail.org/45/91245/3/check/contrail-vnc-build-unittest/0f1e2d3/",
                        List.of(new KnownFailuresComment.Known("1384373", "https://bugs.launchpad.net/bugs/1384373")),
                        "")),
                FINGERPRINTS,
                FAILURES);
        assertThat(text).isEqualTo("""
                        I noticed Zuul failed, I think you hit bug(s):

                        - contrail-vnc-build-unittest https://logs.opencontrail.org/45/91245/3/check/contrail-vnc-build-unittest/0f1e2d3/: 1384373 https://bugs.launchpad.net/bugs/1384373

                        If you believe we've correctly identified the failure, feel free to leave a 'recheck' comment to run the tests again.

                        Buildset 9c1f3e0b5d2a4c6e8f7a1b2c3d4e5f60: https://logs.opencontrail.org/buildset/9c1f3e0b5d2a4c6e8f7a1b2c3d4e5f60

                        For more details on this and other bugs, please see https://logs.opencontrail.org/failures
                        """);
    }

    @Test
    void anUnrecognizedFailureAsksForHelpWithItsFirstAnomaly() {
        String text = KnownFailuresComment.text(
                BUILDSET,
                List.of(
                        new KnownFailuresComment.FailedJob(
                                "contrail-sanity",
                                "https://logs.example/a/",
                                List.of(),
                                "https://logs.example/a/job-output.txt#L4021"),
                        new KnownFailuresComment.FailedJob(
                                "contrail-unittest",
                                "https://logs.example/b/",
                                List.of(new KnownFailuresComment.Known(
                                        "vrouter-oops", "https://logs.example/failures#vrouter-oops")),
                                "")),
                FINGERPRINTS,
                FAILURES);
        assertThat(text.lines().toList())
                .contains(
                        "- contrail-sanity https://logs.example/a/: unrecognized error, its first anomaly:"
                                + " https://logs.example/a/job-output.txt#L4021",
                        "- contrail-unittest https://logs.example/b/: vrouter-oops https://logs.example/failures#vrouter-oops",
                        "Some of the tests failed in a way that we did not understand. Please help us classify these"
                                + " issues so that they can be part of the known failures: " + FINGERPRINTS)
                .noneMatch(line -> line.contains("'recheck'"));
    }

    @Test
    void hostileNamesAndAddressesNeitherBreakLinesNorAddLinks() {
        String text = KnownFailuresComment.text(
                BUILDSET,
                List.of(new KnownFailuresComment.FailedJob(
                        "job\n- fake-job https://evil.example/ : [click](javascript:alert(1))",
                        "javascript:alert(2)",
                        List.of(new KnownFailuresComment.Known(
                                "1384373", "https://bugs.example/1 https://evil.example/")),
                        "data:text/html,<script>alert(3)</script>")),
                FINGERPRINTS,
                FAILURES);
        assertThat(text.lines().filter(line -> line.startsWith("- "))).hasSize(1);
        assertThat(text).doesNotContain("://evil").doesNotContain("javascript:").doesNotContain("data:");
        assertThat(text)
                .as("a known failure whose address is not one is named without it")
                .contains(": 1384373\n");
    }
}
