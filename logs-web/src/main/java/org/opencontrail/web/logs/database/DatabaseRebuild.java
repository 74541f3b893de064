package org.opencontrail.web.logs.database;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.Progress;

/**
 * Rebuilds the builds database from the system of record: emptied, then every finished build's
 * record the store keeps written into it, and the builds this replica has not finished yet, with a
 * progress line. Part of {@code ./suite reindex}.
 */
@Singleton
public final class DatabaseRebuild {

    /**
     * What a rebuild did.
     *
     * @param builds  builds written
     * @param failed  records that could not be read or written, by key or uuid, with the reason
     * @param seconds how long it took
     */
    public record Summary(int builds, Map<String, String> failed, double seconds) {}

    private static final List<String> TABLES = List.of(
            "test_days",
            "test_runs",
            "build_test_results",
            "tests",
            "build_failures",
            "build_artifacts",
            "build_files",
            "builds",
            "buildsets",
            "database_state");

    private final BuildRecords records;
    private final BuildsWriter writer;
    private final TransactionOperations<Connection> transactions;
    private final DatabaseLoad load;

    DatabaseRebuild(
            BuildRecords records,
            BuildsWriter writer,
            TransactionOperations<Connection> transactions,
            DatabaseLoad load) {
        this.records = records;
        this.writer = writer;
        this.transactions = transactions;
        this.load = load;
    }

    public Summary run(PrintStream out, boolean terminal) throws IOException {
        long started = System.nanoTime();
        List<String> keys = records.storedKeys();
        List<BuildRecord> unfinished = records.pending();
        out.println("Writing " + (keys.size() + unfinished.size()) + " builds into the builds database");
        empty();
        Map<String, String> failed = new LinkedHashMap<>();
        Progress progress =
                new Progress(out, terminal, "Builds database", "builds", keys.size() + unfinished.size(), 0);
        int written = 0;
        for (String key : keys) {
            try {
                writer.write(records.readStored(key));
                written++;
            } catch (IOException | RuntimeException e) {
                failed.put(key, e.getMessage());
            }
            progress.update(written + failed.size(), 0, false);
        }
        for (BuildRecord record : unfinished) {
            try {
                writer.write(record);
                written++;
            } catch (DatabaseException e) {
                failed.put(record.build().uuid(), e.getMessage());
            }
            progress.update(written + failed.size(), 0, false);
        }
        progress.finish(written + failed.size(), 0);
        if (failed.isEmpty()) {
            load.markDone();
        }
        return new Summary(written, failed, (System.nanoTime() - started) / 1e9);
    }

    private void empty() {
        try {
            transactions.executeWrite(status -> {
                try (Statement delete = status.getConnection().createStatement()) {
                    for (String table : TABLES) {
                        delete.executeUpdate("DELETE FROM " + table);
                    }
                }
                return null;
            });
        } catch (Exception e) { // the transaction rethrows a SQLException as it is
            throw DatabaseException.of(e);
        }
    }
}
