package org.opencontrail.web.shared.gerrit.stream;

import java.util.Map;
import org.opencontrail.web.shared.collect.Bounded;
import org.opencontrail.web.shared.gerrit.event.EventKey;

/** The keys of the last events delivered, so that a backfill after a gap delivers nothing twice. */
final class RecentEvents {

    private final Map<EventKey, Boolean> keys;

    RecentEvents(int capacity) {
        this.keys = Bounded.firstIn(capacity);
    }

    /** Remembers the key; false when it was already there (a duplicate). */
    synchronized boolean firstTime(EventKey key) {
        return keys.put(key, Boolean.TRUE) == null;
    }
}
