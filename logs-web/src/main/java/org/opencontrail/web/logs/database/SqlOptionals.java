package org.opencontrail.web.logs.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Nullable numbers in a row. JDBC reads a NULL number as 0 and tells it only through {@code
 * wasNull()} right after, which is easy to ask after the wrong column: read them here.
 */
final class SqlOptionals {

    private SqlOptionals() {}

    static Optional<Integer> integer(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? Optional.empty() : Optional.of(value);
    }

    static Optional<Double> number(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
