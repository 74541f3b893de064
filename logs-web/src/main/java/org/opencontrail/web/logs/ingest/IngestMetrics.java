package org.opencontrail.web.logs.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.opencontrail.web.logs.builds.BuildRecords;

/**
 * What ingest counts, for {@code /prometheus}: the queue's depth and oldest wait, the errors by
 * phase, the bytes stored and the builds by how they ended.
 */
@Singleton
final class IngestMetrics {

    private final BuildRecords records;
    private final Clock clock;
    private final Counter listErrors;
    private final Counter copyErrors;
    private final Counter indexErrors;
    private final Counter bytesStored;
    private final Counter buildsDone;
    private final Counter buildsFailed;
    private final Counter buildsWithheld;

    IngestMetrics(BuildRecords records, Clock clock, MeterRegistry meters) {
        this.records = records;
        this.clock = clock;
        Gauge.builder("logs_ingest_queue_depth", records, r -> r.pending().size())
                .description("builds accepted and not yet stored")
                .register(meters);
        Gauge.builder("logs_ingest_oldest_pending_seconds", this, IngestMetrics::oldestPendingSeconds)
                .description("age of the oldest build not yet stored")
                .register(meters);
        listErrors = Counter.builder("logs_ingest_errors")
                .tag("phase", "list")
                .description("failed tries to list a build's files on its log server")
                .register(meters);
        copyErrors = Counter.builder("logs_ingest_errors")
                .tag("phase", "copy")
                .description("failed tries to copy a build's files from its log server into the store")
                .register(meters);
        indexErrors = Counter.builder("logs_ingest_errors")
                .tag("phase", "index")
                .description("failed tries to index a stored build")
                .register(meters);
        bytesStored = Counter.builder("logs_ingest_bytes_stored")
                .description("bytes of log stored (as written by the builds)")
                .register(meters);
        buildsDone = Counter.builder("logs_ingest_builds").tag("state", "done").register(meters);
        buildsFailed =
                Counter.builder("logs_ingest_builds").tag("state", "failed").register(meters);
        buildsWithheld = Counter.builder("logs_ingest_builds")
                .tag("state", "withheld")
                .description("builds not kept because their project is not public")
                .register(meters);
    }

    /** Seconds since the oldest unfinished build was accepted; 0 when none waits. */
    double oldestPendingSeconds() {
        return records.pending().stream()
                .findFirst()
                .map(r -> Duration.between(r.received(), clock.instant()).toMillis() / 1000.0)
                .orElse(0.0);
    }

    void listFailed() {
        listErrors.increment();
    }

    void copyFailed() {
        copyErrors.increment();
    }

    void indexFailed() {
        indexErrors.increment();
    }

    void stored(long bytes) {
        bytesStored.increment((double) bytes);
    }

    void done() {
        buildsDone.increment();
    }

    void failed() {
        buildsFailed.increment();
    }

    void withheld() {
        buildsWithheld.increment();
    }
}
