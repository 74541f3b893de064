package org.opencontrail.web.logs.search;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.ExitableDirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.shared.http.WorkLimits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.opencontrail.web.logs.urls.LogsUrls;

/**
 * Runs searches: the query over line documents, bounded in time (a query that runs out answers
 * with what it found, and says so), counted by file in one pass for facets and the histogram, the
 * page of hits read with the lines around each and the matches highlighted. Searches take turns
 * ({@code suite.limits.search}): past the limit they wait, then are turned away with 503.
 */
@Singleton
@Requires(missingProperty = "logs.search.opensearch.hosts")
final class LuceneSearchService implements SearchService {

    /** Facets: name shown, field to narrow by, and what of a build or file gives the value. */
    private static final Map<String, String> FACETS = facets();

    private final LogIndex index;
    private final QueryLanguage language;
    private final SearchSettings settings;
    private final WorkLimits limits;
    private final Analyzer analyzer = LogAnalyzers.perField(true);

    LuceneSearchService(LogIndex index, QueryLanguage language, SearchSettings settings, WorkLimits limits) {
        this.index = index;
        this.limits = limits;
        this.language = language;
        this.settings = settings;
    }

    private static Map<String, String> facets() {
        Map<String, String> facets = new LinkedHashMap<>();
        facets.put("job", SearchFields.BUILD_NAME);
        facets.put("project", SearchFields.PROJECT);
        facets.put("file", SearchFields.FILENAME);
        facets.put("result", SearchFields.BUILD_STATUS);
        facets.put("branch", SearchFields.BUILD_BRANCH);
        return facets;
    }

    @Override
    public SearchResult search(SearchRequest request) throws BadQuery {
        long started = System.nanoTime();
        QueryLanguage.Parsed parsed = language.parse(request.query());
        if (request.offset() < 0 || request.size() < 0 || request.offset() + request.size() > SearchRequest.MAX_WINDOW) {
            throw new BadQuery(-1, "hits " + request.offset() + " to " + (request.offset() + request.size())
                    + " asked; pages end at hit " + SearchRequest.MAX_WINDOW + ": narrow the query", request.query());
        }
        IndexSearcher searcher = index.acquire();
        try (WorkLimits.Permit turn = limits.enter("search")) {
            QueryTimeoutImpl timeout = new QueryTimeoutImpl(settings.queryTimeout().toMillis());
            MatchCollector matches = new MatchCollector(index.catalog(), request.offset() + request.size(), timeout);
            boolean timedOut;
            try {
                timedOut = run(searcher, timeout, bounded -> lineQuery(parsed.query(), bounded, request), matches);
            } catch (IndexSearcher.TooManyClauses e) {
                throw new BadQuery(-1, "the query expands to more than " + IndexSearcher.getMaxClauseCount() + " terms: make it narrower", request.query());
            }
            List<SearchResult.Hit> hits = hits(searcher, parsed.query(), matches.top(request.offset()));
            Tally tally = tally(matches, request);
            return new SearchResult(request.query(), matches.total(), tally.builds, (System.nanoTime() - started) / 1_000_000, timedOut,
                    parsed.warnings(), request.offset(), hits, tally.facets, tally.histogram);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            index.release(searcher);
        }
    }

    private Query lineQuery(Query parsed, IndexSearcher searcher, SearchRequest request) throws IOException {
        Collection<Long> files = null;
        if (request.from() != null || request.to() != null) {
            long from = request.from() == null ? Long.MIN_VALUE : request.from().toEpochMilli();
            long to = request.to() == null ? Long.MAX_VALUE : request.to().toEpochMilli();
            List<Long> inRange = new ArrayList<>();
            for (BuildFacts build : index.catalog().builds()) {
                if (build.time() >= from && build.time() <= to) {
                    index.catalog().filesOf(build.uuid()).forEach(f -> inRange.add(f.id()));
                }
            }
            files = inRange;
        }
        Query lines = LineQueries.lines(parsed, searcher, files);
        if (request.level() != null && request.level() != Severity.NONE) {
            List<BytesRef> levels = new ArrayList<>();
            for (Severity severity : Severity.values()) {
                if (severity.compareTo(request.level()) >= 0) {
                    levels.add(new BytesRef(severity.name().toLowerCase(Locale.ROOT)));
                }
            }
            lines = new BooleanQuery.Builder().add(lines, BooleanClause.Occur.MUST)
                    .add(new TermInSetQuery(SearchFields.LOGLEVEL, levels), BooleanClause.Occur.FILTER).build();
        }
        return lines;
    }

