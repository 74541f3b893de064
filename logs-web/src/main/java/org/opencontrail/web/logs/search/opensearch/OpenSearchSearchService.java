package org.opencontrail.web.logs.search.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.search.BadQuery;
import org.opencontrail.web.logs.search.BuildFacts;
import org.opencontrail.web.logs.search.Catalog;
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
 * Searches on the OpenSearch cluster. A query is parsed by the suite's own query language (the same
 * refusals, positions and warnings as the embedded index); the cluster finds the blocks of lines
 * that may match it ({@link BlockQuery}), read in the order hits are shown, and each of their lines
 * is checked alone ({@link LineCheck}), so that the lines counted per file, and from them the
 * facets and the histogram ({@link SearchTally}), are the embedded index's to the line. The lines
 * around each hit come from its block, or from the blocks beside it in one more request.
 */
@Singleton
@Requires(property = "logs.search.opensearch.hosts")
final class OpenSearchSearchService implements SearchService {

    private final OpenSearchClient client;
    private final OpenSearchIndex index;
    private final QueryLanguage language;
    private final SearchSettings settings;
    private final WorkLimits limits;
    private final String searchPath;
    private final Analyzer analyzer = LogAnalyzers.perField(true);

    OpenSearchSearchService(
            OpenSearchClient client,
            OpenSearchIndex index,
            QueryLanguage language,
            SearchSettings settings,
            OpenSearchSettings cluster,
            WorkLimits limits) {
        this.client = client;
        String preference = cluster.searchPreference();
        this.searchPath = "/" + index.alias() + "/_search?ignore_unavailable=true&allow_no_indices=true"
                + (preference.isEmpty() ? "" : "&" + preference);
        this.index = index;
        this.language = language;
        this.settings = settings;
        this.limits = limits;
    }

