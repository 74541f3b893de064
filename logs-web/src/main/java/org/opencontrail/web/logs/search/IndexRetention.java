package org.opencontrail.web.logs.search;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.opencontrail.web.logs.store.LogsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes from the index the builds older than {@code logs.retention}, as the store's sweep removes their files. */
@Singleton
@Requires(missingProperty = "logs.command")
public final class IndexRetention {

    private static final Logger LOG = LoggerFactory.getLogger(IndexRetention.class);

    private final SearchIndex index;
    private final LogsSettings settings;
    private final Clock clock;

    IndexRetention(SearchIndex index, LogsSettings settings, Clock clock) {
        this.clock = clock;
        this.index = index;
        this.settings = settings;
    }

    @Scheduled(fixedDelay = "${logs.retention-sweep:1h}", initialDelay = "5m")
    void scheduled() {
        try {
            sweep(clock.instant());
        } catch (IOException | RuntimeException e) {
            LOG.warn("The index retention sweep failed, it runs again later: {}", e.toString());
        }
    }

    /** Removes the builds of before {@code now} minus the retention; returns how many. */
    public int sweep(Instant now) throws IOException {
        if (settings.retention().isZero() || settings.retention().isNegative()) {
            return 0;
        }
        int removed = index.expire(now.minus(settings.retention()));
        if (removed > 0) {
            LOG.info("Removed {} builds older than {} from the search index", removed, settings.retention());
        }
        return removed;
    }
}
