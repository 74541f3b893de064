package org.opencontrail.web.logs.testruns;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.opencontrail.web.logs.builds.BuildFinished;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.database.BuildRow;
import org.opencontrail.web.logs.database.BuildsReader;
import org.opencontrail.web.logs.database.TestRunWriter;
import org.opencontrail.web.logs.store.LogsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every stored build's test results into the builds database: a build finished here is read
 * at once (on a thread of its own, not the ingest's), and builds not read yet (stored before, or
 * while this replica was down) are looked for every {@code logs.tests.catch-up}. Each build is read
 * once across replicas; runs older than the logs' retention go with them.
 */
@Singleton
@Requires(missingProperty = "logs.command") // a command (import, reindex) leaves it to the site
public final class TestResultsRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(TestResultsRecorder.class);

    private final BuildsReader builds;
    private final BuildResults results;
    private final TestRunWriter writer;
    private final TestsSettings settings;
    private final LogsSettings logs;
    private final Clock clock;
    private final Counter read;
    private final Counter runs;
    private final Counter damaged;
    private final Timer reading;
    private final ExecutorService reader =
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000), r -> {
                Thread thread = new Thread(r, "test-results");
                thread.setDaemon(true);
                return thread;
            });

    TestResultsRecorder(
            BuildsReader builds,
            BuildResults results,
            TestRunWriter writer,
            TestsSettings settings,
            LogsSettings logs,
            MeterRegistry meters,
            Clock clock) {
        this.builds = builds;
        this.results = results;
        this.writer = writer;
        this.settings = settings;
        this.logs = logs;
        this.clock = clock;
        this.read = Counter.builder("logs_test_results_builds_read")
                .description("builds whose test results were read")
                .register(meters);
        this.runs = Counter.builder("logs_test_results_runs")
                .description("test runs read from the builds' result files")
                .register(meters);
        this.reading = Timer.builder("logs_test_results_read")
                .description("a build's test results read from its files and stored")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.damaged = Counter.builder("logs_test_results_damaged")
                .description("bytes or elements of result files that could not be read")
                .register(meters);
    }

    @EventListener
    void finished(BuildFinished event) {
        if (!settings.enabled() || event.record().state() != IngestState.DONE) {
            return;
        }
        String uuid = event.record().build().uuid();
        try {
            var unused = reader.submit(() -> readQuietly(uuid));
        } catch (RejectedExecutionException e) {
            // many builds at once: the catch-up reads it
        }
    }

    @Scheduled(fixedDelay = "${logs.tests.catch-up:1m}", initialDelay = "20s")
    void catchUp() {
        if (!settings.enabled()) {
            return;
        }
        try {
            // on the reader's one thread, as the builds finished here are: one build at a time
            for (String uuid : writer.unread(settings.catchUpSize())) {
                try {
                    reader.submit(() -> readQuietly(uuid)).get();
                } catch (java.util.concurrent.ExecutionException | RejectedExecutionException e) {
                    LOG.warn("The test results of build {} could not be read: {}", uuid, e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (!logs.retention().isZero() && !logs.retention().isNegative()) {
                writer.deleteBefore(clock.instant().minus(logs.retention()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Looking for builds whose test results were not read failed, tried again later: {}", e.toString());
        }
    }

    private void readQuietly(String uuid) {
        try {
            read(uuid);
        } catch (org.opencontrail.web.logs.database.DatabaseException e) {
            if (org.opencontrail.web.logs.database.DatabaseException.dataRefused(e)) {
                // the data itself refused: noted, so the catch-up goes on rather than trying it forever
                LOG.warn("The test results of build {} could not be stored: {}", uuid, e.toString());
                builds.build(uuid).ifPresent(build -> writer.unreadable(build, e.getMessage()));
            } else { // away, or busy
                LOG.warn("The test results of build {} could not be stored, tried again later: {}", uuid, e.toString());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("The test results of build {} could not be read, tried again later: {}", uuid, e.toString());
        }
    }

    /** Reads the build's results, unless they were read already; whether they were read now. */
    public boolean read(String uuid) throws IOException {
        BuildRow build = builds.build(uuid).orElse(null);
        if (build == null) {
            return false;
        }
        long started = System.nanoTime();
        List<String> paths = results.files(build);
        TestRunWriter.Summary[] summary = {null};
        boolean written = writer.write(build, sink -> {
            summary[0] = results.read(build, paths, sink);
            return summary[0];
        });
        if (written) {
            reading.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            read.increment();
            runs.increment((double) summary[0].runs());
            damaged.increment((double) summary[0].damaged());
            if (summary[0].damaged() > 0) {
                LOG.info(
                        "Build {}: {} test results read, {} unreadable ({})",
                        uuid,
                        summary[0].runs(),
                        summary[0].damaged(),
                        summary[0].problem());
            }
        }
        return written;
    }

    @PreDestroy
    void stop() {
        reader.shutdownNow();
    }
}
