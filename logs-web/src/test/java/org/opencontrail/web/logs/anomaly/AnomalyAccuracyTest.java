package org.opencontrail.web.logs.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The anomalies found in logjuicer's failed logs against the lines people marked there
 * ({@code inf.yaml}): precision and recall are printed, and must stay at or above what was
 * measured when this was written (raise the floors as the detector improves).
 */
class AnomalyAccuracyTest {

    /**
     * Every dataset with its failed log and its passing one where there is one. Those logjuicer
     * marks {@code skip: true} are printed but not scored, as there; optional marks count when
     * found and are not missed when not.
     */
    private static final List<String[]> DATASETS = List.of(
            new String[] {"zuul-console-01", "console.fail", "console.good"},
            new String[] {"zuul-console-pep8", "console.fail", null},
            new String[] {"tempest-01", "tempest.fail", null},
            new String[] {"testr-nodepool-01", "output.fail", null},
            new String[] {"dib-01", "output.fail", null},
            new String[] {"syslog-01", "syslog.fail", null},
            new String[] {"ansible-01", "output.fail", null},
            new String[] {"mock-01", "console.fail", null});

    /** Measured 0.73 (11/15) and 0.28 (11/39) when written. */
    static final double RECALL_FLOOR = 0.70;

    static final double PRECISION_FLOOR = 0.25;

    private static List<String> lines(String path) throws IOException {
        try (InputStream in = AnomalyAccuracyTest.class.getResourceAsStream("/logs/zuul-logjuicer-tests/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** What people marked in a dataset, and whether logjuicer scores it. */
    private record Marks(List<String> required, List<String> optional, boolean skip) {}

    @SuppressWarnings("unchecked")
    private static Marks marked(String dataset) throws IOException {
        try (InputStream in =
                AnomalyAccuracyTest.class.getResourceAsStream("/logs/zuul-logjuicer-tests/" + dataset + "/inf.yaml")) {
            Map<String, Object> inf = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            List<String> required = new ArrayList<>();
            List<String> optional = new ArrayList<>();
            for (Map<String, Object> anomaly : (List<Map<String, Object>>) inf.get("anomalies")) {
                (Boolean.TRUE.equals(anomaly.get("optional")) ? optional : required)
                        .add(String.valueOf(anomaly.get("line")).strip());
            }
            return new Marks(required, optional, Boolean.TRUE.equals(inf.get("skip")));
        }
    }

    @Test
    void precisionAndRecallOnTheLogjuicerDatasets() throws IOException {
        int marks = 0;
        int marksFound = 0;
        int reported = 0;
        int reportedRight = 0;
        for (String[] dataset : DATASETS) {
            List<String> failed = lines(dataset[0] + "/" + dataset[1]);
            AnomalyDetector.Baseline baseline = new AnomalyDetector.Baseline();
            if (dataset[2] != null) {
                baseline.addRun(lines(dataset[0] + "/" + dataset[2]));
            }
            List<AnomalyDetector.Anomaly> anomalies = AnomalyDetector.detect(failed, baseline);
            Marks truth = marked(dataset[0]);
            int found = 0;
            for (String mark : truth.required()) {
                found += anomalies.stream().anyMatch(a -> a.text().contains(mark)) ? 1 : 0;
            }
            int right = 0;
            for (AnomalyDetector.Anomaly anomaly : anomalies) {
                right += java.util.stream.Stream.concat(truth.required().stream(), truth.optional().stream())
                                .anyMatch(anomaly.text()::contains)
                        ? 1
                        : 0;
            }
            System.out.printf(
                    Locale.ROOT,
                    "anomalies %-18s marked %2d found %2d | reported %2d right %2d%s%n",
                    dataset[0],
                    truth.required().size(),
                    found,
                    anomalies.size(),
                    right,
                    truth.skip() ? "  (not scored: skip)" : "");
            if (truth.skip()) {
                continue;
            }
            marks += truth.required().size();
            marksFound += found;
            reported += anomalies.size();
            reportedRight += right;
        }
        double recall = (double) marksFound / marks;
        double precision = reported == 0 ? 0 : (double) reportedRight / reported;
        System.out.printf(
                Locale.ROOT,
                "anomalies overall: recall %.2f (%d/%d), precision %.2f (%d/%d)%n",
                recall,
                marksFound,
                marks,
                precision,
                reportedRight,
                reported);
        assertThat(recall).isGreaterThanOrEqualTo(RECALL_FLOOR);
        assertThat(precision).isGreaterThanOrEqualTo(PRECISION_FLOOR);
    }
}
