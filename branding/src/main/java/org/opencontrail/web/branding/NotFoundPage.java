package org.opencontrail.web.branding;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.hateoas.JsonError;
import io.micronaut.views.ModelAndView;

import java.util.Map;

/**
 * The answer to any unknown URL: a page in the brand layout for browsers, JSON for tools.
 */
@Controller
final class NotFoundPage {

    @Error(status = HttpStatus.NOT_FOUND, global = true)
    HttpResponse<?> notFound(HttpRequest<?> request) {
        if (wantsHtml(request)) {
            return HttpResponse.notFound(new ModelAndView<>("error/404", Map.of("path", request.getPath())))
                    .contentType(MediaType.TEXT_HTML_TYPE);
        }
        return HttpResponse.notFound(new JsonError("Not found: " + request.getPath()));
    }

    /** Browsers name text/html; tools that send only a wildcard get JSON. */
    private static boolean wantsHtml(HttpRequest<?> request) {
        return request.accept().stream().anyMatch(type -> MediaType.TEXT_HTML.equals(type.getName()));
    }
}
