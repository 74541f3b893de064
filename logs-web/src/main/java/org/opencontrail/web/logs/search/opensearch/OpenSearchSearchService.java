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
import java.util.Locale;
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
 * Searches on the OpenSearch cluster. A query is checked by the suite's own query language first
 * (the same refusals, positions and warnings as the embedded index), then sent as written, as a
 * {@code query_string} over line documents: elastic-recheck's signatures run unchanged. The lines
 * matched are counted per file by a composite aggregation, and tallied as the embedded index tallies
 * them; hits come newest build first, in line order, with the lines around each read in one request.
 */
@Singleton
@Requires(property = "logs.search.opensearch.hosts")
final class OpenSearchSearchService implements SearchService {

    private static final int FILES_PER_PAGE = 1000;

    private final OpenSearchClient client;
    private final OpenSearchIndex index;
    private final QueryLanguage language;
    private final SearchSettings settings;
    private final WorkLimits limits;
    private final Analyzer analyzer = LogAnalyzers.perField(true);

    OpenSearchSearchService(
            OpenSearchClient client,
            OpenSearchIndex index,
            QueryLanguage language,
            SearchSettings settings,
            WorkLimits limits) {
        this.client = client;
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
                        levels.add(severity.name().toLowerCase(Locale.ROOT));
                    }
                }
            }
            ObjectNode query = IndexLayout.lines(parsed.text(), filters);
            Counted counted = countByFile(query, request.query());
            List<SearchResult.Hit> hits = request.size() == 0
                    ? List.of()
                    : hits(query, parsed, request.offset(), request.size(), request.query());
            SearchTally tally = SearchTally.of(counted.linesByFile(), index.catalog(), request);
            return new SearchResult(
                    request.query(),
                    counted.total(),
                    tally.builds(),
                    (System.nanoTime() - started) / 1_000_000,
                    counted.timedOut(),
                    parsed.warnings(),
                    request.offset(),
                    hits,
                    tally.facets(),
                    tally.histogram());
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
            Catalog catalog = index.catalog();
            countByFile(IndexLayout.lines(query.text(), fileFilter(files)), query.text())
                    .linesByFile()
                    .keySet()
                    .forEach(file -> catalog.file(file).ifPresent(f -> builds.add(f.uuid())));
            return builds;
        } catch (IOException | BadQuery e) {
            throw new IllegalStateException("a checked query failed on OpenSearch: " + e.getMessage(), e);
        }
    }

    @Override
    public List<SearchResult.Hit> firstLines(QueryLanguage.Parsed query, Collection<Long> files, int limit) {
        if (files != null && files.isEmpty()) {
            return List.of();
        }
        try {
            return hits(IndexLayout.lines(query.text(), fileFilter(files)), query, 0, limit, query.text());
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

    /** Lines matched, per file id, and whether the cluster ran out of time. */
    private record Counted(long total, Map<Long, Long> linesByFile, boolean timedOut) {}

    private Counted countByFile(ObjectNode query, String asked) throws IOException, BadQuery {
        Map<Long, Long> byFile = new LinkedHashMap<>();
        long total = 0;
        boolean timedOut = false;
        JsonNode after = null;
        while (true) {
            ObjectNode body = OpenSearchClient.object()
                    .put("size", 0)
                    .put("track_total_hits", true)
                    .put("timeout", settings.queryTimeout().toMillis() + "ms");
            body.set("query", query);
            ObjectNode composite = body.putObject("aggs")
                    .putObject("files")
                    .putObject("composite")
                    .put("size", FILES_PER_PAGE);
            composite
                    .putArray("sources")
                    .addObject()
                    .putObject("file")
                    .putObject("terms")
                    .put("field", SearchFields.FILE);
            if (after != null) {
                composite.set("after", after);
            }
            JsonNode answer = search(body, asked);
            if (after == null) {
                total = answer.path("hits").path("total").path("value").asLong();
            }
            timedOut |= answer.path("timed_out").asBoolean(false);
            JsonNode files = answer.path("aggregations").path("files");
            for (JsonNode bucket : files.path("buckets")) {
                byFile.put(
                        Long.parseUnsignedLong(bucket.path("key").path("file").asText(), 16),
                        bucket.path("doc_count").asLong());
            }
            after = files.path("after_key");
            if (after.isMissingNode() || files.path("buckets").size() < FILES_PER_PAGE) {
                return new Counted(total, byFile, timedOut);
            }
        }
    }

    /** A page of hits, newest build first and in line order, with the lines around each. */
    private List<SearchResult.Hit> hits(
            ObjectNode query, QueryLanguage.Parsed parsed, int offset, int size, String asked)
            throws IOException, BadQuery {
        ObjectNode body = OpenSearchClient.object()
                .put("from", offset)
                .put("size", size)
                .put("timeout", settings.queryTimeout().toMillis() + "ms");
        body.set("query", query);
        ArrayNode sort = body.putArray("sort");
        sort.addObject().putObject(SearchFields.BUILD_TIME).put("order", "desc");
        sort.addObject().putObject(IndexLayout.FILE_PATH).put("order", "asc");
        sort.addObject().putObject(SearchFields.LINE).put("order", "asc");
        body.putArray("_source").add(SearchFields.FILE).add(SearchFields.LINE).add("line_text");
        JsonNode answer = search(body, asked);
        Catalog catalog = index.catalog();
        HitMarker marker = new HitMarker(parsed.query(), analyzer);
        List<Line> lines = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            lines.add(new Line(
                    Long.parseUnsignedLong(source.path(SearchFields.FILE).asText(), 16),
                    source.path(SearchFields.LINE).asLong(),
                    source.path("line_text").asText()));
        }
        Map<Long, NavigableMap<Long, String>> around = around(lines);
        List<SearchResult.Hit> hits = new ArrayList<>();
        int context = settings.contextLines();
        for (Line line : lines) {
            FileFacts file = catalog.file(line.file()).orElse(null);
            BuildFacts build = file == null ? null : catalog.build(file.uuid()).orElse(null);
            if (file == null || build == null) {
                continue; // removed since the search began
            }
            NavigableMap<Long, String> near = around.getOrDefault(line.file(), new TreeMap<>());
            List<SearchResult.ContextLine> before = new ArrayList<>();
            List<SearchResult.ContextLine> after = new ArrayList<>();
            near.subMap(line.number() - context, true, line.number() - 1, true)
                    .forEach((n, text) -> before.add(new SearchResult.ContextLine(n, text)));
            near.subMap(line.number() + 1, true, line.number() + context, true)
                    .forEach((n, text) -> after.add(new SearchResult.ContextLine(n, text)));
            hits.add(new SearchResult.Hit(
                    build.uuid(),
                    build.job(),
                    build.project(),
                    build.result(),
                    build.instant().toString(),
                    file.path(),
                    line.number(),
                    line.text(),
                    marker.mark(line.text()),
                    file.url(build, line.number()),
                    before,
                    after));
        }
        return hits;
    }

    private record Line(long file, long number, String text) {}

    /** The lines around each hit, of the same file, in one request. */
    private Map<Long, NavigableMap<Long, String>> around(List<Line> hits) throws IOException, BadQuery {
        int context = settings.contextLines();
        Map<Long, NavigableMap<Long, String>> byFile = new HashMap<>();
        if (context == 0 || hits.isEmpty()) {
            return byFile;
        }
        // a line's document id is its file's and its number: the neighbours are asked by id, in one clause
        Set<String> ids = new java.util.LinkedHashSet<>();
        for (Line hit : hits) {
            for (long n = Math.max(1, hit.number() - context); n <= hit.number() + context; n++) {
                if (n != hit.number()) {
                    ids.add(IndexLayout.lineId(hit.file(), n));
                }
            }
        }
        ObjectNode body = OpenSearchClient.object().put("size", Math.min(10_000, ids.size()));
        ArrayNode values = body.putObject("query").putObject("ids").putArray("values");
        ids.forEach(values::add);
        body.putArray("_source").add(SearchFields.FILE).add(SearchFields.LINE).add("line_text");
        for (JsonNode hit : search(body, "").path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            byFile.computeIfAbsent(
                            Long.parseUnsignedLong(
                                    source.path(SearchFields.FILE).asText(), 16),
                            f -> new TreeMap<>())
                    .put(
                            source.path(SearchFields.LINE).asLong(),
                            source.path("line_text").asText());
        }
        return byFile;
    }

    /** A search on the alias; an index that does not exist yet answers nothing, a query the cluster refuses is a bad query. */
    private JsonNode search(ObjectNode body, String asked) throws IOException, BadQuery {
        try {
            return client.send(
                    "POST", "/" + index.alias() + "/_search?ignore_unavailable=true&allow_no_indices=true", body);
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
