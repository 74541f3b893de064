package org.opencontrail.web.branding;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.HtmlErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Every error a browser sees (404, 405, 400, 500...) as a page in the brand layout. Tools that do
 * not ask for HTML keep Micronaut's JSON errors.
 */
@Singleton
@Replaces(HtmlErrorResponseBodyProvider.class)
final class BrandedErrorPage implements HtmlErrorResponseBodyProvider {

    private static final String TEMPLATE = "error/page";

    private final TemplateEngine templates;

    BrandedErrorPage(TemplateEngine templates) {
        this.templates = templates;
    }

    @Override
    public String body(ErrorContext error, HttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        Map<String, Object> model = Map.of(
                "status", response.code(),
                "reason", response.reason(),
                "path", error.getRequest().getPath(),
                "notFound", status == HttpStatus.NOT_FOUND,
                "details", details(error, status));
        return templates.process(TEMPLATE, new Context(Locale.ENGLISH, model));
    }

    /** What went wrong, for the client's own mistakes only: a server error's message may hold internals. */
    private static List<String> details(ErrorContext error, HttpStatus status) {
        if (status.getCode() >= 500 || status == HttpStatus.NOT_FOUND) {
            return List.of();
        }
        return error.getErrors().stream().map(Error::getMessage).distinct().toList();
    }
}
