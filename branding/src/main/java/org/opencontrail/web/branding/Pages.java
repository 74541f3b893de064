package org.opencontrail.web.branding;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.ViewsModelDecorator;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The one way every site renders a page: its template, in the brand's layout, rendered whole to
 * text before the answer starts (a template that fails is a clean 500, and the text can be cached),
 * and answered as {@code text/html;charset=utf-8} whatever the route produces otherwise.
 */
@Singleton
public final class Pages {

    /** What every page is answered as. */
    public static final MediaType HTML = MediaType.of("text/html;charset=utf-8");

    private final ThymeleafViewsRenderer<Map<String, Object>> renderer;
    private final ViewsModelDecorator decorator;
    private final TemplateEngine templates;

    Pages(
            ThymeleafViewsRenderer<Map<String, Object>> renderer,
            ViewsModelDecorator decorator,
            TemplateEngine templates) {
        this.renderer = renderer;
        this.decorator = decorator;
        this.templates = templates;
    }

    /** A page as text; what the site adds to every page (its {@code ViewModelProcessor}s) is added to its model. */
    public String render(String view, Map<String, Object> model, HttpRequest<?> request) {
        ModelAndView<Map<String, Object>> page = new ModelAndView<>(view, new LinkedHashMap<>(model));
        decorator.decorate(request, page);
        StringWriter out = new StringWriter(16 * 1024);
        try {
            renderer.render(view, page.getModel().orElseGet(Map::of), request).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** A page answered with 200. */
    public MutableHttpResponse<String> ok(String view, Map<String, Object> model, HttpRequest<?> request) {
        return status(HttpStatus.OK, view, model, request);
    }

    /** A page answered with another status (a form shown again with what is wrong in it). */
    public MutableHttpResponse<String> status(
            HttpStatus status, String view, Map<String, Object> model, HttpRequest<?> request) {
        return HttpResponse.<String>status(status)
                .body(render(view, model, request))
                .contentType(HTML);
    }

    /** Parts of a template (its {@code th:fragment}s by name), for pages that are updated in place. */
    public String fragment(String template, String fragment, Map<String, Object> variables) {
        return templates.process(template, Set.of(fragment), new Context(Locale.ENGLISH, variables));
    }
}
