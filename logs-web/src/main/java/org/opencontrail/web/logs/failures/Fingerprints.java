package org.opencontrail.web.logs.failures;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencontrail.web.logs.lines.LineShape;
import org.opencontrail.web.logs.search.BadQuery;
import org.opencontrail.web.logs.search.BuildFacts;
import org.opencontrail.web.logs.search.FileFacts;
import org.opencontrail.web.logs.search.QueryLanguage;
import org.opencontrail.web.logs.search.SearchIndex;
import org.opencontrail.web.logs.search.SearchResult;
import org.opencontrail.web.logs.search.SearchService;
import org.opencontrail.web.logs.urls.LogsUrls;

/**
 * Recurring unknown failures: the error lines of the failed builds no known failure explains, each
 * reduced to its shape ({@link LineShape}: numbers, ids, addresses masked) and grouped across
 * builds. A shape seen in many failed builds is a known failure waiting for its signature, and each
 * group comes with a query that would be one.
 */
@Singleton
public final class Fingerprints {

    /** Failed builds looked at, newest first. */
    static final int BUILDS = 300;
    /** Error lines taken of each. */
    static final int LINES_PER_BUILD = 40;

    /**
     * A group of alike error lines.
     *
     * @param shape     what the lines have in common
     * @param builds    failed builds with such a line
     * @param jobs      their jobs
     * @param example   one of the lines
     * @param exampleUrl that line in the viewer
     * @param lastSeen  the newest of those builds
     * @param suggested a signature query that finds such lines
     */
    @Serdeable
    public record Group(
            String shape,
            int builds,
            List<String> jobs,
            String example,
            String exampleUrl,
            Instant lastSeen,
            String suggested) {

        /** Their jobs as one line: "job-a, job-b". */
        public String jobList() {
            return String.join(", ", jobs);
        }

        /** The form of a new signature with the suggested query filled in. */
        public String newSignatureUrl() {
            return LogsUrls.newSignature(suggested);
        }
    }

    private final KnownFailures known;
    private final SearchService search;
    private final SearchIndex index;
    private final QueryLanguage.Parsed errorLines;

    Fingerprints(KnownFailures known, SearchService search, SearchIndex index, QueryLanguage language) throws BadQuery {
        this.known = known;
        this.search = search;
        this.index = index;
        this.errorLines = language.parse(
                "loglevel:(error OR critical) OR message:(error OR failed OR failure OR fatal OR exception"
                        + " OR traceback OR timeout OR timed OR cannot OR unable OR refused OR denied)");
    }

    /** The last groups, with what they were computed from: a page view reuses them for a minute while nothing changed. */
    private record Computed(long generation, int builds, Instant at, Duration span, List<Group> groups) {}

    private volatile Computed last;

    public List<Group> groups(Instant now, Duration span) {
        Computed cached = last;
        long generation = known.generation();
        int builds = index.catalog().builds().size();
        if (cached != null
                && cached.generation() == generation
                && cached.builds() == builds
                && cached.span().equals(span)
                && Duration.between(cached.at(), now).compareTo(Duration.ofMinutes(1)) < 0) {
            return cached.groups();
        }
        List<Group> groups = compute(now, span);
        last = new Computed(generation, builds, now, span, groups);
        return groups;
    }

    private List<Group> compute(Instant now, Duration span) {
        List<BuildFacts> failed = index.catalog().builds().stream()
                .filter(b -> b.failed()
                        && Duration.between(b.instant(), now).compareTo(span) <= 0
                        && known.of(b.uuid()).isEmpty())
                .sorted(Comparator.comparingLong(BuildFacts::time).reversed())
                .limit(BUILDS)
                .toList();
        Map<String, List<Object[]>> byShape = new HashMap<>();
        for (BuildFacts build : failed) {
            List<Long> files = index.catalog().filesOf(build.uuid()).stream()
                    .map(FileFacts::id)
                    .toList();
            Set<String> seen = new LinkedHashSet<>();
            for (SearchResult.Hit hit : search.firstLines(errorLines, files, LINES_PER_BUILD)) {
                String shape = LineShape.of(hit.text());
                if (!shape.isBlank() && seen.add(shape)) {
                    byShape.computeIfAbsent(shape, s -> new ArrayList<>()).add(new Object[] {build, hit});
                }
            }
        }
        List<Group> groups = new ArrayList<>();
        byShape.forEach((shape, hits) -> {
            BuildFacts newest = (BuildFacts) hits.get(0)[0];
            SearchResult.Hit example = (SearchResult.Hit) hits.get(0)[1];
            List<String> jobs = hits.stream()
                    .map(h -> ((BuildFacts) h[0]).job())
                    .distinct()
                    .sorted()
                    .limit(6)
                    .toList();
            groups.add(new Group(
                    shape,
                    hits.size(),
                    jobs,
                    example.text(),
                    example.url(),
                    newest.instant(),
                    suggest(example.text(), example.path())));
        });
        groups.sort(Comparator.comparingInt(Group::builds)
                .reversed()
                .thenComparing(Group::lastSeen, Comparator.reverseOrder()));
        return groups.size() > 100 ? groups.subList(0, 100) : groups;
    }

    /**
     * A query for lines like this one: its longest stretch of words with no number or id in it,
     * as a phrase, in files of the same name.
     */
    static String suggest(String line, String path) {
        String message = line.replaceFirst("^\\S+[ T]\\S+\\s*\\|?\\s*", "");
        String best = "";
        StringBuilder run = new StringBuilder();
        for (String word : message.split("\\s+")) {
            boolean variable = word.chars().anyMatch(Character::isDigit) || word.contains("\"") || word.contains("\\");
            if (variable) {
                best = run.length() > best.length() ? run.toString().strip() : best;
                run.setLength(0);
            } else {
                run.append(word).append(' ');
            }
        }
        best = run.length() > best.length() ? run.toString().strip() : best;
        if (best.length() > 120) {
            best = best.substring(0, best.lastIndexOf(' ', 120) > 20 ? best.lastIndexOf(' ', 120) : 120);
        }
        String base = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.gz$", "");
        String tag = base.equals("job-output.txt") || base.equals("console.html") ? "console" : base;
        return "message:\"" + best.replace("\\", "\\\\").replace("\"", "\\\"") + "\" AND tags:\"" + tag + "\"";
    }
}
