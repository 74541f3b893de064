package org.opencontrail.web.deploy.sandbox.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimClockTest {

    /** The wall clock, moved by the test. */
    private static final class Wall extends Clock {
        private Instant now = Instant.parse("2026-12-01T12:00:00Z");

        void pass(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final Wall wall = new Wall();
    private final SimClock clock = new SimClock(60, wall);
    private final List<String> ran = new ArrayList<>();

    @Test
    void anActionRunsOnceItsScaledDelayHasPassed() {
        clock.after(Duration.ofMinutes(1), () -> ran.add("build ended"));

        runDue();
        assertThat(ran).isEmpty();
        wall.pass(Duration.ofSeconds(1));
        runDue();

        assertThat(ran).containsExactly("build ended");
    }

    @Test
    void nothingIsDueWhileTheWorldIsHeldAndEverythingMovesLaterByAsLong() {
        clock.after(Duration.ofMinutes(1), () -> ran.add("build ended"));
        clock.after(Duration.ofMinutes(2), () -> ran.add("change merged"));

        clock.hold();
        wall.pass(Duration.ofSeconds(10));
        runDue();
        assertThat(ran).as("held for ten times the first delay").isEmpty();
        assertThat(clock.untilNext()).as("the driver only naps while held").isEqualTo(Duration.ofMillis(200));

        clock.release();
        runDue();
        assertThat(ran)
                .as("released: each still as far away as when the hold began")
                .isEmpty();
        wall.pass(Duration.ofSeconds(1));
        runDue();
        assertThat(ran).containsExactly("build ended");
        wall.pass(Duration.ofSeconds(1));
        runDue();
        assertThat(ran).containsExactly("build ended", "change merged");
    }

    @Test
    void aSecondHoldOrReleaseChangesNothing() {
        clock.after(Duration.ofMinutes(1), () -> ran.add("build ended"));
        clock.hold();
        wall.pass(Duration.ofSeconds(5));
        clock.hold();
        wall.pass(Duration.ofSeconds(5));
        clock.release();
        clock.release();

        wall.pass(Duration.ofMillis(999));
        runDue();
        assertThat(ran)
                .as("moved by the ten seconds held, counted from the first hold")
                .isEmpty();
        wall.pass(Duration.ofMillis(1));
        runDue();
        assertThat(ran).containsExactly("build ended");
    }

    private void runDue() {
        for (Runnable due = clock.nextDue(); due != null; due = clock.nextDue()) {
            due.run();
        }
    }
}
