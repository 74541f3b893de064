package org.opencontrail.web.logs.testruns;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.fixtures.SubunitPackets;
import org.opencontrail.web.logs.TemporaryLogsDir;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.database.BuildsWriter;
import org.opencontrail.web.logs.database.TestRunReader;
import org.opencontrail.web.logs.database.TestRunWriter;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.shared.zuul.builds.Build;

/** Test runs go when the logs do: older than the retention, their runs and daily sums are removed. */
// not in a transaction of its own: the recorder's writes are its own
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestRunRetentionTest implements TestPropertyProvider {

    @Inject
    BuildsWriter builds;

    @Inject
    LogStore store;

    @Inject
    TestResultsRecorder recorder;

    @Inject
    TestRunWriter runs;

    @Inject
    TestRunReader reader;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "logs.dir", TemporaryLogsDir.properties("test-retention").get("logs.dir"), "logs.tests.catch-up", "1h");
    }

    private void build(String uuid, Instant start, String testId) throws IOException {
        Build build = new Build(
                uuid,
                "unit",
                Optional.of("SUCCESS"),
                true,
                "check",
                "Juniper/contrail-controller",
                "master",
                Optional.of(91000),
                Optional.of(1),
                "refs/changes/00/91000/1",
                "",
                "",
                Optional.of(start),
                Optional.of(start.plusSeconds(60)),
                Optional.empty(),
                "",
                "",
                "",
                false,
                false,
                List.of(),
                "");
        String root = BuildRecord.rootOf(build);
        byte[] stream = SubunitPackets.test(testId, SubunitPackets.SUCCESS, start, start.plusSeconds(1));
        store.put(root + "testrepository.subunit", new ByteArrayInputStream(stream), null);
        builds.write(new BuildRecord(
                build,
                root,
                "test",
                IngestState.DONE,
                "",
                1,
                List.of(new BuildRecord.StoredFile("testrepository.subunit", stream.length, stream.length)),
                start,
                start));
        assertThat(recorder.read(uuid)).isTrue();
    }

    @Test
    void runsOlderThanTheCutoffGoAndNewerOnesStay() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        build("a1" + "0".repeat(30), now.minus(Duration.ofDays(100)), "pkg.Old.test_gone");
        build("b2" + "0".repeat(30), now.minus(Duration.ofDays(1)), "pkg.New.test_kept");
        Instant since = now.minus(Duration.ofDays(365));

        assertThat(runs.deleteBefore(now.minus(Duration.ofDays(90)))).isEqualTo(1);

        assertThat(reader.history("pkg.Old.test_gone", since, List.of())).isEmpty();
        assertThat(reader.history("pkg.New.test_kept", since, List.of())).hasSize(1);
        assertThat(reader.figures(since, Optional.empty(), List.of(), TestRunReader.Order.SLOWEST, 10))
                .extracting(f -> f.testId())
                .containsExactly("pkg.New.test_kept");
    }
}
