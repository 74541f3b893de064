package org.opencontrail.web.status.badge;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import java.util.Locale;
import org.opencontrail.web.shared.zuul.ZuulResult;

/**
 * {@code /badge/PROJECT.svg?branch=}: the last gate or post result of a project's branch, as a
 * badge for READMEs. The word says it as well as the colour; an unknown project gets "unknown".
 */
@Controller("/badge")
final class BadgeController {

    private static final String SVG = "image/svg+xml";

    private final LastResults results;

    BadgeController(LastResults results) {
        this.results = results;
    }

    @Get(uri = "/{+path}", produces = SVG)
    @Produces(SVG)
    HttpResponse<String> badge(String path, @Nullable @QueryValue String branch) {
        if (!path.endsWith(".svg")) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "Badges end in .svg");
        }
        String project = path.substring(0, path.length() - ".svg".length());
        var last = results.of(project, branch == null || branch.isBlank() ? "master" : branch);
        String label = last.map(LastResults.Last::pipeline).orElse("gate");
        // a result is shown by the name this site knows it by, never as a feed sent it
        String value = last.map(l -> l.passed()
                        ? "passing"
                        : ZuulResult.of(l.result())
                                .filter(ZuulResult::known)
                                .map(r -> r.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                                .orElse("failing"))
                .orElse("unknown");
        String colour = last.map(l -> l.passed() ? "#17692f" : "#b3261e").orElse("#4a5566");
        return HttpResponse.ok(svg(label, value, colour)).header("Cache-Control", "no-cache, max-age=60");
    }

    /** A two-part badge; both words come from a closed set, never from the request. */
    private static String svg(String label, String value, String colour) {
        int left = 8 + label.length() * 7;
        int right = 8 + value.length() * 7;
        return """
                <svg xmlns="http://www.w3.org/2000/svg" width="%1$d" height="20" role="img" aria-label="%3$s: %4$s">
                  <title>%3$s: %4$s</title>
                  <rect width="%2$d" height="20" fill="#4a5566"/>
                  <rect x="%2$d" width="%5$d" height="20" fill="%6$s"/>
                  <g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">
                    <text x="4" y="14">%3$s</text>
                    <text x="%7$d" y="14">%4$s</text>
                  </g>
                </svg>
                """.formatted(left + right, left, label, value, right, colour, left + 4);
    }
}
