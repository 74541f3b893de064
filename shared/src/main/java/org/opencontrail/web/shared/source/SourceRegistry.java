package org.opencontrail.web.shared.source;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.opencontrail.web.shared.text.Durations;

/** Every source this app runs (Gerrit stream, Zuul status, MQTT, replay), for pages that show their state. */
@Singleton
public final class SourceRegistry {

    /**
     * One source as a page shows it.
     *
     * @param name       source name
     * @param state      where it stands
     * @param healthy    connected and flowing
     * @param lastEvent  "12 s ago", or "never"
     * @param events     events received
     * @param reconnects reconnections since start
     * @param problem    the last error, empty when none
     */
    public record Feed(
            String name,
            String state,
            boolean healthy,
            String lastEvent,
            long events,
            long reconnects,
            String problem) {}

    private final List<SourceHealth> sources = new CopyOnWriteArrayList<>();
    private final Clock clock;

    SourceRegistry(Clock clock) {
        this.clock = clock;
    }

    public void register(SourceHealth health) {
        sources.add(health);
    }

    /** Each source's raw status, for checks that need ages and counts rather than words. */
    public List<SourceStatus> statuses() {
        return sources.stream().map(SourceHealth::status).toList();
    }

    public List<Feed> feeds() {
        return sources.stream()
                .map(health -> {
                    SourceStatus status = health.status();
                    String last = status.lastEventAgeSeconds(clock.instant())
                            .map(s -> Durations.words(Duration.ofSeconds(s)) + " ago")
                            .orElse("never");
                    return new Feed(
                            status.name(),
                            status.state().name().toLowerCase(java.util.Locale.ROOT),
                            status.healthy(),
                            last,
                            health.eventCount(),
                            status.reconnects(),
                            status.lastError().orElse(""));
                })
                .toList();
    }
}
