package org.opencontrail.web.logs.database;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The "recheck" comments heard, in the builds database: one row per comment, however often and by whom heard. */
@Singleton
public final class RecheckRows {

    private final TransactionOperations<Connection> transactions;

    RecheckRows(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /**
     * How far apart two hearings of one comment may be dated: the stream dates a comment when its
     * event is made, Gerrit's REST API (a backfill) when its message was written, a second or more
     * before under load. The same recheck by the same person on the same patch set within this is
     * one comment (a second one so soon asks for nothing more).
     */
    static final Duration SAME_COMMENT = Duration.ofMinutes(1);

    /** Keeps a comment; false when it was kept already, as heard before. */
    public boolean add(RecheckRow row) {
        try {
            return transactions.executeWrite(status -> {
                Connection c = status.getConnection();
                // one writer at a time (replicas too): no unique key can say "within a minute"
                try (PreparedStatement lock =
                        c.prepareStatement("SELECT id FROM rechecks_writer WHERE id = 1 FOR UPDATE")) {
                    lock.executeQuery().close();
                }
                if (keptAlready(c, row)) {
                    return false;
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO rechecks (project, change_number,"
                        + " patchset, author, commented, kind, reason) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, row.project());
                    insert.setInt(2, row.change());
                    insert.setInt(3, row.patchSet());
                    insert.setString(4, row.author());
                    SqlTimes.set(insert, 5, row.commented());
                    insert.setString(6, row.kind());
                    insert.setString(7, row.reason());
                    insert.executeUpdate();
                    return true;
                }
            });
        } catch (Exception e) { // the transaction rethrows the work's SQLException as it is
            if (DatabaseException.uniqueViolation(e)) {
                return false;
            }
            throw DatabaseException.of(e);
        }
    }

    private static boolean keptAlready(Connection c, RecheckRow row) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM rechecks WHERE change_number = ?"
                + " AND patchset = ? AND author = ? AND commented BETWEEN ? AND ? AND kind = ? AND reason = ?")) {
            select.setInt(1, row.change());
            select.setInt(2, row.patchSet());
            select.setString(3, row.author());
            SqlTimes.set(select, 4, row.commented().minus(SAME_COMMENT));
            SqlTimes.set(select, 5, row.commented().plus(SAME_COMMENT));
            select.setString(6, row.kind());
            select.setString(7, row.reason());
            try (ResultSet found = select.executeQuery()) {
                return found.next();
            }
        }
    }

    /** The comments made since then, oldest first. */
    public List<RecheckRow> since(Instant since) {
        try {
            return transactions.executeRead(status -> {
                List<RecheckRow> rows = new ArrayList<>();
                try (PreparedStatement select = status.getConnection()
                        .prepareStatement("SELECT project, change_number, patchset, author, commented, kind, reason"
                                + " FROM rechecks WHERE commented >= ? ORDER BY commented, id")) {
                    SqlTimes.set(select, 1, since);
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            rows.add(new RecheckRow(
                                    row.getString(1),
                                    row.getInt(2),
                                    row.getInt(3),
                                    row.getString(4),
                                    SqlTimes.get(row, "commented").orElseThrow(),
                                    row.getString(6),
                                    row.getString(7)));
                        }
                    }
                }
                return rows;
            });
        } catch (Exception e) {
            throw DatabaseException.of(e);
        }
    }
}
