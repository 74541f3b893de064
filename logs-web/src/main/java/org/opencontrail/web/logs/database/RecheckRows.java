package org.opencontrail.web.logs.database;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The "recheck" comments heard, in the builds database: one row per comment, however often heard. */
@Singleton
public final class RecheckRows {

    private final TransactionOperations<Connection> transactions;

    RecheckRows(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Keeps a comment; false when it was kept already. */
    public boolean add(RecheckRow row) {
        try {
            return transactions.executeWrite(status -> {
                try (PreparedStatement insert = status.getConnection()
                        .prepareStatement("INSERT INTO rechecks (project, change_number, patchset, author, commented,"
                                + " kind, reason) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
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
