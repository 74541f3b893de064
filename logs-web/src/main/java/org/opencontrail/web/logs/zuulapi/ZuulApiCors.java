package org.opencontrail.web.logs.zuulapi;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.opencontrail.web.shared.http.PublicReads;

/**
 * Zuul's builds API may be read from any page, as Zuul's own is: a browser tool (a Gerrit checks
 * plugin, a dashboard) on another site calls it; so may what the review is told of builds
 * ({@code /api/review/}). Every answer, errors too, allows any origin, without credentials; a
 * preflight is answered at once for reading.
 */
@ServerFilter({
    "/api/tenant/**",
    "/api/builds",
    "/api/build/**",
    "/api/buildsets",
    "/api/buildset/**",
    "/api/build-times",
    "/api/review/**"
})
final class ZuulApiCors {

    @RequestFilter
    @Nullable
    HttpResponse<?> preflight(HttpRequest<?> request) {
        return PublicReads.preflight(request, "Authorization, Content-Type").orElse(null);
    }

    @ResponseFilter
    void allowAnyOrigin(MutableHttpResponse<?> response) {
        PublicReads.allowAnyOrigin(response);
    }
}
