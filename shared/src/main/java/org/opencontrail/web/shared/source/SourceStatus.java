package org.opencontrail.web.shared.source;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A moment's view of one source's health, for /health, metrics and the pages that show it.
 *
 * @param name           the source's name (gerrit-stream, zuul-status, zuul-mqtt)
 * @param state          where it stands
 * @param lastEventAt    when the last event or snapshot arrived
 * @param lastActivityAt when anything (event, keepalive reply) last arrived
 * @param reconnects     connections lost and opened again since start
 * @param malformedLines input that could not be read, counted
 * @param backlog        events received and not yet handled by every subscriber
 * @param lastError      the last failure, empty when none
 */
public record SourceStatus(
        String name,
        SourceState state,
        Optional<Instant> lastEventAt,
        Optional<Instant> lastActivityAt,
        long reconnects,
        long malformedLines,
        long backlog,
        Optional<String> lastError) {

    /** Seconds since the last event, empty when none arrived yet. */
    public Optional<Long> lastEventAgeSeconds(Instant now) {
        return lastEventAt.map(at -> Duration.between(at, now).toSeconds());
    }

    /** True while connected and traffic flows. */
    public boolean healthy() {
        return state == SourceState.CONNECTED;
    }
}
