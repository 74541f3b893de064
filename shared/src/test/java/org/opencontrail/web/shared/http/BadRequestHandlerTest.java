package org.opencontrail.web.shared.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.fixtures.Http;

@MicronautTest
@Property(name = "spec.name", value = "BadRequestHandlerTest")
class BadRequestHandlerTest {

    @Inject
    EmbeddedServer server;

    @Test
    void aBadRequestIs400SayingWhyToATool() throws Exception {
        HttpResponse<String> answer = Http.at(server.getURI()).get("/thing/a..b", "Accept", "application/json");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("'..' names nothing: a..b");
    }

    @Controller
    @Requires(property = "spec.name", value = "BadRequestHandlerTest")
    static final class Things {

        @Get("/thing/{name}")
        String thing(String name) {
            if (name.contains("..")) {
                throw new BadRequest("'..' names nothing: " + name);
            }
            return name;
        }
    }
}
