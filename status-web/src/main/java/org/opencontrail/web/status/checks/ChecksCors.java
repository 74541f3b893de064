package org.opencontrail.web.status.checks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.opencontrail.web.shared.http.PublicReads;

/**
 * The Checks plugin runs in Gerrit's pages and reads {@code /api/checks/}: every answer there,
 * errors too, allows any origin, without credentials (public data, as logs-web's builds API). Only
 * reading is answered; nothing here writes.
 */
@ServerFilter("/api/checks/**")
final class ChecksCors {

    @RequestFilter
    @Nullable
    HttpResponse<?> preflight(HttpRequest<?> request) {
        return PublicReads.preflight(request, "Content-Type, Last-Event-ID").orElse(null);
    }

    @ResponseFilter
    void allowAnyOrigin(MutableHttpResponse<?> response) {
        PublicReads.allowAnyOrigin(response);
    }
}
