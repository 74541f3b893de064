package org.opencontrail.web.shared.gerrit.stream;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with full jitter: the n-th wait is uniform in [initial/2, min(max,
 * initial * 2^n)], so that many clients that lost the same server do not return at once.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;
    private int attempt;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    Duration next() {
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt, 20));
        attempt++;
        long floor = Math.min(ceiling, Math.max(1, initial.toMillis() / 2));
        return Duration.ofMillis(floor + (ceiling > floor ? random.nextLong(ceiling - floor + 1) : 0));
    }

    void reset() {
        attempt = 0;
    }
}
