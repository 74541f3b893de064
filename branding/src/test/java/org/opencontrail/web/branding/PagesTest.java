package org.opencontrail.web.branding;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.model.ViewModelProcessor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.fixtures.Http;

@MicronautTest
@Property(name = "spec.name", value = "PagesTest")
@Property(name = "suite.site", value = "logs")
class PagesTest {

    @Inject
    EmbeddedServer server;

    private HttpResponse<String> get(String path, String accept) {
        return Http.at(server.getURI()).timeout(Duration.ofSeconds(10)).get(path, "Accept", accept);
    }

    @Test
    void aPageIsHtmlInUtf8WhateverTheRouteProducesAndTheBrowserAccepts() throws Exception {
        HttpResponse<String> answer = get("/anything/page", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(answer.body()).contains("<p class=\"given\">café</p>");
    }

    @Test
    void whatTheSiteAddsToEveryPageIsAddedToThisOne() throws Exception {
        assertThat(get("/anything/page", "*/*").body()).contains("<p class=\"added\">on every page</p>");
    }

    @Test
    void aPageWithAnotherStatusKeepsIt() throws Exception {
        HttpResponse<String> answer = get("/anything/refused", "text/html");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
    }

    @Test
    void aPageWhoseTemplateFailsHalfwayIs500WithNothingOfItSent() throws Exception {
        HttpResponse<String> answer = get("/anything/failing", "text/html");
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).doesNotContain("Rendered so far");
    }

    @Requires(property = "spec.name", value = "PagesTest")
    @Controller
    static final class Routes {
        private final Pages pages;

        Routes(Pages pages) {
            this.pages = pages;
        }

        @Get(uri = "/anything/page", produces = MediaType.ALL)
        io.micronaut.http.HttpResponse<String> page(io.micronaut.http.HttpRequest<?> request) {
            return pages.ok("pages-test", Map.of("given", "café"), request);
        }

        @Get(uri = "/anything/failing", produces = MediaType.ALL)
        io.micronaut.http.HttpResponse<String> failing(io.micronaut.http.HttpRequest<?> request) {
            return pages.ok("failing-view", Map.of("page", Map.of()), request);
        }

        @Get(uri = "/anything/refused", produces = MediaType.ALL)
        io.micronaut.http.HttpResponse<String> refused(io.micronaut.http.HttpRequest<?> request) {
            return pages.status(HttpStatus.BAD_REQUEST, "pages-test", Map.of("given", "no"), request);
        }
    }

    @Requires(property = "spec.name", value = "PagesTest")
    @Singleton
    static final class EveryPage implements ViewModelProcessor<Map<String, Object>> {
        @Override
        public void process(io.micronaut.http.HttpRequest<?> request, ModelAndView<Map<String, Object>> page) {
            Map<String, Object> model = new HashMap<>(page.getModel().orElse(Map.of()));
            model.put("added", "on every page");
            page.setModel(model);
        }
    }
}
