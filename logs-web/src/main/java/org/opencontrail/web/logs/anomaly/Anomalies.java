package org.opencontrail.web.logs.anomaly;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.logs.lines.StoredText;
import org.opencontrail.web.logs.search.BuildFacts;
import org.opencontrail.web.logs.search.SearchIndex;
import org.opencontrail.web.logs.store.LogLayout;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.logs.urls.LogsUrls;
import org.opencontrail.web.shared.io.LineReader;
import org.opencontrail.web.shared.zuul.ZuulResult;

/**
 * The anomalies of one stored log: its lines against the same file in the newest passing builds
 * of the same job (up to {@link #BASELINES}), read from the store.
 */
@Singleton
public final class Anomalies {

    static final int BASELINES = 3;
    /** Most lines read of one log: the ranking needs the whole failure, not a 1 GB dump. */
    static final int MAX_LINES = 300_000;

    /**
     * What was found.
     *
     * @param key        the log's key in the store
     * @param baselines  the passing builds compared with, as folder links
     * @param anomalies  the lines that stand out, most first
     * @param first      the first of them in the log (its line number), 0 when none
     */
    @Serdeable
    public record Report(String key, List<String> baselines, List<Found> anomalies, long first) {}

    /** A line that stands out, with its link. */
    @Serdeable
    public record Found(long line, String text, double score, String why, String url) {}

    private final LogStore store;
    private final SearchIndex index;

    Anomalies(LogStore store, SearchIndex index) {
        this.store = store;
        this.index = index;
    }

    public Optional<Report> of(String key) throws IOException {
        if (store.head(key).isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = read(key);
        if (lines == null) {
            return Optional.of(new Report(key, List.of(), List.of(), 0));
        }
        AnomalyDetector.Baseline baseline = new AnomalyDetector.Baseline();
        List<String> used = new ArrayList<>();
        Optional<LogLayout.BuildPath> path = LogLayout.parse(key);
        if (path.isPresent()) {
            Optional<BuildFacts> build = index.catalog().builds().stream()
                    .filter(b -> b.root().equals(path.get().root()))
                    .findFirst();
            String job = build.map(BuildFacts::job).orElse(path.get().job());
            long before = build.map(BuildFacts::time).orElse(Long.MAX_VALUE);
            List<BuildFacts> passing = index.catalog().builds().stream()
                    .filter(b -> b.job().equals(job)
                            && ZuulResult.passed(b.result())
                            && !b.root().equals(path.get().root()))
                    .sorted(Comparator.comparing((BuildFacts b) -> b.time() > before)
                            .thenComparing(BuildFacts::time, Comparator.reverseOrder()))
                    .toList();
            for (BuildFacts pass : passing) {
                if (used.size() == BASELINES) {
                    break;
                }
                String other = (pass.root().endsWith("/") ? pass.root() : pass.root() + "/")
                        + path.get().path();
                List<String> passed = store.head(other).isPresent() ? read(other) : null;
                if (passed != null) {
                    baseline.addRun(passed);
                    used.add(LogsUrls.folder(pass.root()));
                }
            }
        }
        List<Found> found = new ArrayList<>();
        String url = LogsUrls.file(key);
        for (AnomalyDetector.Anomaly anomaly : AnomalyDetector.detect(lines, baseline)) {
            found.add(new Found(
                    anomaly.line(), anomaly.text(), anomaly.score(), anomaly.why(), url + "#L" + anomaly.line()));
        }
        long first = found.stream().mapToLong(Found::line).min().orElse(0);
        return Optional.of(new Report(key, used, found, first));
    }

    /** A stored text file's lines (at most {@link #MAX_LINES}), or null when it is not text. */
    private List<String> read(String key) throws IOException {
        Optional<LineReader> text = StoredText.open(store, key, 20_000);
        if (text.isEmpty()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        try (LineReader reader = text.get()) {
            for (LineReader.Line line = reader.next(); line != null && lines.size() < MAX_LINES; line = reader.next()) {
                lines.add(line.text());
            }
        }
        return lines;
    }
}
