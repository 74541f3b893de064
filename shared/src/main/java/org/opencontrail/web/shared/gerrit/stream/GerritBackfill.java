package org.opencontrail.web.shared.gerrit.stream;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;

/** Fetches the events of a gap in the stream (a reconnect, a dropped-output) from Gerrit's web side. */
public interface GerritBackfill {

    /** Events created at or after {@code from}, oldest first. */
    List<GerritEvent> since(Instant from) throws IOException, InterruptedException;

    /**
     * The history of every open change, as events oldest first: what a site that starts late (or
     * comes back after a gap longer than the backfill window) needs to know the changes in flight.
     * Empty where no REST API is configured.
     */
    default List<GerritEvent> openChanges() throws IOException, InterruptedException {
        return List.of();
    }

    /** What this backfill asks, for health and logs. */
    String describe();

    /** How long one backfill request may take. */
    Duration TIMEOUT = Duration.ofSeconds(30);

    /** The backfill Gerrit's web side allows: its events-log plugin, its changes' REST API, or none. */
    static GerritBackfill of(GerritSettings web) {
        if (!web.hasRest()) {
            return NONE;
        }
        return web.eventsLog()
                ? new EventsLogBackfill(web.url(), TIMEOUT)
                : new RestChangesBackfill(web.url(), TIMEOUT);
    }

    /** When Gerrit's REST URL is not configured: gaps cannot be filled, and health says so. */
    GerritBackfill NONE = new GerritBackfill() {
        @Override
        public List<GerritEvent> since(Instant from) {
            return List.of();
        }

        @Override
        public String describe() {
            return "none (gerrit.url not set)";
        }
    };
}
