package org.opencontrail.web.branding;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.views.View;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.fixtures.Http;

@MicronautTest
@Property(name = "spec.name", value = "WholePageViewsTest")
@Property(name = "suite.site", value = "status")
class WholePageViewsTest {

    @Inject
    EmbeddedServer server;

    @Test
    void aViewThatFailsHalfwayAnswers500InsteadOfNeverEnding() throws Exception {
        HttpResponse<String> answer =
                Http.at(server.getURI()).timeout(Duration.ofSeconds(10)).get("/failing");

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).doesNotContain("Rendered so far");
    }

    @Test
    void aViewThatWorksIsAnsweredWhole() throws Exception {
        HttpResponse<String> answer =
                Http.at(server.getURI()).timeout(Duration.ofSeconds(10)).get("/working");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Rendered so far", "<p>there</p>");
    }

    @Requires(property = "spec.name", value = "WholePageViewsTest")
    @Controller
    static final class Views {
        @View("failing-view")
        @Get("/failing")
        Map<String, Object> failing() {
            return Map.of("page", Map.of());
        }

        @View("failing-view")
        @Get("/working")
        Map<String, Object> working() {
            return Map.of("page", Map.of("missing", Map.of("field", "there")));
        }
    }
}
