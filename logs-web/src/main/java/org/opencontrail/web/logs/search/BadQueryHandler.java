package org.opencontrail.web.logs.search;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** The one way a query that cannot run becomes 400 for a tool: {@link QueryProblem} as JSON. */
@Produces
@Singleton
final class BadQueryHandler implements ExceptionHandler<BadQuery, HttpResponse<QueryProblem>> {

    @Override
    public HttpResponse<QueryProblem> handle(HttpRequest request, BadQuery bad) {
        return HttpResponse.badRequest(QueryProblem.of(bad));
    }
}
