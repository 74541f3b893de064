package org.opencontrail.web.status.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.shared.testing.HandClock;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot;
import org.opencontrail.web.shared.zuul.status.ZuulStatusParser;

class StalledQueuesTest {

    private final HandClock clock = new HandClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final StalledQueues stalls = new StalledQueues(
            new InfraSettings(Duration.ofMinutes(30), 100, 100, Duration.ofHours(2), "", Duration.ofMinutes(1)), clock);

    private static ZuulSnapshot snapshot(boolean waiting, String running) throws IOException {
        return new ZuulStatusParser()
                .parse(new java.io.ByteArrayInputStream(
                        StatusJson.status(0, 0, false, waiting, running).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aQueueWithJobsWaitingAndNothingStartingForTooLongIsStalledEvenWhenNoNewStatusArrives() throws IOException {
        stalls.onEvent(snapshot(true, "run-1"));
        clock.advance(Duration.ofMinutes(29));
        stalls.onEvent(snapshot(true, "run-1"));
        assertThat(stalls.stalled()).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        assertThat(stalls.stalled()).singleElement().satisfies(stall -> {
            assertThat(stall.pipeline()).isEqualTo("gate");
            assertThat(stall.queue()).isEqualTo("contrail");
            assertThat(stall.waiting()).isEqualTo(1);
            assertThat(stall.stalledFor(clock.instant())).isEqualTo(Duration.ofMinutes(31));
        });

        stalls.onEvent(snapshot(true, "run-2"));
        assertThat(stalls.stalled()).as("a job started: the queue moves again").isEmpty();
    }

    @Test
    void aQueueWithNothingWaitingIsNeverStalled() throws IOException {
        stalls.onEvent(snapshot(false, "run-1"));
        clock.advance(Duration.ofHours(5));
        assertThat(stalls.stalled()).isEmpty();
    }
}
