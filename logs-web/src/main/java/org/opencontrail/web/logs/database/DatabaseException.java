package org.opencontrail.web.logs.database;

/** The builds database could not do what was asked (it is away, full, or refused the statement). */
public final class DatabaseException extends RuntimeException {

    private DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The failure as it is, when already one; otherwise wrapped, its message kept. */
    static DatabaseException of(Exception e) {
        return e instanceof DatabaseException known ? known : new DatabaseException(e.getMessage(), e);
    }
}
