package org.opencontrail.web.logs.live;

/**
 * Where one live console's text comes from: a single connection, whatever the number of viewers.
 * After a failure it connects again and carries on from the text it already delivered.
 */
interface ConsoleUpstream extends AutoCloseable {

    /** What the upstream tells its console; called from one thread at a time. */
    interface Receiver {

        /** More of the console's text, which may end inside a line. */
        void text(String piece);

        /** The console is complete: the build's log has ended. */
        void ended();

        /** The connection broke or was refused; the console may connect again. */
        void failed(String why);
    }

    /** Connects, or connects again after a failure, from where the text delivered so far ends. */
    void connect();

    /** What went wrong, bounded and safe to show: the cause of a wrapped failure, else its type. */
    static String message(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
        String message = cause.getMessage();
        return org.opencontrail.web.shared.text.Excerpts.of(
                message == null || message.isBlank() ? cause.getClass().getSimpleName() : message);
    }

    /** Stops, and tells its receiver nothing more. */
    @Override
    void close();
}
