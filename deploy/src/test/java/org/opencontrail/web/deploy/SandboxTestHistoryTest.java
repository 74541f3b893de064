package org.opencontrail.web.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencontrail.web.deploy.LocalSuite.App;
import org.opencontrail.web.fixtures.Http;

/**
 * The sandbox's unit-test builds publish the stream and JUnit file stestr made, and logs-web reads
 * them into every test's history: the tests are found, each has its runs, and a job's page lists them.
 */
@ExtendWith(SandboxedSuite.class)
@Tag("suite")
class SandboxTestHistoryTest {

    private static final String TEST =
            "contrail_sandbox.tests.test_config.XmppChannelTest.test_schema_transformer_resync";

    @Test
    void theSandboxesUnitTestsHaveAHistory(SandboxedSuite.Running running) {
        Http logs = Http.at(running.suite().url(App.LOGS));
        await("logs-web has read a sandbox unit-test build's results")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> logs.get("/api/test/" + TEST).statusCode() == 200);

        JsonNode found =
                Http.json(logs.get("/api/tests?q=contrail_sandbox").body()).get("found");
        assertThat(found).hasSize(8);
        JsonNode test = Http.json(logs.get("/api/test/" + TEST).body());
        assertThat(test.get("runs").asLong()).isPositive();
        assertThat(test.get("mean").asDouble())
                .as("the slow test's run time, from its stream")
                .isGreaterThan(0.39);
        String build = test.get("points").get(0).get("build").asText();
        String job = Http.json(logs.get("/api/builds?uuid=" + build).body())
                .get(0)
                .get("job_name")
                .asText();
        assertThat(logs.get("/job/" + job).body()).contains(TEST);
        assertThat(logs.get("/tests").statusCode()).isEqualTo(200);
    }
}
