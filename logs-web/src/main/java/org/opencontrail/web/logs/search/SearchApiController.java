package org.opencontrail.web.logs.search;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code GET /api/search} and {@code POST /api/search} (for queries too long for a URL) for tools: a
 * page of hits with their context, facets and histogram as {@link SearchResult}. A bad query answers
 * 400 with where and why ({@link BadQueryHandler}).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class SearchApiController {

    private final SearchService search;
    private final SearchRequests requests;

    SearchApiController(SearchService search, SearchRequests requests) {
        this.search = search;
        this.requests = requests;
    }

    @Get(uri = "/api/search", produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> api(
            @QueryValue("q") @Nullable String q,
            @QueryValue @Nullable String range,
            @QueryValue @Nullable String from,
            @QueryValue @Nullable String to,
            @QueryValue @Nullable String level,
            @QueryValue @Nullable Integer offset,
            @QueryValue @Nullable Integer size)
            throws BadQuery {
        SearchRequest request = requests.of(
                q,
                range,
                from,
                to,
                level,
                offset == null ? 0 : offset,
                size == null ? SearchRequests.PAGE : Math.min(size, 1000));
        return HttpResponse.ok(search.search(request));
    }

    /**
     * A search sent in a body, for queries too long for a URL (signatures can be).
     *
     * @param q      the query
     * @param range  24h, 7d, 30d or all
     * @param from   builds from this time
     * @param to     builds up to this time
     * @param level  lowest level of the lines
     * @param offset hits skipped
     * @param size   hits returned
     */
    @io.micronaut.serde.annotation.Serdeable
    record Body(
            @Nullable String q,
            @Nullable String range,
            @Nullable String from,
            @Nullable String to,
            @Nullable String level,
            @Nullable Integer offset,
            @Nullable Integer size) {}

    @io.micronaut.http.annotation.Post(
            uri = "/api/search",
            consumes = MediaType.APPLICATION_JSON,
            produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> apiPost(@io.micronaut.http.annotation.Body Body body) throws BadQuery {
        return api(body.q(), body.range(), body.from(), body.to(), body.level(), body.offset(), body.size());
    }
}
