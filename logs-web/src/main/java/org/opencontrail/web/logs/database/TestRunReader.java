package org.opencontrail.web.logs.database;

import io.micronaut.transaction.TransactionCallback;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the test runs: one test's history, tests found by part of their id, the most failing and the
 * slowest, a job's tests, the failed tests of the newest failed builds, and the tests that flip.
 * Runs of projects not shown are left out in SQL, so no count or list holds a trace of them.
 */
@Singleton
public final class TestRunReader {

    private static final String FAILED = "r.status IN ('fail', 'uxsuccess')";
    private static final String RUN_COLUMNS = "t.test_id, r.status, r.start_time, r.stop_time, r.duration,"
            + " r.job_name, r.project, r.branch, r.pipeline, r.change_number, r.patchset, b.uuid, b.root, b.newrev,"
            + " r.log_file, r.log_line";

    private final TransactionOperations<Connection> transactions;

    TestRunReader(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** The most runs of one test a page reads: the newest. */
    static final int MOST_HISTORY = 100_000;

    /**
     * A test's runs since then (the newest {@value #MOST_HISTORY} at most), oldest first: from the
     * history index alone (time, status, build; a test's runs lie one build apart in the table), the
     * builds' job and ref from the builds. A run's file and line are not read here: {@link
     * #withLine} reads them for the few runs a page links.
     */
    public List<TestRunRow> history(String testId, Instant since, List<String> hidden) {
        Where where = new Where()
                .clause("r.test = (SELECT id FROM tests WHERE test_id = ?)", testId)
                .atLeast("r.start_time", Optional.of(since))
                .notEqual("b.project", hidden);
        return read(status -> {
            List<TestRunRow> runs = new ArrayList<>();
            try (PreparedStatement select = status.getConnection()
                    .prepareStatement("SELECT r.status, r.start_time, r.stop_time, r.duration, b.job_name, b.project,"
                            + " b.branch, b.pipeline, b.change_number, b.patchset, b.uuid, b.root, b.newrev"
                            + " FROM test_runs r JOIN builds b ON b.id = r.build_id" + where.sql()
                            + " ORDER BY r.start_time DESC")) {
                where.bind(select);
                select.setMaxRows(MOST_HISTORY);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        runs.add(run(row, testId, "", 0));
                    }
                }
            }
            java.util.Collections.reverse(runs);
            return runs;
        });
    }

    /** The run with the file and line it was read from, which {@link #history} leaves out. */
    public TestRunRow withLine(TestRunRow run) {
        return read(status -> {
            // through the build's runs: the test's own index would read every run of the test
            try (PreparedStatement select = status.getConnection()
                    .prepareStatement(
                            "SELECT r.log_file, r.log_line FROM test_runs r JOIN builds b ON b.id = r.build_id"
                                    + " WHERE b.uuid = ? AND r.test + 0 = (SELECT id FROM tests WHERE test_id = ?)")) {
                select.setString(1, run.buildUuid());
                select.setString(2, run.testId());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return run;
                    }
                    return new TestRunRow(
                            run.testId(),
                            run.status(),
                            run.start(),
                            run.stop(),
                            run.duration(),
                            run.job(),
                            run.project(),
                            run.branch(),
                            run.pipeline(),
                            run.change(),
                            run.patchSet(),
                            run.buildUuid(),
                            run.root(),
                            run.newrev(),
                            row.getString(1),
                            row.getLong(2));
                }
            }
        });
    }

    /** Whether any run of the test is shown. */
    public boolean exists(String testId, List<String> hidden) {
        Where where = new Where().equal("t.test_id", List.of(testId)).notEqual("r.project", hidden);
        return !runs(where, "", 1).isEmpty();
    }

    /** The failed runs of the newest {@code builds} builds that had failed tests, newest build first. */
    public List<TestRunRow> failuresOfNewestFailedBuilds(int builds, List<String> hidden) {
        Where newest = new Where().clause("f.failures > 0").notEqual("n.project", hidden);
        String ids = "SELECT f.build_id FROM build_test_results f JOIN builds n ON n.id = f.build_id" + newest.sql()
                + " ORDER BY f.build_id DESC";
        return read(status -> {
            Connection c = status.getConnection();
            List<Long> buildIds = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(ids)) {
                newest.bind(select);
                select.setMaxRows(builds);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        buildIds.add(row.getLong(1));
                    }
                }
            }
            if (buildIds.isEmpty()) {
                return List.of();
            }
            Where where = new Where().equal("r.build_id", buildIds).clause(FAILED);
            return runs(c, where, " ORDER BY r.build_id DESC, t.test_id", 10_000);
        });
    }

    /** Ids of tests holding {@code part} (any case), shown in some run, in order; at most {@code count}. */
    public List<String> find(String part, List<String> hidden, int count) {
        String pattern = "%"
                + part.toLowerCase(Locale.ROOT)
                        .replace("$", "$$")
                        .replace("%", "$%")
                        .replace("_", "$_")
                + "%";
        Where shown = new Where().clause("r.test = t.id").notEqual("r.project", hidden);
        String sql = "SELECT t.test_id FROM tests t WHERE LOWER(t.test_id) LIKE ? ESCAPE '$' AND EXISTS (SELECT 1 FROM"
                + " test_runs r" + shown.sql() + ") ORDER BY t.test_id";
        return read(status -> {
            try (PreparedStatement select = status.getConnection().prepareStatement(sql)) {
                select.setString(1, pattern);
                bindFrom(select, 2, hidden);
                select.setMaxRows(count);
                List<String> ids = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        ids.add(row.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    /** How the figures are ordered. */
    public enum Order {
        FAILURES("failures DESC, runs DESC"),
        SLOWEST("mean_duration DESC NULLS LAST, runs DESC");

        private final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    /**
     * Tests' figures since then, of one job or of every job, in that order; at most {@code count}.
     * Read from the daily sums ({@code test_days}), so a window of millions of runs is a few
     * thousand rows.
     */
    public List<TestFigures> figures(Instant since, Optional<String> job, List<String> hidden, Order order, int count) {
        Where where = new Where()
                .atLeast(
                        "d.run_day",
                        Optional.of(since.atZone(java.time.ZoneOffset.UTC).toLocalDate()))
                .equal("d.job_name", job.stream().toList())
                .notEqual("d.project", hidden);
        String sql = "SELECT t.test_id, SUM(d.runs) AS runs, SUM(d.failures) AS failures, SUM(d.skips) AS skips,"
                + " CASE WHEN SUM(d.timed) = 0 THEN NULL ELSE SUM(d.seconds) / SUM(d.timed) END AS mean_duration"
                + " FROM test_days d JOIN tests t ON t.id = d.test" + where.sql() + " GROUP BY t.test_id"
                + (order == Order.FAILURES ? " HAVING SUM(d.failures) > 0" : "")
                + " ORDER BY " + order.sql + ", t.test_id";
        return read(status -> {
            try (PreparedStatement select = status.getConnection().prepareStatement(sql)) {
                where.bind(select);
                select.setMaxRows(count);
                List<TestFigures> figures = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        figures.add(new TestFigures(
                                row.getString(1),
                                row.getLong(2),
                                row.getLong(3),
                                row.getLong(4),
                                SqlOptionals.number(row, "mean_duration")));
                    }
                }
                return figures;
            }
        });
    }

    /**
     * Tests that flipped since then: failed and passed on one patch set, or failed on at least
     * {@code changesADay} unrelated changes in one day; most patch sets first. Failures are few among
     * many runs: they are read first (by status); a pass is looked for only where the same job ran
     * again on the patch set (a recheck), in that build's runs.
     */
    public List<FlakyTestRow> flaky(
            Instant since, int changesADay, Optional<String> testId, List<String> hidden, int count) {
        Where where = new Where()
                .equal("f.status", List.of("fail", "uxsuccess"))
                .atLeast("f.start_time", Optional.of(since))
                .clause("f.change_number IS NOT NULL")
                .notEqual("f.project", hidden);
        testId.ifPresent(id -> where.clause("f.test = (SELECT id FROM tests WHERE test_id = ?)", id));
        return read(status -> {
            Connection c = status.getConnection();
            List<FailedRun> failures = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT f.test, f.build_id, f.change_number, f.patchset,"
                    + " f.job_name, f.start_time FROM test_runs f" + where.sql())) {
                where.bind(select);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        failures.add(new FailedRun(
                                row.getLong(1),
                                row.getLong(2),
                                row.getInt(3) + "," + row.getInt(4) + "," + row.getString(5),
                                SqlTimes.get(row, "start_time").orElseThrow()));
                    }
                }
            }
            Map<String, List<Long>> reruns = builds(c, failures, since);
            java.util.Set<String> failed = new java.util.HashSet<>();
            failures.forEach(f -> failed.add(f.test() + "|" + f.build()));
            Map<Long, java.util.Set<String>> flipped = new HashMap<>();
            Map<Long, Map<java.time.LocalDate, java.util.Set<String>>> daily = new HashMap<>();
            Map<Long, Instant> last = new HashMap<>();
            // a build's run of one test: by the build's index (the test's own would read all its runs)
            try (PreparedStatement passed = c.prepareStatement("SELECT 1 FROM test_runs p WHERE p.build_id = ?"
                    + " AND p.test + 0 = ? AND p.status IN ('success', 'xfail')")) {
                for (FailedRun failure : failures) {
                    last.merge(failure.test(), failure.start(), (a, b) -> a.isAfter(b) ? a : b);
                    daily.computeIfAbsent(failure.test(), t -> new HashMap<>())
                            .computeIfAbsent(
                                    failure.start()
                                            .atZone(java.time.ZoneOffset.UTC)
                                            .toLocalDate(),
                                    d -> new java.util.HashSet<>())
                            .add(failure.patchSet()
                                    .substring(0, failure.patchSet().indexOf(',')));
                    for (long other : reruns.getOrDefault(failure.patchSet(), List.of())) {
                        if (other == failure.build() || failed.contains(failure.test() + "|" + other)) {
                            continue;
                        }
                        passed.setLong(1, other);
                        passed.setLong(2, failure.test());
                        try (ResultSet any = passed.executeQuery()) {
                            if (any.next()) {
                                flipped.computeIfAbsent(failure.test(), t -> new java.util.HashSet<>())
                                        .add(failure.patchSet());
                            }
                        }
                    }
                }
            }
            Map<Long, long[]> counts = new HashMap<>();
            flipped.forEach((test, sets) -> counts.computeIfAbsent(test, t -> new long[2])[0] = sets.size());
            daily.forEach((test, days) -> {
                long worst = days.values().stream()
                        .mapToLong(java.util.Set::size)
                        .max()
                        .orElse(0);
                if (worst >= changesADay) {
                    counts.computeIfAbsent(test, t -> new long[2])[1] = worst;
                }
            });
            Map<Long, String> names = names(c, counts.keySet());
            List<FlakyTestRow> rows = new ArrayList<>();
            counts.forEach((test, c2) ->
                    rows.add(new FlakyTestRow(names.get(test), c2[0], c2[1], last.getOrDefault(test, Instant.EPOCH))));
            rows.sort(java.util.Comparator.comparingLong(FlakyTestRow::patchSets)
                    .thenComparingLong(FlakyTestRow::worstDay)
                    .thenComparing(FlakyTestRow::lastFailed)
                    .reversed());
            return rows.size() > count ? List.copyOf(rows.subList(0, count)) : rows;
        });
    }

    /** A failed run: its test, build, "change,patch set,job", and start. */
    private record FailedRun(long test, long build, String patchSet, Instant start) {}

    /**
     * The builds whose results were read, by "change,patch set,job", for the patch sets of the
     * failures: asked per patch set when they are few, else read once for the window.
     */
    private static Map<String, List<Long>> builds(Connection c, List<FailedRun> failures, Instant since)
            throws SQLException {
        Map<String, List<Long>> builds = new HashMap<>();
        java.util.Set<String> wanted = new java.util.HashSet<>();
        failures.forEach(f -> wanted.add(f.patchSet()));
        String columns = "SELECT b.id, b.change_number, b.patchset, b.job_name FROM builds b"
                + " JOIN build_test_results r ON r.build_id = b.id";
        if (wanted.size() <= 50) {
            try (PreparedStatement select =
                    c.prepareStatement(columns + " WHERE b.change_number = ? AND b.patchset = ? AND b.job_name = ?")) {
                for (String key : wanted) {
                    String[] parts = key.split(",", 3);
                    select.setInt(1, Integer.parseInt(parts[0]));
                    select.setInt(2, Integer.parseInt(parts[1]));
                    select.setString(3, parts[2]);
                    collect(select, builds, wanted);
                }
            }
        } else {
            try (PreparedStatement select =
                    c.prepareStatement(columns + " WHERE b.end_time >= ? AND b.change_number IS NOT NULL")) {
                SqlTimes.set(select, 1, since.minus(java.time.Duration.ofDays(1)));
                collect(select, builds, wanted);
            }
        }
        return builds;
    }

    private static void collect(PreparedStatement select, Map<String, List<Long>> builds, java.util.Set<String> wanted)
            throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                String key = row.getInt(2) + "," + row.getInt(3) + "," + row.getString(4);
                if (wanted.contains(key)) {
                    builds.computeIfAbsent(key, k -> new ArrayList<>()).add(row.getLong(1));
                }
            }
        }
    }

    private static Map<Long, String> names(Connection c, java.util.Set<Long> ids) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        Where where = new Where().equal("id", List.copyOf(ids));
        try (PreparedStatement select = c.prepareStatement("SELECT id, test_id FROM tests" + where.sql())) {
            where.bind(select);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    names.put(row.getLong(1), row.getString(2));
                }
            }
        }
        return names;
    }

    private List<TestRunRow> runs(Where where, String order, int count) {
        return read(status -> runs(status.getConnection(), where, order, count));
    }

    private static List<TestRunRow> runs(Connection c, Where where, String order, int count) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + RUN_COLUMNS
                + " FROM test_runs r JOIN tests t ON t.id = r.test JOIN builds b ON b.id = r.build_id" + where.sql()
                + order)) {
            where.bind(select);
            select.setMaxRows(count);
            List<TestRunRow> runs = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    runs.add(run(row, row.getString("test_id"), row.getString("log_file"), row.getLong("log_line")));
                }
            }
            return runs;
        }
    }

    /** A run from a row that names its build's columns as the builds table does. */
    private static TestRunRow run(ResultSet row, String testId, String logFile, long logLine) throws SQLException {
        return new TestRunRow(
                testId,
                row.getString("status"),
                SqlTimes.get(row, "start_time").orElseThrow(),
                SqlTimes.get(row, "stop_time").orElseThrow(),
                SqlOptionals.number(row, "duration"),
                row.getString("job_name"),
                row.getString("project"),
                row.getString("branch"),
                row.getString("pipeline"),
                SqlOptionals.integer(row, "change_number"),
                SqlOptionals.integer(row, "patchset"),
                row.getString("uuid"),
                row.getString("root"),
                row.getString("newrev"),
                logFile,
                logLine);
    }

    private static void bindFrom(PreparedStatement statement, int index, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setString(index + i, values.get(i));
        }
    }

    private <R> R read(TransactionCallback<Connection, R> work) {
        try {
            return transactions.executeRead(work);
        } catch (Exception e) { // the transaction rethrows the work's SQLException as it is
            throw DatabaseException.of(e);
        }
    }
}
