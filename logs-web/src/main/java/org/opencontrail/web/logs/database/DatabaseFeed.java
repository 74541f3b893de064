package org.opencontrail.web.logs.database;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.BuildSaved;
import org.opencontrail.web.logs.builds.KnownFailuresMatched;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResult;
import org.opencontrail.web.shared.zuul.mqtt.ZuulResultListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the builds database up with the records: every record written here goes into it as it is
 * saved, and every buildset Zuul reports gets its result and message. When the database is away
 * nothing is lost and the ingest does not wait for it: the records stay the system of record, the
 * builds saved meanwhile are noted and written again every half minute until the database takes
 * them, and {@code /health} says so.
 */
@Singleton
public final class DatabaseFeed implements ZuulResultListener {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFeed.class);
    private static final Duration RETRY = Duration.ofSeconds(30);

    private final BuildsWriter writer;
    private final BuildRecords records;
    private final TaskScheduler scheduler;
    private final Set<String> unwritten = ConcurrentHashMap.newKeySet();
    private final AtomicLong failedWrites = new AtomicLong();
    private volatile String problem = "";
    private volatile ScheduledFuture<?> retries;

    DatabaseFeed(BuildsWriter writer, BuildRecords records, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.writer = writer;
        this.records = records;
        this.scheduler = scheduler;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        retries = scheduler.scheduleWithFixedDelay(RETRY, RETRY, this::writeUnwritten);
    }

    @PreDestroy
    void stop() {
        if (retries != null) {
            retries.cancel(false);
        }
    }

    @EventListener
    void onSaved(BuildSaved saved) {
        String uuid = saved.record().build().uuid();
        if (!problem.isEmpty()) {
            unwritten.add(uuid); // the database is away: no save waits for it
            return;
        }
        try {
            writer.write(saved.record());
        } catch (DatabaseException e) {
            unwritten.add(uuid);
            failed("build " + uuid, e);
        }
    }

    /** Which known failures each failed build shows, as logs-web matched them. */
    @EventListener
    void onMatched(KnownFailuresMatched matched) {
        if (!problem.isEmpty()) {
            return; // the next match of every build writes them: at the next start, or a signature's change
        }
        try {
            writer.knownFailures(matched.signaturesByBuild(), matched.everyBuild());
        } catch (DatabaseException e) {
            failed("known failures of " + matched.signaturesByBuild().size() + " builds", e);
        }
    }

    @Override
    public void onEvent(BuildsetResult result) {
        if (!result.finished()) {
            return;
        }
        try {
            writer.write(result);
        } catch (DatabaseException e) {
            // its result is derived from its builds until Zuul reports the next one
            failed("buildset " + result.buildsetUuid(), e);
        }
    }

    /** Writes the builds saved while the database was away; stops at the first that fails again. */
    void writeUnwritten() {
        for (String uuid : List.copyOf(unwritten)) {
            try {
                records.get(uuid).ifPresent(writer::write);
                unwritten.remove(uuid);
            } catch (DatabaseException e) {
                failed("build " + uuid, e);
                return;
            }
        }
        if (!problem.isEmpty()) {
            LOG.info("The builds database takes builds again");
        }
        problem = "";
    }

    private void failed(String what, DatabaseException e) {
        failedWrites.incrementAndGet();
        problem = "cannot write " + what + " into the builds database: " + e.getMessage();
        LOG.warn("Cannot write {} into the builds database; written again when it answers", what, e);
    }

    /** Writes that failed since the start. */
    public long failedWrites() {
        return failedWrites.get();
    }

    /** Builds saved but not in the database yet. */
    public int unwritten() {
        return unwritten.size();
    }

    /** Why the last write failed, empty once the database takes writes again. */
    public String problem() {
        return problem;
    }
}
