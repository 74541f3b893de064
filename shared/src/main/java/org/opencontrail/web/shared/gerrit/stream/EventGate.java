package org.opencontrail.web.shared.gerrit.stream;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.RefUpdated;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.Unknown;

/**
 * Decides which of a source's events reach its listeners, the same way wherever they come from
 * (Gerrit's SSH stream, a backfill, the Kafka topic): {@code refs/changes/.../meta} noise is dropped,
 * and so is an event seen already (live and again in a backfill, or twice on the topic across a relay
 * handover).
 */
public final class EventGate {

    private static final Pattern META_REF = Pattern.compile("refs/changes/\\d+/\\d+/meta");

    private final RecentEvents recent = new RecentEvents(100_000);
    private final AtomicLong filteredMeta = new AtomicLong();
    private final AtomicLong unknownEvents = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private volatile Instant lastEventCreatedOn = Instant.EPOCH;

    /** True when the event is new and should be handed on; remembers it. */
    public synchronized boolean admit(GerritEvent event) {
        if (event instanceof RefUpdated ref
                && META_REF.matcher(ref.refUpdate().refName()).matches()) {
            filteredMeta.incrementAndGet();
            return false;
        }
        if (!recent.firstTime(event.key())) {
            duplicates.incrementAndGet();
            return false;
        }
        if (event instanceof Unknown) {
            unknownEvents.incrementAndGet();
        }
        if (event.createdOn().isAfter(lastEventCreatedOn)) {
            lastEventCreatedOn = event.createdOn();
        }
        return true;
    }

    /** The server's time of the latest event let through; {@link Instant#EPOCH} before the first. */
    public Instant lastEventCreatedOn() {
        return lastEventCreatedOn;
    }

    /** Takes up after events let through elsewhere (the relay's previous leader): a backfill starts here. */
    public void resumeAfter(Instant createdOn) {
        if (createdOn.isAfter(lastEventCreatedOn)) {
            lastEventCreatedOn = createdOn;
        }
    }

    public long filteredMeta() {
        return filteredMeta.get();
    }

    public long unknownEvents() {
        return unknownEvents.get();
    }

    public long duplicates() {
        return duplicates.get();
    }
}
