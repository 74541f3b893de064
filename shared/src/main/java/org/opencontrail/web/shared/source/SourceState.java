package org.opencontrail.web.shared.source;

/** Where a long-lived connection to Gerrit or Zuul stands. */
public enum SourceState {
    /** Not started yet, or not configured. */
    IDLE,
    /** Opening the first connection. */
    CONNECTING,
    /** Connected, and traffic or keepalive replies flow. */
    CONNECTED,
    /** Lost; waiting out the backoff before trying again. */
    RECONNECTING,
    /** Answers stopped or went bad; the last good data is kept but old. */
    STALE,
    /** Shut down with the app. */
    STOPPED
}
