package org.opencontrail.web.shared.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff, the one way the suite waits before trying again: the n-th wait
 * (from 0) is {@code initial × 2^n}, never more than {@code max}. A client of a shared server
 * (Gerrit's SSH) draws with full jitter from {@link #next()}, so that many clients that lost the
 * same server do not return at once; a retry of one's own work (a fetch, a build) takes
 * {@link #capped} as it is.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The n-th wait (from 0): {@code initial × 2^n}, at most {@code max}. */
    public static Duration capped(Duration initial, Duration max, int n) {
        long wait = initial.toMillis() << Math.min(20, Math.max(0, n));
        return Duration.ofMillis(Math.min(max.toMillis(), wait));
    }

    /** The next wait, uniform in [initial/2, the capped wait]. */
    public Duration next() {
        long ceiling = capped(initial, max, attempt).toMillis();
        attempt++;
        long floor = Math.min(ceiling, Math.max(1, initial.toMillis() / 2));
        return Duration.ofMillis(floor + (ceiling > floor ? random.nextLong(ceiling - floor + 1) : 0));
    }

    public void reset() {
        attempt = 0;
    }
}
