package org.opencontrail.web.logs.search;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Why a query cannot run, as the search page shows it and the API answers it.
 *
 * @param error    what is wrong
 * @param position where in the query (0-based), -1 for the whole query
 * @param query    the query as written
 */
@Serdeable
public record QueryProblem(String error, int position, String query) {

    static QueryProblem of(BadQuery bad) {
        return new QueryProblem(bad.getMessage(), bad.position(), bad.query());
    }
}
