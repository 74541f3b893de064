package org.opencontrail.web.shared.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencontrail.web.fixtures.Http;

@MicronautTest
@Property(name = "spec.name", value = "SecurityHeadersTest")
@Property(name = "suite.security-headers.image-sources", value = "https://status.example.org")
@Property(name = "suite.limits.search.concurrent", value = "1")
@Property(name = "suite.limits.search.queue", value = "0")
class SecurityHeadersTest {

    @Inject
    EmbeddedServer server;

    @Inject
    WorkLimits limits;

    private HttpHeaders get(String path) {
        return Http.at(server.getURI()).get(path).headers();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/page", "/json", "/no-such-page", "/failing", "/health"})
    void everyAnswerCarriesThePagePolicyAndTheSafetyHeaders(String path) throws Exception {
        HttpHeaders headers = get(path);

        assertThat(headers.allValues("Content-Security-Policy"))
                .singleElement()
                .satisfies(csp -> assertThat(csp)
                        .contains(
                                "default-src 'self'",
                                "frame-ancestors 'none'",
                                "base-uri 'none'",
                                "form-action 'self'",
                                "object-src 'none'",
                                "img-src 'self' https://status.example.org")
                        .doesNotContain("unsafe-inline")
                        .doesNotContain("unsafe-eval"));
        assertThat(headers.allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(headers.firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(headers.firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin");
        assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void storedContentKeepsItsSandboxInsteadOfThePagePolicy() throws Exception {
        HttpHeaders headers = get("/stored");

        assertThat(headers.allValues("Content-Security-Policy")).containsExactly(SecurityHeaders.STORED_CONTENT);
        assertThat(SecurityHeaders.STORED_CONTENT)
                .startsWith("sandbox;")
                .doesNotContain("allow-scripts")
                .doesNotContain("allow-same-origin")
                .contains("default-src 'none'");
        assertThat(headers.allValues("X-Content-Type-Options")).containsExactly("nosniff");
    }

    @Test
    void workPastItsLimitIsAnswered503WithRetryAfterAndItsOwnHeaders() throws Exception {
        try (WorkLimits.Permit busy = limits.enter("search")) {
            java.net.http.HttpResponse<String> turnedAway =
                    Http.at(server.getURI()).get("/search");

            assertThat(turnedAway.statusCode()).isEqualTo(503);
            assertThat(turnedAway.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(turnedAway.body()).startsWith("Too many search requests at once");
            assertThat(turnedAway.headers().firstValue("Content-Security-Policy"))
                    .isPresent();
        }
        java.net.http.HttpResponse<String> normal = Http.at(server.getURI()).get("/search");
        assertThat(normal.statusCode()).isEqualTo(200);
    }

    @Requires(property = "spec.name", value = "SecurityHeadersTest")
    @Controller
    static final class Pages {
        private final WorkLimits limits;

        Pages(WorkLimits limits) {
            this.limits = limits;
        }

        @Get("/search")
        String search() {
            try (WorkLimits.Permit turn = limits.enter("search")) {
                return "found";
            }
        }

        @Get(uri = "/page", produces = MediaType.TEXT_HTML)
        String page() {
            return "<!DOCTYPE html><title>t</title>";
        }

        @Get("/json")
        String json() {
            return "{}";
        }

        @Get("/failing")
        String failing() {
            throw new IllegalStateException("broken");
        }

        @Get(uri = "/stored", produces = "image/svg+xml")
        HttpResponse<String> stored() {
            return SecurityHeaders.storedContent(
                    HttpResponse.ok("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"));
        }
    }
}
