package org.opencontrail.web.logs.search.lucene;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
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
import org.opencontrail.web.logs.search.BadQuery;
import org.opencontrail.web.logs.search.BuildFacts;
import org.opencontrail.web.logs.search.FileFacts;
import org.opencontrail.web.logs.search.HitMarker;
import org.opencontrail.web.logs.search.LogAnalyzers;
import org.opencontrail.web.logs.search.QueryLanguage;
import org.opencontrail.web.logs.search.SearchFields;
import org.opencontrail.web.logs.search.SearchRequest;
import org.opencontrail.web.logs.search.SearchResult;
import org.opencontrail.web.logs.search.SearchService;
import org.opencontrail.web.logs.search.SearchSettings;
import org.opencontrail.web.logs.search.SearchTally;
import org.opencontrail.web.shared.http.WorkLimits;

/**
 * Runs searches: the query over line documents, bounded in time (a query that runs out answers
 * with what it found, and says so), counted by file in one pass for facets and the histogram, the
 * page of hits read with the lines around each and the matches highlighted. Searches take turns
 * ({@code suite.limits.search}): past the limit they wait, then are turned away with 503.
 */
@Singleton
@Requires(missingProperty = "logs.search.opensearch.hosts")
final class LuceneSearchService implements SearchService {

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

    @Override
    public SearchResult search(SearchRequest request) throws BadQuery {
        long started = System.nanoTime();
        QueryLanguage.Parsed parsed = language.parse(request.query());
        request.checkWindow();
        IndexSearcher searcher = index.acquire();
        try (WorkLimits.Permit turn = limits.enter("search")) {
            QueryTimeoutImpl timeout =
                    new QueryTimeoutImpl(settings.queryTimeout().toMillis());
            MatchCollector matches = new MatchCollector(index.catalog(), request.offset() + request.size(), timeout);
            boolean timedOut;
            try {
                timedOut = run(searcher, timeout, bounded -> lineQuery(parsed.query(), bounded, request), matches);
            } catch (IndexSearcher.TooManyClauses e) {
                throw new BadQuery(
                        -1,
                        "the query expands to more than " + IndexSearcher.getMaxClauseCount()
                                + " terms: make it narrower",
                        request.query());
            }
            List<SearchResult.Hit> hits = hits(searcher, parsed.query(), matches.top(request.offset()));
            SearchTally tally = SearchTally.of(linesByFile(matches), index.catalog(), request);
            return new SearchResult(
                    request.query(),
                    matches.total(),
                    tally.builds(),
                    (System.nanoTime() - started) / 1_000_000,
                    timedOut,
                    parsed.warnings(),
                    request.offset(),
                    hits,
                    tally.facets(),
                    tally.histogram(),
                    settings.minLevelShown());
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
            lines = new BooleanQuery.Builder()
                    .add(lines, BooleanClause.Occur.MUST)
                    .add(new TermInSetQuery(SearchFields.LOGLEVEL, levels), BooleanClause.Occur.FILTER)
                    .build();
        }
        return lines;
    }

    @Override
    public Set<String> buildsMatching(QueryLanguage.Parsed query, Collection<Long> files) {
        Query parsed = query.query();
        IndexSearcher searcher = index.acquire();
        try {
            QueryTimeoutImpl timeout =
                    new QueryTimeoutImpl(settings.queryTimeout().toMillis());
            MatchCollector matches = new MatchCollector(index.catalog(), 0, timeout);
            run(
                    searcher,
                    timeout,
                    bounded -> LineQueries.lines(parsed, bounded, files),
                    matches); // what was found in time counts
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
            QueryTimeoutImpl timeout =
                    new QueryTimeoutImpl(settings.queryTimeout().toMillis());
            MatchCollector matches = new MatchCollector(index.catalog(), limit, timeout);
            run(
                    searcher,
                    timeout,
                    bounded -> LineQueries.lines(parsed, bounded, files),
                    matches); // what was found in time is shown
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
    private static boolean run(
            IndexSearcher searcher, QueryTimeoutImpl timeout, LineQuery query, MatchCollector matches)
            throws IOException {
        IndexSearcher bounded =
                new IndexSearcher(ExitableDirectoryReader.wrap((DirectoryReader) searcher.getIndexReader(), timeout));
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
            BuildFacts build =
                    file == null ? null : index.catalog().build(file.uuid()).orElse(null);
            if (file == null || build == null) {
                continue; // removed since the search began
            }
            String text = window.text;
            hits.add(new SearchResult.Hit(
                    build.uuid(),
                    build.job(),
                    build.project(),
                    build.result(),
                    build.instant().toString(),
                    file.path(),
                    window.line,
                    text,
                    marker.mark(text),
                    file.url(build, window.line),
                    window.before,
                    window.after));
        }
        return hits;
    }

    /** A hit's line with the lines around it in the same file: neighbours in the index, as a file's lines go in together. */
    private record Window(
            long file,
            long line,
            String text,
            List<SearchResult.ContextLine> before,
            List<SearchResult.ContextLine> after) {}

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
            var entry = new SearchResult.ContextLine(
                    lineOf[d - from], stored.document(d, message).get(SearchFields.MESSAGE));
            (d < doc ? before : after).add(entry);
        }
        return new Window(file, line, stored.document(doc, message).get(SearchFields.MESSAGE), before, after);
    }

    private static Map<Long, Long> linesByFile(MatchCollector matches) {
        Map<Long, Long> lines = new LinkedHashMap<>();
        matches.linesByFile().forEach((file, count) -> lines.put(file, count[0]));
        return lines;
    }
}
