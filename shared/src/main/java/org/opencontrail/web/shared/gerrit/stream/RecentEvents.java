package org.opencontrail.web.shared.gerrit.stream;

import org.opencontrail.web.shared.gerrit.event.EventKey;

import java.util.LinkedHashMap;
import java.util.Map;

/** The keys of the last events delivered, so that a backfill after a gap delivers nothing twice. */
final class RecentEvents {

    private final Map<EventKey, Boolean> keys;

    RecentEvents(int capacity) {
        this.keys = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<EventKey, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Remembers the key; false when it was already there (a duplicate). */
    synchronized boolean firstTime(EventKey key) {
        return keys.put(key, Boolean.TRUE) == null;
    }
}
