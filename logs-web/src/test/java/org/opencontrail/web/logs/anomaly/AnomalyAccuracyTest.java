package org.opencontrail.web.logs.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The first anomalies of logjuicer's failed logs against the lines people marked there
 * ({@code inf.yaml}), passing logs kept apart as baselines. For each log, its first
 * max(10, marked + 5) ranked lines are read, as a developer reads the top of the list: the share of
 * the marked lines among them (recall) and the share of them that are marked lines (precision) are
 * printed, over the logs logjuicer scores and over every log, with the goals, and must stay at or
 * above what was measured (raise the floors as the ranking improves).
 */
class AnomalyAccuracyTest {

    /**
     * Every dataset with its failed log and its passing one where there is one. Those logjuicer
     * marks {@code skip: true} are printed apart; optional marks count when ranked and are not
     * missed when not.
     */
    private static final List<String[]> DATASETS = List.of(
            new String[] {"zuul-console-01", "console.fail", "console.good"},
            new String[] {"zuul-console-pep8", "console.fail", "console.good"},
            new String[] {"tempest-01", "tempest.fail", null},
            new String[] {"testr-nodepool-01", "output.fail", null},
            new String[] {"dib-01", "output.fail", null},
            new String[] {"syslog-01", "syslog.fail", null},
            new String[] {"ansible-01", "output.fail", "output.good"},
            new String[] {"mock-01", "console.fail", null});

    /** The goals: at least 0.9 of the marked lines among the first ranked, at least 0.6 of those marked. */
    static final double RECALL_GOAL = 0.9;

    static final double PRECISION_GOAL = 0.6;

    /**
     * What is measured now, which must not fall: 12 of 15 marked lines (0.80), 12 of 19 ranked lines
     * marked (0.63). The three marked lines missed are not errors by any sign a log gives without a
     * passing run beside it (syslog-01's "Started Remount Root..." and "Selected source", dib-01's
     * "Copying hooks ... 80-test"), and their passing runs are not among the files kept here.
     */
    static final double RECALL_FLOOR = 0.8;

    static final double PRECISION_FLOOR = 0.6;

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

    /** Counts over some logs: marked lines, those ranked first, lines ranked first, those marked. */
    private static final class Tally {
        int marks;
        int marksRanked;
        int ranked;
        int rankedMarked;

        double recall() {
            return marks == 0 ? 0 : (double) marksRanked / marks;
        }

        double precision() {
            return ranked == 0 ? 0 : (double) rankedMarked / ranked;
        }

        String words() {
            return String.format(
                    Locale.ROOT,
                    "marked lines among the first ranked %d of %d (%.2f), ranked lines marked %d of %d (%.2f)",
                    marksRanked,
                    marks,
                    recall(),
                    rankedMarked,
                    ranked,
                    precision());
        }
    }

    @Test
    void theMarkedLinesRankFirst() throws IOException {
        Tally scored = new Tally();
        Tally every = new Tally();
        for (String[] dataset : DATASETS) {
            List<String> failed = lines(dataset[0] + "/" + dataset[1]);
            AnomalyDetector.Baseline baseline = new AnomalyDetector.Baseline();
            if (dataset[2] != null) {
                baseline.addRun(lines(dataset[0] + "/" + dataset[2]));
            }
            Marks truth = marked(dataset[0]);
            List<AnomalyDetector.Anomaly> anomalies = AnomalyDetector.detect(failed, baseline);
            int first = Math.max(10, truth.required().size() + 5);
            List<AnomalyDetector.Anomaly> top = anomalies.subList(0, Math.min(first, anomalies.size()));
            int found = 0;
            for (String mark : truth.required()) {
                found += top.stream().anyMatch(a -> a.text().contains(mark)) ? 1 : 0;
            }
            int right = 0;
            for (AnomalyDetector.Anomaly anomaly : top) {
                right += Stream.concat(truth.required().stream(), truth.optional().stream())
                                .anyMatch(anomaly.text()::contains)
                        ? 1
                        : 0;
            }
            System.out.printf(
                    Locale.ROOT,
                    "anomalies %-18s marked %2d, among the first %2d ranked %2d | ranked %2d, marked %2d%s%n",
                    dataset[0],
                    truth.required().size(),
                    first,
                    found,
                    top.size(),
                    right,
                    truth.skip() ? "  (logjuicer: skip)" : "");
            for (Tally tally : truth.skip() ? List.of(every) : List.of(every, scored)) {
                tally.marks += truth.required().size();
                tally.marksRanked += found;
                tally.ranked += top.size();
                tally.rankedMarked += right;
            }
        }
        System.out.println("anomalies, the logs logjuicer scores: " + scored.words());
        System.out.println("anomalies, every log: " + every.words());
        System.out.printf(
                Locale.ROOT,
                "anomalies, goals: recall %.2f %s, precision %.2f %s%n",
                RECALL_GOAL,
                scored.recall() >= RECALL_GOAL ? "met" : "not met",
                PRECISION_GOAL,
                scored.precision() >= PRECISION_GOAL ? "met" : "not met");
        assertThat(scored.recall()).isGreaterThanOrEqualTo(RECALL_FLOOR);
        assertThat(scored.precision()).isGreaterThanOrEqualTo(PRECISION_FLOOR);
    }
}
