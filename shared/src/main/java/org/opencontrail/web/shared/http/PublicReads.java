package org.opencontrail.web.shared.http;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import java.util.Optional;

/**
 * Cross-origin reading of public data (builds, checks), for the filters of the paths that serve it:
 * any origin, no credentials, reading only. A browser tool on another site (a Gerrit plugin, a
 * dashboard) calls them as it calls Zuul's own API.
 */
public final class PublicReads {

    private PublicReads() {}

    /** The answer to a preflight, at once; empty for any other request. */
    public static Optional<HttpResponse<?>> preflight(HttpRequest<?> request, String headers) {
        if (request.getMethod() != HttpMethod.OPTIONS) {
            return Optional.empty();
        }
        return Optional.of(HttpResponse.noContent()
                .header("Access-Control-Allow-Headers", headers)
                .header("Access-Control-Allow-Methods", "GET, OPTIONS")
                .header("Access-Control-Max-Age", "86400"));
    }

    /** Every answer, errors too, may be read from any origin. */
    public static void allowAnyOrigin(MutableHttpResponse<?> response) {
        response.getHeaders().set("Access-Control-Allow-Origin", "*");
    }
}
