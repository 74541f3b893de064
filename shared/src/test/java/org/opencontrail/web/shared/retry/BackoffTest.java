package org.opencontrail.web.shared.gerrit.stream;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void waitsGrowExponentiallyUpToTheCapWithJitter() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new SplittableRandom(7));

        var waits = IntStream.range(0, 12).mapToObj(i -> backoff.next().toMillis()).toList();

        assertThat(waits.get(0)).isBetween(500L, 1000L);
        assertThat(waits.get(3)).isBetween(500L, 8000L);
        assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(500L, 60_000L));
        assertThat(waits.subList(8, 12)).as("jitter: not all the same").doesNotHaveDuplicates();
    }

    @Test
    void resetStartsOver() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new SplittableRandom(1));
        IntStream.range(0, 10).forEach(i -> backoff.next());

        backoff.reset();

        assertThat(backoff.next().toMillis()).isBetween(50L, 100L);
    }
}
