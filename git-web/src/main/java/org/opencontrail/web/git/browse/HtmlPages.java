package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpRequest;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/**
 * Renders a page to text before the answer starts, on the request's own thread: a template that
 * fails is a 500 page at once, not an answer that never ends, and the text can be cached.
 */
@Singleton
public final class HtmlPages {

    private final ThymeleafViewsRenderer<Map<String, Object>> renderer;

    HtmlPages(ThymeleafViewsRenderer<Map<String, Object>> renderer) {
        this.renderer = renderer;
    }

    public String render(String view, Map<String, Object> model, HttpRequest<?> request) throws IOException {
        StringWriter out = new StringWriter(16 * 1024);
        renderer.render(view, model, request).writeTo(out);
        return out.toString();
    }
}
