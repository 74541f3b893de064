package org.opencontrail.web.shared.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.fixtures.Http;

@MicronautTest
@Property(name = "spec.name", value = "ClientRateLimitsTest")
@Property(name = "suite.rate-limits.review.burst", value = "2")
@Property(name = "suite.rate-limits.review.per-minute", value = "1")
class ClientRateLimitsTest {

    @Inject
    EmbeddedServer server;

    private HttpResponse<String> post(String client) {
        return Http.at(server.getURI()).post("/review", "", "X-Real-IP", client);
    }

    @Test
    void aClientPastItsAllowanceIsTold429AndWhenToComeBackWhileOthersAreServed() throws Exception {
        assertThat(post("203.0.113.7").statusCode()).isEqualTo(200);
        assertThat(post("203.0.113.7").statusCode()).isEqualTo(200);

        HttpResponse<String> third = post("203.0.113.7");

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        assertThat(third.body()).startsWith("Too many review requests from you");
        assertThat(post("198.51.100.20").statusCode())
                .as("another client has its own allowance")
                .isEqualTo(200);
    }

    @Requires(property = "spec.name", value = "ClientRateLimitsTest")
    @Controller
    static final class Review {
        private final ClientRateLimits rates;

        Review(ClientRateLimits rates) {
            this.rates = rates;
        }

        @Post("/review")
        String review(HttpRequest<?> request) {
            rates.charge("review", request);
            return "reviewed";
        }
    }
}
