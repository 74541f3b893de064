package org.opencontrail.web.logs.builds;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.shared.zuul.builds.Build;

/**
 * A build record kept on disk reads back as it was, what is unknown as Zuul's builds API has it
 * ({@code null}, never left out), and the API's answer adds the build's known failures.
 */
class BuildJsonTest {

    private final BuildJson json = new BuildJson(JsonMapper.createDefault());

    private static BuildRecord record(Build build) {
        return new BuildRecord(
                build,
                "check/x/1234567",
                "api",
                IngestState.DONE,
                "",
                2,
                List.of(new BuildRecord.StoredFile("job-output.txt", 2048, 512)),
                Instant.parse("2017-11-24T10:00:00Z"),
                Instant.parse("2017-11-24T10:05:00Z"));
    }

    @Test
    void aRecordReadsBackAsItWasWrittenWithUnknownFieldsAsNull() throws Exception {
        Build unknown = new Build(
                "1234567890abcdef",
                "contrail-unittest",
                Optional.empty(),
                true,
                "periodic",
                "Juniper/contrail-controller",
                "master",
                Optional.empty(),
                Optional.empty(),
                "refs/heads/master",
                "",
                "",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "",
                "",
                "");
        Build known = new Build(
                "fedcba0987654321",
                "contrail-unittest",
                Optional.of("FAILURE"),
                false,
                "check",
                "Juniper/contrail-controller",
                "master",
                Optional.of(43210),
                Optional.of(3),
                "refs/changes/10/43210/3",
                "",
                "http://logs.example/10/43210/3/check/x/fedcba0/",
                Optional.of(Instant.parse("2017-11-24T09:00:00Z")),
                Optional.of(Instant.parse("2017-11-24T09:30:00Z")),
                Optional.of(Duration.ofSeconds(1800)),
                "ubuntu-xenial",
                "",
                "bs1");
        for (Build build : List.of(unknown, known)) {
            byte[] kept = json.bytes(record(build));
            assertThat(json.read(kept)).isEqualTo(record(build));
        }
        String text = new String(json.bytes(record(unknown)), StandardCharsets.UTF_8);
        assertThat(text)
                .contains("\"result\" : null")
                .contains("\"change\" : null")
                .contains("\"duration\" : null")
                .contains("\"stored_size\" : 512")
                .doesNotContain("failures");
    }

    @Test
    void theAnswerListsTheKnownFailures() {
        Build build = new Build(
                "1234567890abcdef",
                "j",
                Optional.of("SUCCESS"),
                true,
                "gate",
                "p",
                "master",
                Optional.of(1),
                Optional.of(1),
                "refs/changes/01/1/1",
                "",
                "",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "",
                "",
                "");
        assertThat(json.text(json.write(record(build)).withFailures(List.of("bug/1712345"))))
                .contains("\"failures\":[\"bug/1712345\"]")
                .contains("\"job_name\":\"j\"");
    }
}
