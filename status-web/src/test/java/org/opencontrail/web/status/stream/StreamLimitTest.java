package org.opencontrail.web.status.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.shared.testing.ZuulStub;

/** Past {@code suite.limits.stream}, a new listener is told 503 and when to retry; a listener who leaves frees a place. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamLimitTest implements TestPropertyProvider {

    private final ZuulStub zuul = new ZuulStub();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(zuul.properties());
        properties.put("suite.limits.stream.concurrent", "2");
        return properties;
    }

    @AfterAll
    void stopZuul() {
        zuul.close();
    }

    private HttpResponse<InputStream> listen() {
        return Http.at(server.getURI()).stream("/api/stream", "Accept", "text/event-stream");
    }

    @Test
    void aListenerPastTheLimitIsTurnedAwayUntilAnotherLeaves() throws Exception {
        HttpResponse<InputStream> first = listen();
        HttpResponse<InputStream> second = listen();
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        first.body().readNBytes(4); // both streams are open and flowing
        second.body().readNBytes(4);

        HttpResponse<InputStream> third = listen();
        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
        third.body().close();

        first.body().close();
        await("a place freed by a listener who left")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    HttpResponse<InputStream> again = listen();
                    again.body().close();
                    return again.statusCode() == 200;
                });
        second.body().close();
    }
}
