package org.opencontrail.web.shared.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The app's limits per kind of work ({@link WorkLimit}). Work takes a {@link Permit} before it
 * starts and closes it when it ends: for a streamed answer, when the last byte is written. Exported
 * as {@code suite_work_active}, {@code suite_work_waiting} and {@code suite_work_shed_total} by kind.
 */
@Singleton
public final class WorkLimits {

    /** A turn at one kind of work; closing it twice is harmless. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<String, Bulkhead> bulkheads;

    WorkLimits(List<WorkLimit> limits, MeterRegistry registry) {
        this.bulkheads = limits.stream()
                .collect(Collectors.toUnmodifiableMap(WorkLimit::kind, limit -> new Bulkhead(limit, registry)));
    }

    /**
     * Waits for a turn at {@code kind} as its limit allows.
     *
     * @throws TurnedAway (503) when the kind is at its limit and its queue is full, or the wait ran out
     */
    public Permit enter(String kind) {
        return bulkhead(kind).enter(true);
    }

    /**
     * A turn at {@code kind} now or never, whatever its queue allows: for callers on an event loop,
     * which must not wait.
     *
     * @throws TurnedAway (503) when the kind is at its limit
     */
    public Permit enterNow(String kind) {
        return bulkhead(kind).enter(false);
    }

    private Bulkhead bulkhead(String kind) {
        Bulkhead bulkhead = bulkheads.get(kind);
        if (bulkhead == null) {
            throw new IllegalArgumentException("no suite.limits." + kind + " is configured");
        }
        return bulkhead;
    }

    private static final class Bulkhead {
        private final WorkLimit limit;
        private final Semaphore turns;
        private final AtomicInteger waiting = new AtomicInteger();
        private final Counter shed;

        Bulkhead(WorkLimit limit, MeterRegistry registry) {
            this.limit = limit;
            this.turns = new Semaphore(limit.concurrent(), true);
            Gauge.builder("suite_work_active", turns, t -> limit.concurrent() - t.availablePermits())
                    .tag("kind", limit.kind())
                    .description("Requests of this kind of work running now")
                    .register(registry);
            Gauge.builder("suite_work_waiting", waiting, AtomicInteger::get)
                    .tag("kind", limit.kind())
                    .description("Requests of this kind of work waiting for a turn")
                    .register(registry);
            Gauge.builder("suite_work_limit", limit, WorkLimit::concurrent)
                    .tag("kind", limit.kind())
                    .description("How many requests of this kind of work run at once")
                    .register(registry);
            this.shed = Counter.builder("suite_work_shed")
                    .tag("kind", limit.kind())
                    .description("Requests of this kind of work turned away with 503")
                    .register(registry);
        }

        Permit enter(boolean mayWait) {
            if (!turns.tryAcquire()) {
                if (!mayWait) {
                    throw turnedAway();
                }
                if (waiting.incrementAndGet() > limit.queue()) {
                    waiting.decrementAndGet();
                    throw turnedAway();
                }
                try {
                    if (!turns.tryAcquire(limit.maxWait().toNanos(), TimeUnit.NANOSECONDS)) {
                        throw turnedAway();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw turnedAway();
                } finally {
                    waiting.decrementAndGet();
                }
            }
            AtomicBoolean open = new AtomicBoolean(true);
            return () -> {
                if (open.compareAndSet(true, false)) {
                    turns.release();
                }
            };
        }

        private TurnedAway turnedAway() {
            shed.increment();
            return TurnedAway.overloaded(limit.kind(), limit.retryAfter());
        }
    }
}
