package org.opencontrail.web.logs.anomaly;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.opencontrail.web.logs.lines.LineClassifier;
import org.opencontrail.web.logs.lines.LineShape;
import org.opencontrail.web.logs.lines.Severity;

/**
 * Finds the lines of a failed log that passing runs of the same job do not have (logjuicer's idea):
 * a line whose shape ({@link LineShape}) appears in no baseline is new, the more so when its words
 * are new too; new lines that say they are errors, or that occur once, rank first. Without a
 * baseline every line is new, and the ranking alone decides.
 */
public final class AnomalyDetector {

    /** Most lines reported. */
    static final int LIMIT = 20;
    /**
     * At most this many lines new against the passing runs are all reported, whatever their words:
     * the failed run then differs from them by these lines only.
     */
    static final int FEW = 10;

    /** Least score reported. */
    static final double THRESHOLD = 0.35;

    /**
     * Words of a problem, standing alone: "error" in a package's or a function's name
     * ({@code libgpg-error}, {@code on_error}) says nothing.
     */
    private static final Pattern PROBLEM = Pattern.compile(
            "(?i)(?<![\\w.-])(traceback|exception|error|errors|errno|fatal|fail|failed|failure|cannot|can't|could not|unable"
                    + "|timed? ?out|timeout|refused|denied|no such file|not found|panic|killed|abort|aborted"
                    + "|segmentation|unreachable|wrong|to retry, use)(?![\\w-])"
                    + "|\\w(Error|Exception)\\b" // a Python or Java exception's name: IOError, MultipleInvalid... Error
                    + "|:\\d+:\\d+: [EFW]\\d{3} "); // a lint error (flake8, pycodestyle)

    /** Python logging's default format before a message: "INFO:dlrn-build:". */
    private static final Pattern LOGGED = Pattern.compile("^(?:DEBUG|INFO|WARNING|ERROR|CRITICAL):[\\w.-]+:");

    /** A line a program logged at its debug level, whatever words it has: chatter. */
    private static final Pattern DEBUG = Pattern.compile("(?i)(?<![\\w-])\\[?DEBUG\\]?[: ]");

    /**
     * Quoted names and values (single quotes, as Python prints them, and brackets) that vary between
     * otherwise equal lines; double quotes are left: a traceback's frames differ by their file.
     */
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\\[[^\\]]*\\]");

    /** Below this share of the top score a line is not reported: the list stops where the failure does. */
    static final double RELATIVE_THRESHOLD = 0.75;

    /**
     * A line that stands out.
     *
     * @param line  its number (1-based)
     * @param text  the line
     * @param score how much it stands out, 0 to 1
     * @param why   in words
     */
    public record Anomaly(long line, String text, double score, String why) {}

    /** What a baseline holds: the shapes of its lines and the words of those shapes. */
    public static final class Baseline {

        private final Set<String> shapes = new HashSet<>();
        private final Set<String> words = new HashSet<>();
        private int runs;

        public void addRun(Iterable<String> lines) {
            runs++;
            for (String line : lines) {
                String shape = anyId(LineShape.of(line));
                if (shapes.add(shape)) {
                    words.addAll(LineShape.words(shape));
                }
            }
        }

        public int runs() {
            return runs;
        }

        boolean empty() {
            return runs == 0;
        }
    }

    private AnomalyDetector() {}

    /** A shape with its ids alike: a hexadecimal id in one run is a random name in the next. */
    private static String anyId(String shape) {
        return shape.replace("<hex>", "<id>");
    }

    /** The lines of {@code lines} that stand out against {@code baseline}, most first. */
    public static List<Anomaly> detect(List<String> lines, Baseline baseline) {
        Map<String, Integer> repeats = new HashMap<>();
        List<String> shapes = new ArrayList<>(lines.size());
        List<String> families = new ArrayList<>(lines.size());
        for (String line : lines) {
            String shape = LineShape.of(line);
            shapes.add(shape);
            // lines that differ only in what they quote are one line said many times
            String family =
                    LineShape.of(QUOTED.matcher(LineShape.withoutPrefix(line)).replaceAll("Q"));
            families.add(family);
            repeats.merge(family, 1, Integer::sum);
        }
        LineClassifier classifier = new LineClassifier();
        List<Anomaly> found = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        boolean inTraceback = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Severity severity = classifier.classify(line).severity();
            String message = LineShape.withoutPrefix(line);
            // a traceback logged line by line through Python's logging keeps its "LEVEL:logger:" on each
            String body = LOGGED.matcher(message).replaceFirst("");
            if (body.startsWith("Traceback (most recent call last)")) {
                inTraceback = true;
            } else if (inTraceback
                    && !body.startsWith(" ")
                    && !body.startsWith("\t")
                    && !body.startsWith("File ")
                    && !body.startsWith("return ")
                    && !body.startsWith("raise ")) {
                inTraceback = false; // the exception line ends it, and is in it
                severity = Severity.ERROR;
            }
            if (inTraceback) {
                severity = Severity.ERROR;
            }
            String shape = shapes.get(i);
            if (shape.isBlank() || LineShape.words(shape).isEmpty()) {
                continue;
            }
            double novelty;
            String why;
            if (baseline.empty()) {
                novelty = 0.6;
                why = "no passing run to compare with";
            } else if (baseline.shapes.contains(anyId(shape))) {
                continue;
            } else {
                List<String> words = LineShape.words(shape);
                long unseen =
                        words.stream().filter(w -> !baseline.words.contains(w)).count();
                novelty = 0.5 + 0.5 * unseen / words.size();
                why = unseen > 0
                        ? "not in the passing runs; new words: "
                                + String.join(
                                        " ",
                                        words.stream()
                                                .filter(w -> !baseline.words.contains(w))
                                                .distinct()
                                                .limit(5)
                                                .toList())
                        : "not in the passing runs";
            }
            boolean problem = PROBLEM.matcher(message).find();
            double error = severity.compareTo(Severity.ERROR) >= 0
                    ? 1.0
                    : problem ? 0.9 : severity == Severity.WARNING ? 0.5 : 0.0;
            if (severity == Severity.DEBUG || DEBUG.matcher(message).find()) {
                error *= 0.3;
            }
            String family = families.get(i);
            double rarity = 1.0 / Math.sqrt(repeats.get(family));
            // a failure shows near the end of its log: the last fifth counts whole, the start less
            double place = 0.75 + 0.25 * Math.min(1.0, (i + 1.0) / lines.size() / 0.8);
            double score = novelty * (0.3 + 0.7 * error) * rarity * place;
            if (reported.add(family)) {
                found.add(new Anomaly(i + 1, line, Math.round(score * 100) / 100.0, why));
            }
        }
        found.sort(Comparator.comparingDouble(Anomaly::score).reversed().thenComparingLong(Anomaly::line));
        if (!baseline.empty() && found.size() <= FEW) {
            // the failed run differs from the passing ones by a handful of lines: each is the story
            return found;
        }
        double top = found.isEmpty() ? 0 : found.get(0).score();
        return found.stream()
                .filter(a -> a.score() >= THRESHOLD && a.score() >= top * RELATIVE_THRESHOLD)
                .limit(LIMIT)
                .toList();
    }
}
