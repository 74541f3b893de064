package org.opencontrail.web.logs.database;

import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.shared.zuul.ZuulResult;
import org.opencontrail.web.shared.zuul.builds.Build;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResult;

/**
 * Writes builds into the builds database: a build's row (its Zuul fields, ref, where it is kept and
 * how far it got), its buildset's row, its files and artifacts, each write one transaction. The same
 * build written again replaces its row; two replicas writing the same new build at once both end
 * with one row (the loser of the insert updates instead).
 */
@Singleton
public final class BuildsWriter {

    /** SQLSTATE of a unique constraint violation, in H2 and PostgreSQL alike. */
    private final TransactionOperations<Connection> transactions;

    private final JsonMapper mapper;
    private final Clock clock;

    BuildsWriter(TransactionOperations<Connection> transactions, JsonMapper mapper, Clock clock) {
        this.transactions = transactions;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Writes the build of a record, with its buildset (made from its ref when it is new). */
    public void write(BuildRecord record) {
        inTransaction(c -> writeIn(c, record));
    }

    /** What Zuul reported of a buildset: its result and message, kept whether its builds came yet or not. */
    public void write(BuildsetResult reported) {
        if (reported.buildsetUuid().isBlank() || reported.buildsetResult().isEmpty()) {
            return;
        }
        inTransaction(c -> {
            long id = buildset(c, reported);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE buildsets SET result = ?, message = ?, updated = ?, reported = TRUE WHERE id = ?")) {
                update.setString(1, reported.buildsetResult().get());
                update.setString(2, reported.message());
                SqlTimes.set(update, 3, clock.instant());
                update.setLong(4, id);
                update.executeUpdate();
            }
        });
    }

    /**
     * The known failures of failed builds, in place of what was written of them before: of these
     * builds, or of every build when {@code everyBuild}. A build without a row yet gets its known
     * failures at the next match of every build.
     */
    public void knownFailures(Map<String, Set<String>> signaturesByBuild, boolean everyBuild) {
        inTransaction(c -> {
            if (everyBuild) {
                try (Statement clear = c.createStatement()) {
                    clear.executeUpdate("DELETE FROM build_failures");
                }
            } else {
                try (PreparedStatement clear = c.prepareStatement(
                        "DELETE FROM build_failures WHERE build_id IN (SELECT id FROM builds WHERE uuid = ?)")) {
                    for (String uuid : signaturesByBuild.keySet()) {
                        clear.setString(1, uuid);
                        clear.addBatch();
                    }
                    clear.executeBatch();
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO build_failures (build_id, signature)"
                    + " SELECT id, ? FROM builds WHERE uuid = ? AND result IS NOT NULL AND result <> 'SUCCESS'")) {
                int batched = 0;
                for (Map.Entry<String, Set<String>> build : signaturesByBuild.entrySet()) {
                    for (String signature : build.getValue()) {
                        insert.setString(1, signature);
                        insert.setString(2, build.getKey());
                        insert.addBatch();
                        if (++batched % 1000 == 0) {
                            insert.executeBatch();
                        }
                    }
                }
                insert.executeBatch();
            }
        });
    }

    /** Work of one transaction, with the connection it runs on. */
    private interface Work {
        void run(Connection c) throws SQLException;
    }