    @Override
    public SearchResult search(SearchRequest request) throws BadQuery {
        long started = System.nanoTime();
        QueryLanguage.Parsed parsed = language.parse(request.query());
        request.checkWindow();
        try (WorkLimits.Permit turn = limits.enter("search")) {
            ArrayNode filters = OpenSearchClient.object().arrayNode();
            if (request.from() != null || request.to() != null) {
                ObjectNode range = filters.addObject().putObject("range").putObject(SearchFields.BUILD_TIME);
                if (request.from() != null) {
                    range.put("gte", request.from().toEpochMilli());
                }
                if (request.to() != null) {
                    range.put("lte", request.to().toEpochMilli());
                }
            }
            if (request.level() != null && request.level() != Severity.NONE) {
                ArrayNode levels = filters.addObject().putObject("terms").putArray(SearchFields.LOGLEVEL);
                for (Severity severity : Severity.values()) {
                    if (severity.compareTo(request.level()) >= 0) {
                        levels.add(severity.term());
                    }
                }
            }
            Map<Long, Long> byFile = new LinkedHashMap<>();
            List<Found> kept = new ArrayList<>();
            long[] total = {0};
            int from = request.offset();
            int to = request.offset() + request.size();
            boolean timedOut =
                    scan(parsed, filters, new LineCheck(parsed.query(), request.level()), file -> true, found -> {
                        byFile.merge(found.file().id(), 1L, Long::sum);
                        long at = total[0]++;
                        if (at >= from && at < to) {
                            kept.add(found);
                        }
                        return true;
                    });
            SearchTally tally = SearchTally.of(byFile, index.catalog(), request);
            return new SearchResult(
                    request.query(),
                    total[0],
                    tally.builds(),
                    (System.nanoTime() - started) / 1_000_000,
                    timedOut,
                    parsed.warnings(),
                    request.offset(),
                    hits(kept, parsed, request.query()),
                    tally.facets(),
                    tally.histogram(),
                    settings.minLevelShown());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Set<String> buildsMatching(QueryLanguage.Parsed query, Collection<Long> files) {
        if (files != null && files.isEmpty()) {
            return Set.of();
        }
        try {
            Set<String> builds = new HashSet<>();
            scan(
                    query,
                    fileFilter(files),
                    new LineCheck(query.query(), Severity.NONE),
                    file -> !builds.contains(file.uuid()),
                    found -> {
                        builds.add(found.build().uuid());
                        return true;
                    });
            return builds;
        } catch (IOException | BadQuery e) {
            throw new IllegalStateException("a checked query failed on OpenSearch: " + e.getMessage(), e);
        }
    }

    @Override
    public List<SearchResult.Hit> firstLines(QueryLanguage.Parsed query, Collection<Long> files, int limit) {
        if ((files != null && files.isEmpty()) || limit <= 0) {
            return List.of();
        }
        try {
            List<Found> kept = new ArrayList<>();
            scan(query, fileFilter(files), new LineCheck(query.query(), Severity.NONE), file -> true, found -> {
                kept.add(found);
                return kept.size() < limit;
            });
            return hits(kept, query, query.text());
        } catch (IOException | BadQuery e) {
            throw new IllegalStateException("a checked query failed on OpenSearch: " + e.getMessage(), e);
        }
    }

    private static ArrayNode fileFilter(Collection<Long> files) {
        ArrayNode filters = OpenSearchClient.object().arrayNode();
        if (files != null) {
            ArrayNode terms = filters.addObject().putObject("terms").putArray(SearchFields.FILE);
            files.forEach(id -> terms.add(FileFacts.term(id)));
        }
        return filters;
    }

    /** A line that matched, with its block (for the lines around it), file and build. */
    private record Found(BuildFacts build, FileFacts file, LineBlock.Read block, LineBlock.Line line) {}

    /** What is done with each line found, in order; false stops the search. */
    @FunctionalInterface
    private interface Finder {
        boolean found(Found found);
    }

    /**
     * Reads the candidate blocks of a query (within the filters) in order, checks the lines of those
     * of the files wanted, and hands each matching line to the finder; true when the time ran out.
     */
    private boolean scan(
            QueryLanguage.Parsed parsed,
            ArrayNode filters,
            LineCheck check,
            java.util.function.Predicate<FileFacts> wanted,
            Finder finder)
            throws IOException, BadQuery {
        ObjectNode candidates = BlockQuery.of(parsed.query());
        ObjectNode query = OpenSearchClient.object();
        ObjectNode bool = query.putObject("bool");
        ArrayNode filter = bool.putArray("filter");
        if (!BlockQuery.matchesAll(candidates)) {
            filter.add(candidates);
        }
        filters.forEach(filter::add);
        bool.putArray("must_not").addObject().putObject("exists").put("field", SearchFields.KIND);
        long deadline = System.nanoTime() + settings.queryTimeout().toNanos();
        Catalog catalog = index.catalog();
        return new CandidateBlocks(body -> search(body, parsed.text()), query, deadline).read(block -> {
            FileFacts file = catalog.file(block.file()).orElse(null);
            BuildFacts build = file == null ? null : catalog.build(file.uuid()).orElse(null);
            if (build == null || !wanted.test(file)) {
                return true; // removed since it was indexed, or not asked for
            }
            for (LineBlock.Line line : check.matching(block, build, file)) {
                if (!finder.found(new Found(build, file, block, line))) {
                    return false;
                }
            }
            return true;
        });
    }

    /** The hits of the lines found, each with the lines around it. */
    private List<SearchResult.Hit> hits(List<Found> found, QueryLanguage.Parsed parsed, String asked)
            throws IOException, BadQuery {
        Map<Long, NavigableMap<Long, String>> around = around(found, asked);
        HitMarker marker = new HitMarker(parsed.query(), analyzer);
        int context = settings.contextLines();
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (Found hit : found) {
            long number = hit.line().number();
            String text = hit.line().text();
            NavigableMap<Long, String> near = around.getOrDefault(hit.file().id(), new TreeMap<>());
            List<SearchResult.ContextLine> before = new ArrayList<>();
            List<SearchResult.ContextLine> after = new ArrayList<>();
            near.subMap(number - context, true, number - 1, true)
                    .forEach((n, line) -> before.add(new SearchResult.ContextLine(n, line)));
            near.subMap(number + 1, true, number + context, true)
                    .forEach((n, line) -> after.add(new SearchResult.ContextLine(n, line)));
            BuildFacts build = hit.build();
            hits.add(new SearchResult.Hit(
                    build.uuid(),
                    build.job(),
                    build.project(),
                    build.result(),
                    build.instant().toString(),
                    hit.file().path(),
                    number,
                    text,
                    marker.mark(text),
                    hit.file().url(build, number),
                    before,
                    after));
        }
        return hits;
    }

    /** Blocks beside hits asked in one request: each range is a clause of four. */
    private static final int RANGES_PER_REQUEST = 200;

    /**
     * The lines near each hit, by file: those of its own block, and of the blocks beside it where the
     * lines around it reach past its block's ends, asked a few hundred ranges of lines a request.
     */
    private Map<Long, NavigableMap<Long, String>> around(List<Found> found, String asked) throws IOException, BadQuery {
        int context = settings.contextLines();
        Map<Long, NavigableMap<Long, String>> byFile = new HashMap<>();
        if (context == 0 || found.isEmpty()) {
            return byFile;
        }
        Map<Long, NavigableMap<Long, Long>> wanted = new HashMap<>(); // by file: ranges of lines, first to last
        for (Found hit : found) {
            NavigableMap<Long, String> lines = byFile.computeIfAbsent(hit.file().id(), f -> new TreeMap<>());
            hit.block().lines().forEach(line -> lines.put(line.number(), line.text()));
            long number = hit.line().number();
            if (number - context < hit.block().first()
                    || number + context > hit.block().last()) {
                NavigableMap<Long, Long> ranges =
                        wanted.computeIfAbsent(hit.file().id(), f -> new TreeMap<>());
                ranges.merge(number - context, number + context, Math::max);
            }
        }
        List<ObjectNode> clauses = new ArrayList<>();
        wanted.forEach((file, ranges) -> {
            long from = Long.MIN_VALUE;
            long to = Long.MIN_VALUE;
            for (Map.Entry<Long, Long> range : ranges.entrySet()) {
                if (range.getKey() > to + 1) {
                    if (from != Long.MIN_VALUE) {
                        clauses.add(beside(file, from, to));
                    }
                    from = range.getKey();
                }
                to = Math.max(to, range.getValue());
            }
            clauses.add(beside(file, from, to));
        });
        for (int start = 0; start < clauses.size(); start += RANGES_PER_REQUEST) {
            List<ObjectNode> batch = clauses.subList(start, Math.min(clauses.size(), start + RANGES_PER_REQUEST));
            ObjectNode body = OpenSearchClient.object().put("size", 10_000);
            ArrayNode should = body.putObject("query").putObject("bool").putArray("should");
            batch.forEach(should::add);
            ArrayNode fields = body.putArray("_source");
            LineBlock.READ.forEach(fields::add);
            for (JsonNode hit : search(body, asked).path("hits").path("hits")) {
                LineBlock.Read block = LineBlock.read(hit.path("_source"));
                NavigableMap<Long, String> lines = byFile.computeIfAbsent(block.file(), f -> new TreeMap<>());
                block.lines().forEach(line -> lines.putIfAbsent(line.number(), line.text()));
            }
        }
        return byFile;
    }

    /** The blocks of a file that hold a line from {@code from} to {@code to}. */
    private static ObjectNode beside(long file, long from, long to) {
        ObjectNode clause = OpenSearchClient.object();
        ArrayNode filter = clause.putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put(SearchFields.FILE, FileFacts.term(file));
        filter.addObject().putObject("range").putObject(SearchFields.LINE).put("lte", to);
        filter.addObject().putObject("range").putObject(LineBlock.LAST).put("gte", from);
        return clause;
    }

    /** A search on the alias; an index that does not exist yet answers nothing, a query the cluster refuses is a bad query. */
    private JsonNode search(ObjectNode body, String asked) throws IOException, BadQuery {
        try {
            return client.send("POST", searchPath, body);
        } catch (OpenSearchException e) {
            if (e.status() == 404) {
                return OpenSearchClient.object(); // no build was indexed yet: no index, no alias
            }
            if (e.status() == 400) {
                throw new BadQuery(-1, "OpenSearch cannot run it: " + e.getMessage(), asked);
            }
            throw e;
        }
    }
}
