package org.opencontrail.web.shared.source;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The live health of one source, written by the source's threads and read by /health, metrics
 * and pages. Thread-safe; every read is a consistent-enough snapshot for monitoring.
 */
public final class SourceHealth {

    private final String name;
    private final Clock clock;
    private final AtomicReference<SourceState> state = new AtomicReference<>(SourceState.IDLE);
    private final AtomicReference<Instant> lastEventAt = new AtomicReference<>();
    private final AtomicReference<Instant> lastActivityAt = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong malformedLines = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private volatile LongSupplier backlog = () -> 0;

    public SourceHealth(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
    }

    public String name() {
        return name;
    }

    public void state(SourceState next) {
        state.set(next);
    }

    public SourceState state() {
        return state.get();
    }

    /** An event (or snapshot) arrived: it is also activity. */
    public void event() {
        Instant now = clock.instant();
        lastEventAt.set(now);
        lastActivityAt.set(now);
        events.incrementAndGet();
    }

    /** Something that proves the connection alive arrived (a keepalive reply). */
    public void activity() {
        lastActivityAt.set(clock.instant());
    }

    public Optional<Instant> lastActivityAt() {
        return Optional.ofNullable(lastActivityAt.get());
    }

    public void reconnected() {
        reconnects.incrementAndGet();
    }

    public void malformed() {
        malformedLines.incrementAndGet();
    }

    public void error(String message) {
        lastError.set(message);
    }

    public void backlog(LongSupplier supplier) {
        this.backlog = supplier;
    }

    public long eventCount() {
        return events.get();
    }

    public SourceStatus status() {
        return new SourceStatus(
                name,
                state.get(),
                Optional.ofNullable(lastEventAt.get()),
                Optional.ofNullable(lastActivityAt.get()),
                reconnects.get(),
                malformedLines.get(),
                backlog.getAsLong(),
                Optional.ofNullable(lastError.get()));
    }
}
