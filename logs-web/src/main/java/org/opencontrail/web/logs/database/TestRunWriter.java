package org.opencontrail.web.logs.database;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Writes a build's test runs: the build is claimed, its runs written and its summary kept in one
 * transaction, so a build's results are read once across restarts and replicas, and a read that
 * fails half way leaves nothing behind. Runs are written in batches as they are read, so a file of
 * millions of tests never sits in memory.
 */
@Singleton
public final class TestRunWriter {

    /** A test's run as read from a file, before it is written. */
    public record Run(
            String testId,
            String status,
            Optional<Instant> start,
            Optional<Instant> stop,
            Optional<Double> duration,
            String logFile,
            long logLine) {}

    /** What reading a build's results came to. */
    public record Summary(String source, long runs, long failures, long damaged, String problem) {}

    /** Rows sent to the database at once. */
    private static final int BATCH = 1000;

    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    /** Ids of tests already in the table: most runs are of tests seen before. */
    private final Cache<String, Long> tests =
            Caffeine.newBuilder().maximumSize(200_000).build();

    TestRunWriter(TransactionOperations<Connection> transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The builds, newest first, whose results were not read yet: at most {@code count}. */
    public List<String> unread(int count) {
        try {
            return transactions.executeRead(status -> {
                try (PreparedStatement select = status.getConnection()
                        .prepareStatement("SELECT b.uuid FROM builds b WHERE b.state = 'done' AND b.files > 0"
                                + " AND NOT EXISTS (SELECT 1 FROM build_test_results r WHERE r.build_id = b.id)"
                                + " ORDER BY b.id DESC")) {
                    select.setMaxRows(count);
                    List<String> uuids = new java.util.ArrayList<>();
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            uuids.add(row.getString(1));
                        }
                    }
                    return uuids;
                }
            });
        } catch (Exception e) {
            throw DatabaseException.of(e);
        }
    }

    /**
     * Claims the build and writes what {@code reading} gives to the sink it is handed; false when
     * the build's results were read already (here or by another replica).
     */
    public boolean write(BuildRow build, Function<Consumer<Run>, Summary> reading) {
        try {
            boolean written = transactions.executeWrite(status -> {
                Connection c = status.getConnection();
                if (claimed(c, build.id())) {
                    return false;
                }
                Summary summary;
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO test_runs (test, build_id, status,"
                        + " start_time, stop_time, duration, job_name, project, branch, pipeline, change_number,"
                        + " patchset, log_file, log_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    Instant fallback = build.startTime().orElse(build.endTime().orElse(clock.instant()));
                    int[] pending = {0};
                    Map<DayKey, double[]> days = new HashMap<>();
                    summary = reading.apply(run -> {
                        try {
                            long test = testOf(run.testId());
                            insert.setLong(1, test);
                            insert.setLong(2, build.id());
                            insert.setString(3, run.status());
                            Instant start = run.start().orElse(fallback);
                            SqlTimes.set(insert, 4, start);
                            Instant stop = run.stop()
                                    .orElse(run.duration()
                                            .map(s -> start.plusMillis(Math.round(s * 1000)))
                                            .orElse(start));
                            SqlTimes.set(insert, 5, stop);
                            if (run.duration().isPresent()) {
                                insert.setDouble(6, run.duration().get());
                            } else {
                                insert.setNull(6, Types.DOUBLE);
                            }
                            insert.setString(7, build.job());
                            insert.setString(8, build.project());
                            insert.setString(9, build.branch());
                            insert.setString(10, build.pipeline());
                            setInteger(insert, 11, build.change());
                            setInteger(insert, 12, build.patchSet());
                            insert.setString(13, run.logFile());
                            insert.setLong(14, run.logLine());
                            insert.addBatch();
                            if (++pending[0] == BATCH) {
                                insert.executeBatch();
                                pending[0] = 0;
                            }
                            sum(
                                    days,
                                    new DayKey(
                                            test, start.atZone(ZoneOffset.UTC).toLocalDate()),
                                    run);
                            if (days.size() >= MOST_DAYS_HELD) {
                                addDays(c, build, days);
                            }
                        } catch (SQLException e) {
                            throw new DatabaseException.Unchecked(e);
                        }
                    });
                    if (pending[0] > 0) {
                        insert.executeBatch();
                    }
                    addDays(c, build, days);
                }
                try (PreparedStatement done = c.prepareStatement("UPDATE build_test_results SET source = ?, runs = ?,"
                        + " failures = ?, damaged = ?, problem = ?, read_at = ? WHERE build_id = ?")) {
                    done.setString(1, summary.source());
                    done.setLong(2, summary.runs());
                    done.setLong(3, summary.failures());
                    done.setLong(4, summary.damaged());
                    done.setString(
                            5,
                            summary.problem().length() > 500 ? summary.problem().substring(0, 500) : summary.problem());
                    SqlTimes.set(done, 6, clock.instant());
                    done.setLong(7, build.id());
                    done.executeUpdate();
                }
                return true;
            });
            return written;
        } catch (Exception e) { // the transaction rethrows the work's SQLException as it is
            if (DatabaseException.uniqueViolation(e)) {
                return false;
            }
            throw DatabaseException.of(e instanceof DatabaseException.Unchecked u ? u.sql() : e);
        }
    }

    /** A test's day, as {@code test_days} sums it for one build. */
    private record DayKey(long test, LocalDate day) {}

    /** Sums held before they are written: a build of millions of tests is written in parts. */
    private static final int MOST_DAYS_HELD = 50_000;

    /** Adds a run to its test's day: runs, failures, skips, runs timed, seconds. */
    private static void sum(Map<DayKey, double[]> days, DayKey key, Run run) {
        double[] sums = days.computeIfAbsent(key, k -> new double[5]);
        boolean skipped = "skip".equals(run.status());
        sums[0] += skipped ? 0 : 1;
        sums[1] += "fail".equals(run.status()) || "uxsuccess".equals(run.status()) ? 1 : 0;
        sums[2] += skipped ? 1 : 0;
        if (!skipped && run.duration().isPresent()) {
            sums[3]++;
            sums[4] += run.duration().get();
        }
    }

    /** Adds the sums to {@code test_days} (standard MERGE, in H2 and PostgreSQL 15 alike), and forgets them. */
    private static void addDays(Connection c, BuildRow build, Map<DayKey, double[]> days) throws SQLException {
        if (days.isEmpty()) {
            return;
        }
        try (PreparedStatement merge = c.prepareStatement("MERGE INTO test_days d USING (VALUES (CAST(? AS BIGINT),"
                + " CAST(? AS DATE), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS BIGINT), CAST(? AS BIGINT),"
                + " CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS DOUBLE PRECISION)))"
                + " AS s (test, run_day, job_name, project, runs, failures, skips, timed, seconds)"
                + " ON d.test = s.test AND d.run_day = s.run_day AND d.job_name = s.job_name AND d.project = s.project"
                + " WHEN MATCHED THEN UPDATE SET runs = d.runs + s.runs, failures = d.failures + s.failures,"
                + " skips = d.skips + s.skips, timed = d.timed + s.timed, seconds = d.seconds + s.seconds"
                + " WHEN NOT MATCHED THEN INSERT (test, run_day, job_name, project, runs, failures, skips, timed,"
                + " seconds) VALUES (s.test, s.run_day, s.job_name, s.project, s.runs, s.failures, s.skips, s.timed,"
                + " s.seconds)")) {
            List<Map.Entry<DayKey, double[]>> ordered = new java.util.ArrayList<>(days.entrySet());
            // in one order for every writer, so two merging the same days wait rather than deadlock
            ordered.sort(Map.Entry.comparingByKey(
                    java.util.Comparator.comparingLong(DayKey::test).thenComparing(DayKey::day)));
            for (Map.Entry<DayKey, double[]> day : ordered) {
                double[] sums = day.getValue();
                merge.setLong(1, day.getKey().test());
                merge.setObject(2, day.getKey().day());
                merge.setString(3, build.job());
                merge.setString(4, build.project());
                merge.setLong(5, (long) sums[0]);
                merge.setLong(6, (long) sums[1]);
                merge.setLong(7, (long) sums[2]);
                merge.setLong(8, (long) sums[3]);
                merge.setDouble(9, sums[4]);
                merge.addBatch();
            }
            merge.executeBatch();
        }
        days.clear();
    }

    /** Whether another read claimed the build already; claims it otherwise. */
    private boolean claimed(Connection c, long build) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM build_test_results WHERE build_id = ?")) {
            select.setLong(1, build);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    return true;
                }
            }
        }
        try (PreparedStatement claim = c.prepareStatement("INSERT INTO build_test_results (build_id, source, runs,"
                + " failures, damaged, problem, read_at) VALUES (?, 'none', 0, 0, 0, '', ?)")) {
            claim.setLong(1, build);
            SqlTimes.set(claim, 2, clock.instant());
            claim.executeUpdate();
        }
        return false;
    }

    /**
     * A test's id in {@code tests}, added when new in a transaction of its own, committed at once: a
     * build's long transaction then holds no new test's row that another build's would wait for.
     * Two writers adding the same test at once both end with its one row (MERGE, then a read).
     */
    private long testOf(String testId) {
        Long known = tests.getIfPresent(testId);
        if (known != null) {
            return known;
        }
        try {
            long id = transactions.execute(
                    TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW), status -> {
                        Connection c = status.getConnection();
                        Optional<Long> found = idOf(c, testId);
                        if (found.isPresent()) {
                            return found.get();
                        }
                        try (PreparedStatement merge = c.prepareStatement("MERGE INTO tests t USING (VALUES"
                                + " (CAST(? AS VARCHAR))) AS s (test_id) ON t.test_id = s.test_id"
                                + " WHEN NOT MATCHED THEN INSERT (test_id) VALUES (s.test_id)")) {
                            merge.setString(1, testId);
                            merge.executeUpdate();
                        }
                        return idOf(c, testId).orElseThrow();
                    });
            tests.put(testId, id);
            return id;
        } catch (Exception e) { // a writer that added it meanwhile: it is there now
            if (DatabaseException.uniqueViolation(e)) {
                return testOf(testId);
            }
            throw DatabaseException.of(e);
        }
    }

    private static Optional<Long> idOf(Connection c, String testId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT id FROM tests WHERE test_id = ?")) {
            select.setString(1, testId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    /**
     * Notes a build whose results could not be written (a database refusal other than a race), so
     * that the catch-up goes on to other builds rather than trying it again and again.
     */
    public void unreadable(BuildRow build, String problem) {
        try {
            transactions.executeWrite(status -> {
                try (PreparedStatement note = status.getConnection()
                        .prepareStatement("INSERT INTO build_test_results"
                                + " (build_id, source, runs, failures, damaged, problem, read_at) VALUES (?, 'error', 0, 0, 0, ?,"
                                + " ?)")) {
                    note.setLong(1, build.id());
                    note.setString(2, problem.length() > 500 ? problem.substring(0, 500) : problem);
                    SqlTimes.set(note, 3, clock.instant());
                    note.executeUpdate();
                }
                return null;
            });
        } catch (Exception e) {
            if (!DatabaseException.uniqueViolation(e)) {
                throw DatabaseException.of(e);
            }
        }
    }

    private static void setInteger(PreparedStatement statement, int index, Optional<Integer> value)
            throws SQLException {
        if (value.isPresent()) {
            statement.setInt(index, value.get());
        } else {
            statement.setNull(index, Types.INTEGER);
        }
    }

    /** Removes the runs that started before {@code cutoff}: kept as long as the logs; returns how many. */
    public int deleteBefore(Instant cutoff) {
        try {
            return transactions.executeWrite(status -> {
                try (PreparedStatement delete =
                                status.getConnection().prepareStatement("DELETE FROM test_runs WHERE start_time < ?");
                        PreparedStatement days =
                                status.getConnection().prepareStatement("DELETE FROM test_days WHERE run_day < ?")) {
                    SqlTimes.set(delete, 1, cutoff);
                    days.setObject(1, cutoff.atZone(ZoneOffset.UTC).toLocalDate());
                    days.executeUpdate();
                    return delete.executeUpdate();
                }
            });
        } catch (Exception e) {
            throw DatabaseException.of(e);
        }
    }
}
