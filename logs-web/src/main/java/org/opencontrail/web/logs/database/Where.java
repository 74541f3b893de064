package org.opencontrail.web.logs.database;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The conditions of one query, each with its parameters, joined by AND: values of one condition
 * are OR'ed, as Zuul's builds API reads a repeated parameter. Every value is a bound parameter.
 */
final class Where {

    private final List<String> clauses = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    /** {@code column} equal to one of the values; nothing asked when there are none. */
    Where equal(String column, List<?> values) {
        if (!values.isEmpty()) {
            clauses.add(
                    values.size() == 1
                            ? column + " = ?"
                            : column + " IN (" + String.join(", ", Collections.nCopies(values.size(), "?")) + ")");
            parameters.addAll(values);
        }
        return this;
    }

    /**
     * {@code column} equal to one of the values, or like it where a value holds {@code *}, which
     * stands for any text (and {@code %} and {@code _} for themselves).
     */
    Where like(String column, List<String> values) {
        if (values.isEmpty()) {
            return this;
        }
        List<String> alternatives = new ArrayList<>();
        for (String value : values) {
            if (value.contains("*")) {
                alternatives.add(column + " LIKE ? ESCAPE '$'");
                parameters.add(value.replace("$", "$$")
                        .replace("%", "$%")
                        .replace("_", "$_")
                        .replace('*', '%'));
            } else {
                alternatives.add(column + " = ?");
                parameters.add(value);
            }
        }
        clauses.add(alternatives.size() == 1 ? alternatives.get(0) : "(" + String.join(" OR ", alternatives) + ")");
        return this;
    }

    /** {@code column} none of the values; as in SQL, a row without a value does not hold either. */
    Where notEqual(String column, List<String> values) {
        if (!values.isEmpty()) {
            clauses.add(column + " NOT IN (" + String.join(", ", Collections.nCopies(values.size(), "?")) + ")");
            parameters.addAll(values);
        }
        return this;
    }

    Where is(String column, Optional<Boolean> value) {
        value.ifPresent(v -> {
            clauses.add(column + " = ?");
            parameters.add(v);
        });
        return this;
    }

    /** {@code column IS NOT NULL} when true, {@code IS NULL} when false. */
    Where present(String column, Optional<Boolean> value) {
        value.ifPresent(v -> clauses.add(column + (v ? " IS NOT NULL" : " IS NULL")));
        return this;
    }

    Where atLeast(String column, Optional<?> value) {
        value.ifPresent(v -> {
            clauses.add(column + " >= ?");
            parameters.add(v);
        });
        return this;
    }

    Where atMost(String column, Optional<?> value) {
        value.ifPresent(v -> {
            clauses.add(column + " <= ?");
            parameters.add(v);
        });
        return this;
    }

    Where clause(String clause) {
        clauses.add(clause);
        return this;
    }

    /** A condition with one bound value, its {@code ?}. */
    Where clause(String clause, Object value) {
        clauses.add(clause);
        parameters.add(value);
        return this;
    }

    /** {@code " WHERE ..."}, or nothing when no condition was asked. */
    String sql() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    /** Binds the parameters from index 1; the next free index. */
    int bind(PreparedStatement statement) throws SQLException {
        int index = 1;
        for (Object value : parameters) {
            if (value instanceof Instant time) {
                SqlTimes.set(statement, index++, time);
            } else {
                statement.setObject(index++, value);
            }
        }
        return index;
    }
}
