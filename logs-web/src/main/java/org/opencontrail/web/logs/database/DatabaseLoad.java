package org.opencontrail.web.logs.database;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.LogsCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the build records kept before the builds database existed (or before this database was
 * chosen) into it, once: at the first start on a database, in the background, oldest first, saying
 * how far it got every few seconds. Builds saved meanwhile are written as they come, so nothing
 * waits for it. Once every record is in, the database says so ({@code database_state}), and later
 * starts skip the load.
 */
@Singleton
final class DatabaseLoad {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseLoad.class);
    static final String LOADED = "records-loaded";

    private final BuildRecords records;
    private final BuildsWriter writer;
    private final TransactionOperations<Connection> transactions;
    private final LogsCommand command;
    private final ExecutorService io;
    private final Clock clock;

    DatabaseLoad(
            BuildRecords records,
            BuildsWriter writer,
            TransactionOperations<Connection> transactions,
            LogsCommand command,
            @Named(TaskExecutors.IO) ExecutorService io,
            Clock clock) {
        this.records = records;
        this.writer = writer;
        this.transactions = transactions;
        this.command = command;
        this.io = io;
        this.clock = clock;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (!command.running()) {
            io.execute(this::loadOnce);
        }
    }

    /** Loads the records unless they were; how many it wrote. */
    int loadOnce() {
        try {
            if (done()) {
                return 0;
            }
            List<BuildRecord> all = records.all().stream()
                    .sorted(Comparator.comparing(BuildRecord::received))
                    .toList();
            LOG.info("Loading {} build records into the builds database", all.size());
            long started = System.nanoTime();
            long reported = started;
            int written = 0;
            int failed = 0;
            for (BuildRecord record : all) {
                try {
                    writer.write(record);
                    written++;
                } catch (DatabaseException e) {
                    failed++;
                    LOG.warn(
                            "Build {} cannot be loaded into the builds database: {}",
                            record.build().uuid(),
                            e.toString());
                }
                if (System.nanoTime() - reported > 5_000_000_000L) {
                    reported = System.nanoTime();
                    LOG.info("Loading build records into the builds database: {} of {}", written, all.size());
                }
            }
            if (failed == 0) {
                markDone();
            }
            LOG.info(
                    "Loaded {} build records into the builds database in {} ms{}",
                    written,
                    (System.nanoTime() - started) / 1_000_000,
                    failed == 0 ? "" : "; " + failed + " failed, tried again at the next start");
            return written;
        } catch (Exception e) { // the transaction rethrows a SQLException as it is
            LOG.error("The build records cannot be loaded into the builds database; tried again at the next start", e);
            return 0;
        }
    }

    private boolean done() {
        return transactions.executeRead(status -> {
            try (PreparedStatement select =
                    status.getConnection().prepareStatement("SELECT 1 FROM database_state WHERE name = ?")) {
                select.setString(1, LOADED);
                try (ResultSet row = select.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    void markDone() {
        transactions.executeWrite(status -> {
            try (PreparedStatement insert = status.getConnection()
                    .prepareStatement("INSERT INTO database_state (name, done_at) SELECT ?, ?"
                            + " WHERE NOT EXISTS (SELECT 1 FROM database_state WHERE name = ?)")) {
                insert.setString(1, LOADED);
                SqlTimes.set(insert, 2, clock.instant());
                insert.setString(3, LOADED); // another replica may have loaded them as well
                insert.executeUpdate();
            }
            return null;
        });
    }
}
