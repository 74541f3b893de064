package org.opencontrail.web.shared.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping a server a test started as its own process. */
public final class Processes {

    private Processes() {}

    /** Asks the process to stop (SIGTERM, its shutdown hooks run), and kills it when it has not within the grace time. */
    public static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
