package org.opencontrail.web.shared.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A request turned away by a {@link WorkLimit}: 503 with {@code Retry-After}, in a line a person or a script reads. */
@Produces
@Singleton
@Requires(classes = {Overloaded.class, ExceptionHandler.class})
final class OverloadedHandler implements ExceptionHandler<Overloaded, HttpResponse<String>> {

    @Override
    public HttpResponse<String> handle(HttpRequest request, Overloaded overloaded) {
        return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, overloaded.retryAfter().toSeconds())))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.TEXT_PLAIN_TYPE)
                .body(overloaded.getMessage() + "\n");
    }
}
