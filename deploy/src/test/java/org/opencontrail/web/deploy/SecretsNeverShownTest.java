package org.opencontrail.web.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencontrail.web.deploy.LocalSuite.App;
import org.opencontrail.web.deploy.SiteWalk.Visit;
import org.opencontrail.web.fixtures.Http;

/**
 * The secrets the suite is given (an upload token, the MQTT broker's password, the Gerrit account's
 * private key) and a token a client tried show nowhere: not in any page, feed or JSON a crawler
 * reaches from the home pages, not in /health, /prometheus, error answers or their headers, not in
 * the apps' logs.
 */
@ExtendWith(SandboxedSuite.class)
@Tag("suite")
class SecretsNeverShownTest {

    private static final String TRIED_TOKEN = "tried-token-3e8a61f0c5b2";

    @Test
    void noSecretShowsInAnyAnswerOrLog(SandboxedSuite.Running running) throws Exception {
        LocalSuite suite = running.suite();
        Http http = Http.plain();
        List<String> secrets =
                new ArrayList<>(List.of(SandboxedSuite.UPLOAD_TOKEN, SandboxedSuite.MQTT_PASSWORD, TRIED_TOKEN));
        Files.readAllLines(Path.of(running.sandbox().endpoints().get("GERRIT_SSH_KEY_FILE"))).stream()
                .filter(line -> !line.startsWith("-----") && line.length() >= 24)
                .map(line -> line.substring(0, 24))
                .forEach(secrets::add);
        assertThat(secrets).hasSizeGreaterThan(3);
        await("builds searchable on logs-web")
                .atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> new ObjectMapper()
                                .readTree(http.get(suite.url(App.LOGS).resolve("/api/search?size=1&q=ERROR"))
                                        .body())
                                .path("total")
                                .asLong()
                        > 0);

        List<HttpResponse<String>> answers = new ArrayList<>();
        // error answers, some carrying a secret in the request
        answers.add(http.put(
                suite.url(App.LOGS).resolve("/upload/ab/tried.txt").toString(),
                HttpRequest.BodyPublishers.ofString("x"),
                "Authorization",
                "Bearer " + TRIED_TOKEN));
        answers.add(http.get(suite.url(App.LOGS).resolve("/api/search?q=message%3A%20AND%20(")));
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(401, 400);
        Set<URI> start = new LinkedHashSet<>();
        Set<Integer> ports = new LinkedHashSet<>();
        for (App app : App.values()) {
            URI site = suite.url(app);
            ports.add(site.getPort());
            for (String path :
                    List.of("/", "/health", "/health/liveness", "/prometheus", "/no/such/page", "/api/no-such-thing")) {
                start.add(site.resolve(path));
            }
        }

        List<Visit> visits = SiteWalk.walk(start, ports, 2, 120);

        assertThat(visits).hasSizeGreaterThan(60);
        for (String secret : secrets) {
            for (Visit visit : visits) {
                assertThat(visit.body()).as(visit.uri() + " shows a secret").doesNotContain(secret);
            }
            for (HttpResponse<String> answer : answers) {
                assertThat(answer.body() + answer.headers().map())
                        .as(answer.uri() + " shows a secret")
                        .doesNotContain(secret);
            }
            for (App app : App.values()) {
                assertThat(Files.readString(suite.log(app)))
                        .as(app + "'s log shows a secret")
                        .doesNotContain(secret);
            }
        }
    }
}
