package org.opencontrail.web.deploy.sandbox.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.shared.testing.HandClock;

class SimClockTest {

    private final HandClock wall = new HandClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final SimClock clock = new SimClock(60, wall);
    private final List<String> ran = new ArrayList<>();

    @Test
    void anActionRunsOnceItsScaledDelayHasPassed() {
        clock.after(Duration.ofMinutes(1), () -> ran.add("build ended"));

        runDue();
        assertThat(ran).isEmpty();
        wall.advance(Duration.ofSeconds(1));
        runDue();

        assertThat(ran).containsExactly("build ended");
    }

    @Test
    void nothingIsDueWhileTheWorldIsHeldAndEverythingMovesLaterByAsLong() {
        clock.after(Duration.ofMinutes(1), () -> ran.add("build ended"));
        clock.after(Duration.ofMinutes(2), () -> ran.add("change merged"));

        clock.hold();
        wall.advance(Duration.ofSeconds(10));
        runDue();
        assertThat(ran).as("held for ten times the first delay").isEmpty();
        assertThat(clock.untilNext()).as("the driver only naps while held").isEqualTo(Duration.ofMillis(200));

        clock.release();
        runDue();
        assertThat(ran)
                .as("released: each still as far away as when the hold began")
                .isEmpty();
        wall.advance(Duration.ofSeconds(1));
        runDue();
        assertThat(ran).containsExactly("build ended");
        wall.advance(Duration.ofSeconds(1));
        runDue();
        assertThat(ran).containsExactly("build ended", "change merged");
    }

    @Test
    void aSecondHoldOrReleaseChangesNothing() {
        clock.after(Duration.ofMinutes(1), () -> ran.add("build ended"));
        clock.hold();
        wall.advance(Duration.ofSeconds(5));
        clock.hold();
        wall.advance(Duration.ofSeconds(5));
        clock.release();
        clock.release();

        wall.advance(Duration.ofMillis(999));
        runDue();
        assertThat(ran)
                .as("moved by the ten seconds held, counted from the first hold")
                .isEmpty();
        wall.advance(Duration.ofMillis(1));
        runDue();
        assertThat(ran).containsExactly("build ended");
    }

    private void runDue() {
        for (Runnable due = clock.nextDue(); due != null; due = clock.nextDue()) {
            due.run();
        }
    }
}
