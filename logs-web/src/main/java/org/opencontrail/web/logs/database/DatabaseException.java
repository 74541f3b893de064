package org.opencontrail.web.logs.database;

/** The builds database could not do what was asked (it is away, full, or refused the statement). */
public final class DatabaseException extends RuntimeException {

    private DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    /** SQLSTATE of a unique constraint's violation, in H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    /** Whether the failure is a row inserted meanwhile by another writer (a replica, another thread). */
    static boolean uniqueViolation(Throwable e) {
        return hasState(e, UNIQUE_VIOLATION);
    }

    private static boolean hasState(Throwable e, String sqlState) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the database refused the data itself (SQLSTATE class 22, a data exception, or 54, a
     * limit such as an index entry's size): trying again would fail again.
     */
    public static boolean dataRefused(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("54"))) {
                return true;
            }
        }
        return false;
    }

    /** A SQL failure inside work that cannot throw it (a callback), carried out to be unwrapped. */
    static final class Unchecked extends RuntimeException {
        Unchecked(java.sql.SQLException cause) {
            super(cause);
        }

        java.sql.SQLException sql() {
            return (java.sql.SQLException) getCause();
        }
    }

    /** The failure as it is, when already one; otherwise wrapped, its message kept. */
    static DatabaseException of(Exception e) {
        return e instanceof DatabaseException known ? known : new DatabaseException(e.getMessage(), e);
    }
}
