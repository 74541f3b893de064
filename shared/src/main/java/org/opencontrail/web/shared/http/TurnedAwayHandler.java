package org.opencontrail.web.shared.http;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A request turned away: its status with {@code Retry-After}, in a line a person or a script reads. */
@Produces
@Singleton
final class TurnedAwayHandler implements ExceptionHandler<TurnedAway, HttpResponse<String>> {

    @Override
    public HttpResponse<String> handle(HttpRequest request, TurnedAway turnedAway) {
        return HttpResponse.<String>status(turnedAway.status())
                .header(HttpHeaders.RETRY_AFTER, turnedAway.retryAfterSeconds())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.TEXT_PLAIN_TYPE)
                .body(turnedAway.getMessage() + "\n");
    }
}
