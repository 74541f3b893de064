package org.opencontrail.web.shared.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsGrowExponentiallyUpToTheCapWithJitter() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new SplittableRandom(7));

        var waits =
                IntStream.range(0, 12).mapToObj(i -> backoff.next().toMillis()).toList();

        assertThat(waits.get(0)).isBetween(500L, 1000L);
        assertThat(waits.get(3)).isBetween(500L, 8000L);
        assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(500L, 60_000L));
        assertThat(waits.subList(8, 12)).as("jitter: not all the same").doesNotHaveDuplicates();
    }

    @Test
    void cappedWaitsDoubleFromTheFirstUpToTheCap() {
        Duration initial = Duration.ofMillis(200);
        Duration max = Duration.ofSeconds(5);

        assertThat(IntStream.range(-1, 8)
                        .mapToObj(n -> Backoff.capped(initial, max, n).toMillis())
                        .toList())
                .containsExactly(200L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L);
        assertThat(Backoff.capped(Duration.ofMinutes(10), Duration.ofDays(1), 1000))
                .as("no overflow")
                .isEqualTo(Duration.ofDays(1));
    }

    @Test
    void resetStartsOver() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new SplittableRandom(1));
        IntStream.range(0, 10).forEach(i -> backoff.next());

        backoff.reset();

        assertThat(backoff.next().toMillis()).isBetween(50L, 100L);
    }
}
