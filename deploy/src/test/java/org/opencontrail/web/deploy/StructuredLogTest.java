package org.opencontrail.web.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.deploy.LocalSuite.App;
import org.opencontrail.web.fixtures.Http;

/** LOG_FORMAT=json: every line each app prints, access log included, is one JSON object. */
@Tag("suite")
class StructuredLogTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void jsonLogFormatPrintsOneObjectPerLineWithTheAccessLog() throws Exception {
        try (LocalSuite suite = LocalSuite.start(
                Path.of(System.getProperty("suite.root", "..")),
                System.getProperty("suite.version"),
                Path.of("target", "suite-logs-json"),
                Map.of("LOG_FORMAT", "json"))) {
            Http http = Http.plain();
            for (App app : App.values()) {
                http.get(suite.url(app).resolve("/?json-log-probe"));
            }
            for (App app : App.values()) {
                await(app.module + " access log")
                        .atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(logLines(suite.log(app)))
                                .anySatisfy(line -> {
                                    assertThat(line.path("loggerName").asText()).isEqualTo("HTTP_ACCESS_LOGGER");
                                    assertThat(line.path("formattedMessage").asText())
                                            .contains("GET /?json-log-probe");
                                }));
                assertThat(logLines(suite.log(app)))
                        .anySatisfy(
                                line -> assertThat(line.path("formattedMessage").asText())
                                        .contains("Startup completed"));
            }
        }
    }

    /** Parses every line of the log; a line that is not a JSON object fails the test. */
    private List<JsonNode> logLines(Path log) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = json.readTree(line);
            assertThat(node.isObject())
                    .as("log line is a JSON object: %s", line)
                    .isTrue();
            lines.add(node);
        }
        return lines;
    }
}
