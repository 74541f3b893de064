package org.opencontrail.web.shared.http;

import java.time.Duration;

/** Thrown when a kind of work is at its limit and its queue is full: the client is to come back later. */
public final class Overloaded extends RuntimeException {

    private final String kind;
    private final Duration retryAfter;

    Overloaded(String kind, Duration retryAfter) {
        super("Too many " + kind + " requests at once: try again in " + Math.max(1, retryAfter.toSeconds()) + " s.");
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public String kind() {
        return kind;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
