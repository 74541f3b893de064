package org.opencontrail.web.logs.database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Times in the database: UTC in a TIMESTAMP without a zone, as Zuul's SQL reporter keeps them. */
final class SqlTimes {

    private SqlTimes() {}

    static void set(PreparedStatement statement, int index, Optional<Instant> time) throws SQLException {
        if (time.isPresent()) {
            statement.setObject(index, LocalDateTime.ofInstant(time.get(), ZoneOffset.UTC));
        } else {
            statement.setNull(index, Types.TIMESTAMP);
        }
    }

    static void set(PreparedStatement statement, int index, Instant time) throws SQLException {
        set(statement, index, Optional.of(time));
    }

    static Optional<Instant> get(ResultSet row, String column) throws SQLException {
        LocalDateTime time = row.getObject(column, LocalDateTime.class);
        return Optional.ofNullable(time).map(t -> t.toInstant(ZoneOffset.UTC));
    }
}
