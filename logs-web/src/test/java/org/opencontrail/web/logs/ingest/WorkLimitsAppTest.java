package org.opencontrail.web.logs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.logs.TemporaryLogsDir;
import org.opencontrail.web.shared.http.WorkLimits;

/**
 * Uploads and searches past their limits are told 503 and when to retry, and are served again once
 * the load is gone; a client guessing reviewer tokens is told 429 after a few tries.
 */
@MicronautTest
@Property(name = "logs.upload-tokens", value = "publisher")
@Property(name = "suite.limits.upload.concurrent", value = "1")
@Property(name = "suite.limits.upload.queue", value = "0")
@Property(name = "suite.limits.search.concurrent", value = "1")
@Property(name = "suite.limits.search.queue", value = "0")
@Property(name = "suite.rate-limits.review.burst", value = "2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkLimitsAppTest implements TestPropertyProvider {

    private static final String ROOT = "61/91261/1/check/contrail-vnc-build/5c4d3e2/";

    @Inject
    EmbeddedServer server;

    @Inject
    WorkLimits limits;

    private final Http http = Http.plain().http11();

    @Override
    public Map<String, String> getProperties() {
        return TemporaryLogsDir.properties("limits-test");
    }

    private HttpRequest.Builder upload(String name) {
        return http.request(
                server.getURL() + "/upload/" + ROOT + name,
                "Authorization",
                "Bearer publisher",
                "Content-Type",
                "text/plain");
    }

    @Test
    void anUploadHoldsItsTurnUntilItsLastByteAndTheNextWaitsItsTurn() throws Exception {
        PipedOutputStream slowBody = new PipedOutputStream();
        PipedInputStream sent = new PipedInputStream(slowBody, 4 * 1024 * 1024);
        // a connection of its own, as a publisher's upload has
        Http publisher =
                http.using(Http.builder().version(HttpClient.Version.HTTP_1_1).build());
        CompletableFuture<HttpResponse<String>> slow = publisher.sendAsync(
                upload("slow.txt").PUT(HttpRequest.BodyPublishers.ofInputStream(() -> sent)),
                HttpResponse.BodyHandlers.ofString());
        // more than the server gathers before it hands a body over as a stream
        write(slowBody, "the first half of a slow upload\n".repeat(64 * 1024));
        await("the slow upload has its turn")
                .atMost(Duration.ofSeconds(20))
                .until(() -> http.get(server.getURL() + "/prometheus")
                        .body()
                        .contains("suite_work_active{kind=\"upload\"} 1.0"));

        HttpResponse<String> turnedAway = put("other.txt");
        assertThat(turnedAway.statusCode()).isEqualTo(503);
        assertThat(turnedAway.headers().firstValue("Retry-After")).isPresent();
        assertThat(turnedAway.body()).contains("Too many upload requests");

        write(slowBody, "and the rest\n");
        slowBody.close();
        assertThat(slow.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        assertThat(put("other.txt").statusCode())
                .as("served again once the load is gone")
                .isEqualTo(201);
    }

    @Test
    void aSearchPastTheLimitIsTurnedAwayAndServedOnceTheSearchBeforeItEnds() throws Exception {
        URI search = URI.create(server.getURL() + "/api/search?q=error");
        try (WorkLimits.Permit running = limits.enter("search")) {
            HttpResponse<String> turnedAway = http.get(search);
            assertThat(turnedAway.statusCode()).isEqualTo(503);
            assertThat(turnedAway.headers().firstValue("Retry-After")).isPresent();
        }
        assertThat(http.get(search).statusCode()).isEqualTo(200);
    }

    @Test
    void aClientGuessingReviewerTokensIsSlowedDownTo429() throws Exception {
        HttpRequest guess = http.request(
                        server.getURL() + "/failures/proposals/1234567/accept",
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "X-Real-IP",
                        "203.0.113.9")
                .POST(HttpRequest.BodyPublishers.ofString("token=guess"))
                .build();

        assertThat(http.send(guess, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(403);
        assertThat(http.send(guess, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(403);
        HttpResponse<String> third = http.send(guess, HttpResponse.BodyHandlers.ofString());
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
    }

    private HttpResponse<String> put(String name) {
        return http.send(
                upload(name).PUT(HttpRequest.BodyPublishers.ofString("small\n")), HttpResponse.BodyHandlers.ofString());
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
