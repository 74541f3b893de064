package org.opencontrail.web.logs.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import org.opencontrail.web.shared.retry.Backoff;

/**
 * How builds are fetched into the store.
 *
 * @param workers     builds fetched at once
 * @param maxFiles    most files taken from one build
 * @param maxBytes    most bytes taken from one build (as served)
 * @param maxDepth    deepest folder followed in an HTML directory index
 * @param attempts    tries of a build before it is marked failed
 * @param backoff     wait before the second try; doubled at each next one
 * @param maxBackoff  longest wait between tries
 * @param timeout     connect and read timeout of each request to the log server
 * @param backfill    newest builds asked of Zuul's builds API at start and after missed results (0: never)
 */
@ConfigurationProperties("logs.ingest")
public record IngestSettings(
        @Bindable(defaultValue = "2") int workers,
        @Bindable(defaultValue = "5000") int maxFiles,
        @Bindable(defaultValue = "5368709120") long maxBytes,
        @Bindable(defaultValue = "10") int maxDepth,
        @Bindable(defaultValue = "6") int attempts,
        @Bindable(defaultValue = "10s") Duration backoff,
        @Bindable(defaultValue = "10m") Duration maxBackoff,
        @Bindable(defaultValue = "60s") Duration timeout,
        @Bindable(defaultValue = "200") int backfill) {

    /** The wait before try number {@code attempt} (2 and up). */
    public Duration backoffBefore(int attempt) {
        return Backoff.capped(backoff, maxBackoff, attempt - 2);
    }
}