    /**
     * Runs the work in a transaction; when another writer (a replica, another thread) inserted the
     * same build or buildset meanwhile, the row is there now and the work runs again to update it.
     */
    private void inTransaction(Work work) {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWrite(status -> {
                    work.run(status.getConnection());
                    return null;
                });
                return;
            } catch (Exception e) { // the transaction rethrows the work's SQLException as it is
                if (!DatabaseException.uniqueViolation(e) || attempt == 3) {
                    throw DatabaseException.of(e);
                }
            }
        }
    }

    private void writeIn(Connection c, BuildRecord record) throws SQLException {
        Build b = record.build();
        long buildset = buildset(c, b);
        Optional<Long> known = id(c, "SELECT id FROM builds WHERE uuid = ?", b.uuid());
        long id;
        if (known.isPresent()) {
            id = known.get();
            try (PreparedStatement update =
                    c.prepareStatement("UPDATE builds SET " + String.join(" = ?, ", COLUMNS) + " = ? WHERE id = ?")) {
                int next = bind(update, record, buildset);
                update.setLong(next, id);
                update.executeUpdate();
            }
        } else {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO builds (" + String.join(", ", COLUMNS) + ") VALUES ("
                            + "?, ".repeat(COLUMNS.size() - 1) + "?)",
                    new String[] {"id"})) {
                bind(insert, record, buildset);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
        }
        replaceFiles(c, id, record.files());
        replaceArtifacts(c, id, b.artifacts());
        refreshBuildset(c, buildset);
    }

    private static final List<String> COLUMNS = List.of(
            "uuid",
            "buildset_id",
            "job_name",
            "result",
            "start_time",
            "end_time",
            "duration",
            "voting",
            "log_url",
            "nodeset",
            "error_detail",
            "final",
            "held",
            "event_id",
            "pipeline",
            "project",
            "branch",
            "change_number",
            "patchset",
            "ref",
            "newrev",
            "root",
            "source",
            "state",
            "files",
            "bytes",
            "received",
            "updated");

    /** Binds the columns in their order; the next free index. */
    private static int bind(PreparedStatement s, BuildRecord record, long buildset) throws SQLException {
        Build b = record.build();
        int i = 1;
        s.setString(i++, b.uuid());
        s.setLong(i++, buildset);
        s.setString(i++, b.job());
        s.setString(i++, b.result().orElse(null));
        SqlTimes.set(s, i++, b.startTime());
        SqlTimes.set(s, i++, b.endTime());
        Optional<Double> seconds = b.duration()
                .or(() ->
                        b.startTime().flatMap(start -> b.endTime().map(end -> java.time.Duration.between(start, end))))
                .map(d -> d.toMillis() / 1000.0);
        if (seconds.isPresent()) {
            s.setDouble(i++, seconds.get());
        } else {
            s.setNull(i++, Types.DOUBLE);
        }
        s.setBoolean(i++, b.voting());
        s.setString(i++, b.logUrl());
        s.setString(i++, b.nodeset());
        s.setString(i++, b.errorDetail());
        s.setBoolean(i++, !b.retried());
        s.setBoolean(i++, b.held());
        s.setString(i++, b.eventId());
        s.setString(i++, b.pipeline());
        s.setString(i++, b.project());
        s.setString(i++, b.branch());
        setInteger(s, i++, b.change());
        setInteger(s, i++, b.patchSet());
        s.setString(i++, b.ref());
        // as Zuul keeps a ref: a change's commit is its patch set's, not a new revision of a branch
        s.setString(i++, b.change().isPresent() ? "" : b.newrev());
        s.setString(i++, record.root());
        s.setString(i++, record.source());
        s.setString(i++, record.state().word());
        s.setInt(i++, record.files().size());
        s.setLong(i++, record.bytes());
        SqlTimes.set(s, i++, record.received());
        SqlTimes.set(s, i++, record.updated());
        return i;
    }

    private static void setInteger(PreparedStatement s, int index, Optional<Integer> value) throws SQLException {
        if (value.isPresent()) {
            s.setInt(index, value.get());
        } else {
            s.setNull(index, Types.INTEGER);
        }
    }

    /** The buildset's id, its row made from the build's ref when it has none yet; a build without one is its own. */
    private long buildset(Connection c, Build b) throws SQLException {
        return buildset(
                c,
                b.buildsetUuid().isBlank() ? b.uuid() : b.buildsetUuid(),
                b.pipeline(),
                b.project(),
                b.branch(),
                b.change(),
                b.patchSet(),
                b.ref(),
                b.change().isPresent() ? "" : b.newrev(),
                b.eventId());
    }

    private long buildset(Connection c, BuildsetResult r) throws SQLException {
        return buildset(
                c,
                r.buildsetUuid(),
                r.pipeline(),
                r.project(),
                r.branch(),
                r.change(),
                r.patchSet(),
                r.ref(),
                r.change().isPresent() ? "" : r.commitId(),
                "");
    }

    private long buildset(
            Connection c,
            String uuid,
            String pipeline,
            String project,
            String branch,
            Optional<Integer> change,
            Optional<Integer> patchSet,
            String ref,
            String newrev,
            String eventId)
            throws SQLException {
        Optional<Long> known = id(c, "SELECT id FROM buildsets WHERE uuid = ?", uuid);
        if (known.isPresent()) {
            return known.get();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO buildsets (uuid, pipeline, project, branch, change_number, patchset, ref, newrev, message,"
                        + " event_id, updated, reported) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, FALSE)",
                new String[] {"id"})) {
            insert.setString(1, uuid);
            insert.setString(2, pipeline);
            insert.setString(3, project);
            insert.setString(4, branch);
            setInteger(insert, 5, change);
            setInteger(insert, 6, patchSet);
            insert.setString(7, ref);
            insert.setString(8, newrev);
            insert.setString(9, eventId);
            SqlTimes.set(insert, 10, clock.instant());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static Optional<Long> id(Connection c, String sql, String uuid) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, uuid);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    private static void replaceFiles(Connection c, long build, List<BuildRecord.StoredFile> files) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM build_files WHERE build_id = ?")) {
            delete.setLong(1, build);
            delete.executeUpdate();
        }
        if (files.isEmpty()) {
            return;
        }
        try (PreparedStatement insert =
                c.prepareStatement("INSERT INTO build_files (build_id, path, size, stored_size) VALUES (?, ?, ?, ?)")) {
            for (BuildRecord.StoredFile file : files) {
                insert.setLong(1, build);
                insert.setString(2, file.path());
                insert.setLong(3, file.size());
                insert.setLong(4, file.storedSize());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void replaceArtifacts(Connection c, long build, List<Build.Artifact> artifacts) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM build_artifacts WHERE build_id = ?")) {
            delete.setLong(1, build);
            delete.executeUpdate();
        }
        if (artifacts.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO build_artifacts (build_id, position, name, url, metadata) VALUES (?, ?, ?, ?, ?)")) {
            int position = 0;
            for (Build.Artifact artifact : artifacts) {
                insert.setLong(1, build);
                insert.setInt(2, position++);
                insert.setString(3, artifact.name());
                insert.setString(4, artifact.url());
                insert.setString(5, json(artifact));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private String json(Build.Artifact artifact) {
        try {
            return mapper.writeValueAsString(artifact.metadata());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The buildset's first start and last end, from its builds; its result too while Zuul has not
     * reported one: FAILURE once a final voting build failed, SUCCESS once every build has a result.
     */
    private static void refreshBuildset(Connection c, long buildset) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE buildsets SET"
                + " first_build_start_time = (SELECT MIN(start_time) FROM builds WHERE buildset_id = ?),"
                + " last_build_end_time = (SELECT MAX(end_time) FROM builds WHERE buildset_id = ?) WHERE id = ?")) {
            update.setLong(1, buildset);
            update.setLong(2, buildset);
            update.setLong(3, buildset);
            update.executeUpdate();
        }
        boolean failed = false;
        boolean unfinished = false;
        try (PreparedStatement select =
                c.prepareStatement("SELECT result, voting, final FROM builds WHERE buildset_id = ?")) {
            select.setLong(1, buildset);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String result = row.getString(1);
                    unfinished |= result == null;
                    failed |= row.getBoolean(2) && row.getBoolean(3) && failedResult(result);
                }
            }
        }
        try (PreparedStatement update =
                c.prepareStatement("UPDATE buildsets SET result = ? WHERE id = ? AND NOT reported")) {
            update.setString(1, failed ? "FAILURE" : unfinished ? null : "SUCCESS");
            update.setLong(2, buildset);
            update.executeUpdate();
        }
    }

    private static boolean failedResult(String result) {
        return ZuulResult.of(result)
                .map(r -> r.tone() == ZuulResult.Tone.FAILED || r.tone() == ZuulResult.Tone.TROUBLE)
                .orElse(false);
    }
}
