package org.opencontrail.web.logs.search.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.opencontrail.web.logs.search.BadQuery;
import org.opencontrail.web.logs.search.SearchFields;

/**
 * The blocks a query may match, read a page at a time in the order hits are shown: newest build
 * first, then by file path and line. Reading stops when the reader has what it needs or when the
 * search's time is up.
 */
final class CandidateBlocks {

    /** What is done with each block; false stops the reading. */
    @FunctionalInterface
    interface Reader {
        boolean read(LineBlock.Read block);
    }

    private static final int PAGE = 500;

    private final BlockSearch search;
    private final ObjectNode query;
    private final long deadline;

    /** A search on the alias, answering an empty result where no index exists yet. */
    @FunctionalInterface
    interface BlockSearch {
        JsonNode run(ObjectNode body) throws IOException, BadQuery;
    }

    /** The blocks of {@code query}, read until {@code deadline} ({@link System#nanoTime()}). */
    CandidateBlocks(BlockSearch search, ObjectNode query, long deadline) {
        this.search = search;
        this.query = query;
        this.deadline = deadline;
    }

    /** Reads the blocks in order; true when the time ran out before the last was read. */
    boolean read(Reader reader) throws IOException, BadQuery {
        JsonNode after = null;
        while (true) {
            if (System.nanoTime() > deadline) {
                return true;
            }
            ObjectNode body = OpenSearchClient.object().put("size", PAGE).put("track_total_hits", false);
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            body.put("timeout", left + "ms");
            body.set("query", query);
            ArrayNode sort = body.putArray("sort");
            sort.addObject().putObject(SearchFields.BUILD_TIME).put("order", "desc");
            sort.addObject().putObject(IndexLayout.FILE_PATH).put("order", "asc");
            sort.addObject().putObject(SearchFields.FILE).put("order", "asc");
            sort.addObject().putObject(SearchFields.LINE).put("order", "asc");
            ArrayNode fields = body.putArray("_source");
            LineBlock.READ.forEach(fields::add);
            if (after != null) {
                body.set("search_after", after);
            }
            JsonNode answer = search.run(body);
            JsonNode hits = answer.path("hits").path("hits");
            for (JsonNode hit : hits) {
                if (!reader.read(LineBlock.read(hit.path("_source")))) {
                    return false;
                }
            }
            if (answer.path("timed_out").asBoolean(false)) {
                return true;
            }
            if (hits.size() < PAGE) {
                return false;
            }
            after = hits.get(hits.size() - 1).path("sort");
        }
    }
}
