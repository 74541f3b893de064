package org.opencontrail.web.shared.http;

import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Puts {@link SecurityHeaders} on every answer, pages, JSON, files and errors alike. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeadersFilter {

    private final SecurityHeaders headers;
    private final String policy;

    SecurityHeadersFilter(SecurityHeaders headers) {
        this.headers = headers;
        this.policy = headers.pagePolicy();
    }

    @ResponseFilter
    void addHeaders(MutableHttpResponse<?> response) {
        MutableHttpHeaders present = response.getHeaders();
        if (!present.contains(SecurityHeaders.CSP)) {
            present.set(SecurityHeaders.CSP, policy);
        }
        present.set(SecurityHeaders.NOSNIFF, "nosniff")
                .set("Referrer-Policy", headers.referrerPolicy())
                .set("Cross-Origin-Opener-Policy", headers.crossOriginOpenerPolicy())
                // for browsers that predate frame-ancestors
                .set("X-Frame-Options", "DENY");
    }
}
