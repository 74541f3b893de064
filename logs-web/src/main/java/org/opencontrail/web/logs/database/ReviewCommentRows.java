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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The known-failures comments due, posted and refused, in the builds database: what makes each
 * comment posted once, whichever replica heard the buildset and however often it restarted. A
 * replica posts a comment only while it holds its lease ({@link #claim}); another takes it up once
 * the lease has passed.
 */
@Singleton
public final class ReviewCommentRows {

    /** The state of a comment not posted yet: waiting for its builds, or for Gerrit. */
    public static final String WAITING = "waiting";

    private final TransactionOperations<Connection> transactions;

    ReviewCommentRows(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Notes a comment due; false when it was noted already (by this replica before, or another). */
    public boolean add(ReviewCommentRow row) {
        try {
            return write(status -> {
                Connection c = status.getConnection();
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO review_comments (buildset_uuid,"
                        + " project, pipeline, branch, change_number, patchset, revision, state, reported, attempts,"
                        + " last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '')")) {
                    insert.setString(1, row.buildsetUuid());
                    insert.setString(2, row.project());
                    insert.setString(3, row.pipeline());
                    insert.setString(4, row.branch());
                    insert.setInt(5, row.change());
                    insert.setInt(6, row.patchSet());
                    insert.setString(7, row.revision());
                    insert.setString(8, WAITING);
                    SqlTimes.set(insert, 9, row.reported());
                    insert.executeUpdate();
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO review_comment_builds"
                        + " (buildset_uuid, position, build_uuid, job_name) VALUES (?, ?, ?, ?)")) {
                    int position = 0;
                    for (ReviewCommentRow.FailedBuild build : row.builds()) {
                        insert.setString(1, row.buildsetUuid());
                        insert.setInt(2, position++);
                        insert.setString(3, build.uuid());
                        insert.setString(4, build.job());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                return true;
            });
        } catch (DatabaseException e) {
            if (DatabaseException.uniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** The comments still due that Zuul reported since then, oldest first. */
    public List<ReviewCommentRow> waiting(Instant since) {
        return read(status -> {
            Connection c = status.getConnection();
            Map<String, ReviewCommentRow> rows = new LinkedHashMap<>();
            try (PreparedStatement select = c.prepareStatement("SELECT buildset_uuid, project, pipeline, branch,"
                    + " change_number, patchset, revision, reported, attempts FROM review_comments"
                    + " WHERE state = ? AND reported >= ? ORDER BY reported, buildset_uuid")) {
                select.setString(1, WAITING);
                SqlTimes.set(select, 2, since);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        rows.put(
                                row.getString(1),
                                new ReviewCommentRow(
                                        row.getString(1),
                                        row.getString(2),
                                        row.getString(3),
                                        row.getString(4),
                                        row.getInt(5),
                                        row.getInt(6),
                                        row.getString(7),
                                        SqlTimes.get(row, "reported").orElseThrow(),
                                        List.of(),
                                        row.getInt(9)));
                    }
                }
            }
            List<ReviewCommentRow> found = new ArrayList<>();
            for (ReviewCommentRow row : rows.values()) {
                found.add(withBuilds(c, row));
            }
            return found;
        });
    }

    /** One comment as it stands, if it was ever noted. */
    public Optional<String> state(String buildsetUuid) {
        return read(status -> {
            try (PreparedStatement select = status.getConnection()
                    .prepareStatement("SELECT state FROM review_comments WHERE buildset_uuid = ?")) {
                select.setString(1, buildsetUuid);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Takes the comment for this replica until {@code until}, if it is still due and no other
     * replica holds it; the attempts so far when it did.
     */
    public Optional<Integer> claim(String buildsetUuid, String owner, Instant now, Instant until) {
        return write(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement update = c.prepareStatement("UPDATE review_comments SET owner = ?,"
                    + " lease_until = ? WHERE buildset_uuid = ? AND state = ? AND (owner IS NULL OR owner = ?"
                    + " OR lease_until IS NULL OR lease_until < ?)")) {
                update.setString(1, owner);
                SqlTimes.set(update, 2, until);
                update.setString(3, buildsetUuid);
                update.setString(4, WAITING);
                update.setString(5, owner);
                SqlTimes.set(update, 6, now);
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement select =
                    c.prepareStatement("SELECT attempts FROM review_comments WHERE buildset_uuid = ?")) {
                select.setString(1, buildsetUuid);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return Optional.of(row.getInt(1));
                }
            }
        });
    }

    /** Gerrit did not take it: tried again by this replica at {@code retryAt}, by another after {@code until}. */
    public void failed(String buildsetUuid, String owner, String why, Instant until) {
        write(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement update = c.prepareStatement("UPDATE review_comments SET attempts = attempts + 1,"
                    + " last_error = ?, lease_until = ? WHERE buildset_uuid = ? AND owner = ?")) {
                update.setString(1, why);
                SqlTimes.set(update, 2, until);
                update.setString(3, buildsetUuid);
                update.setString(4, owner);
                return update.executeUpdate();
            }
        });
    }

    /** The comment ended as it did, by this replica's hand. */
    public void ended(String buildsetUuid, String owner, ReviewCommentRow.Outcome outcome, String why, Instant now) {
        write(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement update = c.prepareStatement("UPDATE review_comments SET state = ?,"
                    + " last_error = ?, done = ?, lease_until = NULL WHERE buildset_uuid = ? AND owner = ?")) {
                update.setString(1, outcome.word());
                update.setString(2, why);
                SqlTimes.set(update, 3, now);
                update.setString(4, buildsetUuid);
                update.setString(5, owner);
                return update.executeUpdate();
            }
        });
    }

    /** How many comments are in each state, for {@code /health}. */
    public Map<String, Long> counts() {
        return read(status -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            try (PreparedStatement select = status.getConnection()
                    .prepareStatement("SELECT state, COUNT(*) FROM review_comments GROUP BY state ORDER BY state")) {
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        counts.put(row.getString(1), row.getLong(2));
                    }
                }
            }
            return counts;
        });
    }

    private static ReviewCommentRow withBuilds(Connection c, ReviewCommentRow row) throws SQLException {
        List<ReviewCommentRow.FailedBuild> builds = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT build_uuid, job_name FROM review_comment_builds"
                + " WHERE buildset_uuid = ? ORDER BY position")) {
            select.setString(1, row.buildsetUuid());
            try (ResultSet found = select.executeQuery()) {
                while (found.next()) {
                    builds.add(new ReviewCommentRow.FailedBuild(found.getString(1), found.getString(2)));
                }
            }
        }
        return new ReviewCommentRow(
                row.buildsetUuid(),
                row.project(),
                row.pipeline(),
                row.branch(),
                row.change(),
                row.patchSet(),
                row.revision(),
                row.reported(),
                builds,
                row.attempts());
    }

    private <R> R read(TransactionCallback<Connection, R> work) {
        try {
            return transactions.executeRead(work);
        } catch (Exception e) { // the transaction rethrows the work's SQLException as it is
            throw DatabaseException.of(e);
        }
    }

    private <R> R write(TransactionCallback<Connection, R> work) {
        try {
            return transactions.executeWrite(work);
        } catch (Exception e) {
            throw DatabaseException.of(e);
        }
    }
}
