package org.opencontrail.web.logs.lines;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each format's lines get their own level and time; lines without one inherit their entry's. */
class LineClassifierTest {

    private static Severity level(LineClassifier classifier, String line) {
        return classifier.classify(line).severity();
    }

    @Test
    void theFormatsOfCiLogsSayTheirLevels() {
        LineClassifier c = new LineClassifier();
        assertThat(level(c, "2013-09-27 18:22:36.038 6602 DEBUG cinder.service [-] TRACE %(name)s"))
                .isEqualTo(Severity.DEBUG);
        assertThat(level(c, "2013-09-27 18:22:37.001 6602 ERROR nova.compute.manager [req-1] Instance failed"))
                .isEqualTo(Severity.ERROR);
        assertThat(level(
                        c,
                        "2013-09-27 18:22:37.002 6602 TRACE nova.compute.manager Traceback (most recent call last):"))
                .isEqualTo(Severity.TRACE);
        assertThat(level(c, "2017-01-01 12:00:00,123 WARN  [main] org.example.Service - slow"))
                .isEqualTo(Severity.WARNING);
        assertThat(level(c, "2017-01-01T12:00:00.123Z [FATAL] broker gone")).isEqualTo(Severity.CRITICAL);
        assertThat(level(c, "ERROR:root:something broke")).isEqualTo(Severity.ERROR);
        assertThat(level(c, "2017-11-10 01:38:51.163514 | primary | SYS_ERR XmppChannel: connection lost"))
                .isEqualTo(Severity.ERROR);
        assertThat(level(c, "Mar 28 12:20:43.570064 host cinder-api[8526]: WARNING oslo_reports [-] registered"))
                .isEqualTo(Severity.WARNING);
        assertThat(level(c, "Nov 24 10:00:00 primary kernel: vrouter: error: cannot allocate"))
                .isEqualTo(Severity.ERROR);
        assertThat(level(c, "2017-11-10 01:38:51.163514 | fatal: [localhost]: FAILED! => {}"))
                .isEqualTo(Severity.ERROR);
        assertThat(level(c, "2017-11-10 01:38:52.000000 | ok: [localhost]")).isEqualTo(Severity.NONE);
        assertThat(level(c, "2013-09-27 18:22:37.003 6602 INFO nova.WARNING.module [-] dotted names are not levels"))
                .isEqualTo(Severity.INFO);
    }

    @Test
    void linesWithoutALevelInheritTheirEntrysAndANewEntryStartsAfresh() {
        LineClassifier c = new LineClassifier();
        assertThat(level(c, "2017-01-01 12:00:00,123 ERROR [main] org.example.Service - failed"))
                .isEqualTo(Severity.ERROR);
        assertThat(level(c, "java.lang.IllegalStateException: broken")).isEqualTo(Severity.ERROR);
        assertThat(level(c, "\tat org.example.Service.run(Service.java:42)")).isEqualTo(Severity.ERROR);
        assertThat(level(c, "2017-01-01 12:00:01,000 INFO  [main] org.example.Service - recovered"))
                .isEqualTo(Severity.INFO);
        assertThat(level(c, "    continuation of the info entry")).isEqualTo(Severity.INFO);
        assertThat(c.classify("2017-01-01 12:00:01,000 INFO  [main] x").time()).isEqualTo("2017-01-01 12:00:01,000");
    }

    @Test
    void aPlainConsoleDoesNotCarryAKeywordToTheNextLines() {
        LineClassifier c = new LineClassifier();
        assertThat(level(c, "test_a ... FAILED")).isEqualTo(Severity.ERROR);
        assertThat(level(c, "test_b ... ok")).isEqualTo(Severity.NONE);
    }
}