    @Override
    public Set<String> buildsMatching(QueryLanguage.Parsed query, Collection<Long> files) {
        Query parsed = query.query();
        IndexSearcher searcher = index.acquire();
        try {
            QueryTimeoutImpl timeout = new QueryTimeoutImpl(settings.queryTimeout().toMillis());
            MatchCollector matches = new MatchCollector(index.catalog(), 0, timeout);
            run(searcher, timeout, bounded -> LineQueries.lines(parsed, bounded, files), matches); // what was found in time counts
            Set<String> builds = new HashSet<>();
            for (long file : matches.linesByFile().keySet()) {
                index.catalog().file(file).ifPresent(f -> builds.add(f.uuid()));
            }
            return builds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            index.release(searcher);
        }
    }

    @Override
    public List<SearchResult.Hit> firstLines(QueryLanguage.Parsed query, Collection<Long> files, int limit) {
        Query parsed = query.query();
        IndexSearcher searcher = index.acquire();
        try {
            QueryTimeoutImpl timeout = new QueryTimeoutImpl(settings.queryTimeout().toMillis());
            MatchCollector matches = new MatchCollector(index.catalog(), limit, timeout);
            run(searcher, timeout, bounded -> LineQueries.lines(parsed, bounded, files), matches); // what was found in time is shown
            return hits(searcher, parsed, matches.top(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            index.release(searcher);
        }
    }

    /** A line query, made on the searcher it runs on (its build and file clauses are answered there). */
    @FunctionalInterface
    private interface LineQuery {
        Query on(IndexSearcher searcher) throws IOException;
    }

    /**
     * Runs a line query into a collector on the searcher's reader bounded by {@code timeout} (term
     * expansion and collection both stop when it passes); returns whether it ran out of time, the
     * collector holding what was found until then.
     */
    private static boolean run(IndexSearcher searcher, QueryTimeoutImpl timeout, LineQuery query, MatchCollector matches) throws IOException {
        IndexSearcher bounded = new IndexSearcher(ExitableDirectoryReader.wrap((DirectoryReader) searcher.getIndexReader(), timeout));
        try {
            bounded.search(query.on(bounded), matches);
            return false;
        } catch (ExitableDirectoryReader.ExitingReaderException | MatchCollector.OutOfTime e) {
            return true;
        }
    }

    private List<SearchResult.Hit> hits(IndexSearcher searcher, Query parsed, List<Integer> docs) throws IOException {
        HitMarker marker = new HitMarker(parsed, analyzer);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (int doc : docs) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
            int local = doc - leaf.docBase;
            Window window = window(leaf.reader(), local, settings.contextLines());
            if (window == null) {
                continue;
            }
            FileFacts file = index.catalog().file(window.file).orElse(null);
            BuildFacts build = file == null ? null : index.catalog().build(file.uuid()).orElse(null);
            if (file == null || build == null) {
                continue; // removed since the search began
            }
            String text = window.text;
            hits.add(new SearchResult.Hit(build.uuid(), build.job(), build.project(), build.result(), build.instant().toString(),
                    file.path(), window.line, text, marker.mark(text), url(build, file, window.line),
                    window.before, window.after));
        }
        return hits;
    }

    /** A line in the viewer: the build's folder, the file's path, the line's anchor. */
    static String url(BuildFacts build, FileFacts file, long line) {
        String root = build.root().endsWith("/") ? build.root() : build.root() + "/";
        return LogsUrls.line(root + file.path(), line);
    }

    /** A hit's line with the lines around it in the same file: neighbours in the index, as a file's lines go in together. */
    private record Window(long file, long line, String text, List<SearchResult.ContextLine> before, List<SearchResult.ContextLine> after) {
    }

    private static Window window(LeafReader reader, int doc, int context) throws IOException {
        int from = Math.max(0, doc - context);
        int to = Math.min(reader.maxDoc() - 1, doc + context);
        NumericDocValues files = reader.getNumericDocValues(SearchFields.FILE);
        NumericDocValues lines = reader.getNumericDocValues(SearchFields.LINE);
        if (files == null || lines == null) {
            return null;
        }
        Bits live = reader.getLiveDocs();
        long[] fileOf = new long[to - from + 1];
        long[] lineOf = new long[to - from + 1];
        for (int d = from; d <= to; d++) {
            boolean present = (live == null || live.get(d)) && files.advanceExact(d) && lines.advanceExact(d);
            fileOf[d - from] = present ? files.longValue() : Long.MIN_VALUE;
            lineOf[d - from] = present ? lines.longValue() : -1;
        }
        long file = fileOf[doc - from];
        long line = lineOf[doc - from];
        if (line < 0) {
            return null;
        }
        var stored = reader.storedFields();
        Set<String> message = Set.of(SearchFields.MESSAGE);
        List<SearchResult.ContextLine> before = new ArrayList<>();
        List<SearchResult.ContextLine> after = new ArrayList<>();
        for (int d = from; d <= to; d++) {
            if (d == doc || fileOf[d - from] != file || Math.abs(lineOf[d - from] - line) > context) {
                continue;
            }
            var entry = new SearchResult.ContextLine(lineOf[d - from], stored.document(d, message).get(SearchFields.MESSAGE));
            (d < doc ? before : after).add(entry);
        }
        return new Window(file, line, stored.document(doc, message).get(SearchFields.MESSAGE), before, after);
    }

    /** Facets, distinct builds and the histogram, from the lines counted per file. */
    private record Tally(long builds, Map<String, List<SearchResult.FacetValue>> facets, SearchResult.Histogram histogram) {
    }

    private Tally tally(MatchCollector matches, SearchRequest request) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        FACETS.keySet().forEach(name -> counts.put(name, new java.util.HashMap<>()));
        Set<String> builds = new HashSet<>();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        List<Object[]> perFile = new ArrayList<>();
        for (Map.Entry<Long, long[]> entry : matches.linesByFile().entrySet()) {
            FileFacts file = index.catalog().file(entry.getKey()).orElse(null);
            BuildFacts build = file == null ? null : index.catalog().build(file.uuid()).orElse(null);
            if (build == null) {
                continue;
            }
            long n = entry.getValue()[0];
            builds.add(build.uuid());
            add(counts.get("job"), build.job(), n);
            add(counts.get("project"), build.project(), n);
            add(counts.get("file"), file.filename(), n);
            add(counts.get("result"), build.result(), n);
            add(counts.get("branch"), build.branch(), n);
            min = Math.min(min, build.time());
            max = Math.max(max, build.time());
            perFile.add(new Object[] {build, n});
        }
        Map<String, List<SearchResult.FacetValue>> facets = new LinkedHashMap<>();
        counts.forEach((name, values) -> facets.put(name, values.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10)
                .map(e -> new SearchResult.FacetValue(e.getKey(), e.getValue(), FACETS.get(name) + ":" + quote(e.getKey())))
                .toList()));
        long start = request.from() != null ? request.from().toEpochMilli() : min;
        long end = request.to() != null ? request.to().toEpochMilli() : max;
        SearchResult.Histogram histogram = histogram(perFile, start, end);
        return new Tally(builds.size(), facets, histogram);
    }

    private static void add(Map<String, Long> counts, String value, long n) {
        counts.merge(value == null || value.isEmpty() ? "(none)" : value, n, Long::sum);
    }

    /** A value as a query term: quoted, with quotes and backslashes escaped. */
    static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Bucket widths tried, smallest first: at most 60 buckets are drawn. */
    private static final long[] INTERVALS = {60_000L, 300_000L, 900_000L, 3_600_000L, 10_800_000L, 21_600_000L, 43_200_000L,
            86_400_000L, 604_800_000L, 2_592_000_000L};

    private static SearchResult.Histogram histogram(List<Object[]> perFile, long start, long end) {
        if (perFile.isEmpty() || start > end) {
            return new SearchResult.Histogram(start == Long.MAX_VALUE ? 0 : start, INTERVALS[3], Map.of());
        }
        long interval = INTERVALS[INTERVALS.length - 1];
        for (long candidate : INTERVALS) {
            if ((end - start) / candidate < 60) {
                interval = candidate;
                break;
            }
        }
        long first = Math.floorDiv(start, interval) * interval;
        int buckets = (int) (Math.floorDiv(end, interval) - Math.floorDiv(start, interval)) + 1;
        Map<String, long[]> series = new java.util.TreeMap<>();
        for (Object[] entry : perFile) {
            BuildFacts build = (BuildFacts) entry[0];
            int bucket = (int) Math.floorDiv(build.time() - first, interval);
            if (bucket < 0 || bucket >= buckets) {
                continue;
            }
            String result = build.result().isEmpty() ? "UNKNOWN" : build.result();
            series.computeIfAbsent(result, r -> new long[buckets])[bucket] += (Long) entry[1];
        }
        return new SearchResult.Histogram(first, interval, series);
    }
}
