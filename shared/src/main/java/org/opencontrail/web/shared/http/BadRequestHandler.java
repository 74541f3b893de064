package org.opencontrail.web.shared.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** The one way a {@link BadRequest} becomes 400: the site's error answer, saying why. */
@Produces
@Singleton
final class BadRequestHandler implements ExceptionHandler<BadRequest, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> errors;

    BadRequestHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, BadRequest exception) {
        return errors.processResponse(
                ErrorContext.builder(request)
                        .cause(exception)
                        .errorMessage(exception.getMessage())
                        .build(),
                HttpResponse.badRequest());
    }
}
