package org.opencontrail.web.logs.builds;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * Whether this process serves the site or runs a command ({@code import}, {@code reindex}), which
 * stores or indexes by itself: a command takes no builds from Zuul or the replicas' topics and
 * leaves unfinished builds to the site's next start.
 */
@Singleton
public final class LogsCommand {

    private final boolean running;

    LogsCommand(@Property(name = "logs.command") @Nullable String command) {
        this.running = command != null && !command.isBlank();
    }

    /** True when this process runs a command rather than the site. */
    public boolean running() {
        return running;
    }
}
