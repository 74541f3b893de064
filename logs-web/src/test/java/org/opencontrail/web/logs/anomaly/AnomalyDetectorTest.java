package org.opencontrail.web.logs.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {

    private static final List<String> PASSING = List.of(
            "+ export ZUUL_REF=refs/zuul/master/Zf47509af698745468756ba1946ab985e",
            "py35 runtests: commands[0] | nosetests -v",
            "test_random_words (test_utils.TokenizerTests) ... ok",
            "OK",
            "[Zuul] Job complete, result: SUCCESS");

    private static List<String> texts(List<AnomalyDetector.Anomaly> anomalies) {
        return anomalies.stream().map(AnomalyDetector.Anomaly::text).toList();
    }

    @Test
    void aFewNewLinesAreEachReportedEvenWithoutAWordOfError() {
        AnomalyDetector.Baseline baseline = new AnomalyDetector.Baseline();
        baseline.addRun(PASSING);
        List<String> failed = List.of(
                "+ export ZUUL_REF=refs/zuul/master/77ee533dd71e4b888ba76daf08036b45",
                "py35 runtests: commands[0] | nosetests -v",
                "test_filename2modelname (test_utils.TokenizerTests) ... ok",
                "test_random_words (test_utils.TokenizerTests) ... ok",
                "ERROR: InvocationError: flake8",
                "[Zuul] Job complete, result: FAILURE");

        List<String> found = texts(AnomalyDetector.detect(failed, baseline));

        assertThat(found)
                .as("errors first, then the new test; a ref whose id changed kind is not new")
                .containsExactly(
                        "ERROR: InvocationError: flake8",
                        "[Zuul] Job complete, result: FAILURE",
                        "test_filename2modelname (test_utils.TokenizerTests) ... ok");
    }

    @Test
    void manyNewLinesAreCutWhereTheFailureStops() {
        AnomalyDetector.Baseline baseline = new AnomalyDetector.Baseline();
        baseline.addRun(PASSING);
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < 3 * AnomalyDetector.FEW; i++) {
            failed.add("Downloading package" + "abcdefghijklmnopqrstuvwxyz".charAt(i % 26) + " mirror"
                    + "abcdefghijklmnopqrstuvwxyz".charAt(i / 26));
        }
        failed.add("cp: cannot stat '/tmp/fail': No such file or directory");

        List<String> found = texts(AnomalyDetector.detect(failed, baseline));

        assertThat(found).containsExactly("cp: cannot stat '/tmp/fail': No such file or directory");
    }

    @Test
    void withoutAPassingRunOnlyWhatSoundsWrongIsReported() {
        List<String> failed = List.of(
                "test_filename2modelname (test_utils.TokenizerTests) ... ok",
                "ERROR: InvocationError: flake8",
                "[Zuul] Job complete, result: FAILURE");

        List<String> found = texts(AnomalyDetector.detect(failed, new AnomalyDetector.Baseline()));

        assertThat(found).doesNotContain("test_filename2modelname (test_utils.TokenizerTests) ... ok");
        assertThat(found).contains("ERROR: InvocationError: flake8");
    }
}
