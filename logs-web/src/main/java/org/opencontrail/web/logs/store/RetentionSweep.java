package org.opencontrail.web.logs.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes the files of builds older than {@code logs.retention}, on every store (S3 lifecycle rules are not everywhere). */
@Singleton
public final class RetentionSweep {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweep.class);

    private final LogStore store;
    private final LogsSettings settings;
    private final Clock clock;
    private final Counter removed;

    RetentionSweep(LogStore store, LogsSettings settings, MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.settings = settings;
        this.removed = Counter.builder("logs_retention_removed_files")
                .description("files removed for being older than the retention")
                .register(meters);
    }

    @Scheduled(fixedDelay = "${logs.retention-sweep:1h}", initialDelay = "5m")
    void scheduled() {
        try {
            sweep(clock.instant());
        } catch (IOException | RuntimeException e) {
            LOG.warn("The retention sweep failed, it runs again later: {}", e.toString());
        }
    }

    /** Removes what was stored before {@code now} minus the retention; returns how many files. */
    public int sweep(Instant now) throws IOException {
        if (settings.retention().isZero() || settings.retention().isNegative()) {
            return 0;
        }
        int count = store.deleteStoredBefore(now.minus(settings.retention()));
        removed.increment(count);
        if (count > 0) {
            LOG.info("Removed {} files stored more than {} ago", count, settings.retention());
        }
        return count;
    }
}
