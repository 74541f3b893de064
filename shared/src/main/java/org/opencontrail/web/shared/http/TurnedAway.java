package org.opencontrail.web.shared.http;

import io.micronaut.http.HttpStatus;
import java.time.Duration;

/**
 * A request turned away before its work starts: {@code 503} when a kind of work is at its limit
 * and its queue is full ({@link WorkLimits}), {@code 429} when one client has used its allowance
 * ({@link ClientRateLimits}). Either way the client is told when to come back.
 */
public final class TurnedAway extends RuntimeException {

    private final String kind;
    private final HttpStatus status;
    private final Duration retryAfter;

    private TurnedAway(String kind, HttpStatus status, Duration retryAfter, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    static TurnedAway overloaded(String kind, Duration retryAfter) {
        return new TurnedAway(
                kind,
                HttpStatus.SERVICE_UNAVAILABLE,
                retryAfter,
                "Too many " + kind + " requests at once: try again in " + seconds(retryAfter) + " s.");
    }

    static TurnedAway tooMany(String kind, Duration retryAfter) {
        return new TurnedAway(
                kind,
                HttpStatus.TOO_MANY_REQUESTS,
                retryAfter,
                "Too many " + kind + " requests from you: try again in " + seconds(retryAfter) + " s.");
    }

    /** 503: the app cannot take this work now for a reason of its own (a full disk), said in {@code why}. */
    public static TurnedAway unavailable(String kind, Duration retryAfter, String why) {
        return new TurnedAway(
                kind,
                HttpStatus.SERVICE_UNAVAILABLE,
                retryAfter,
                why + ": try again in " + seconds(retryAfter) + " s.");
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    public String kind() {
        return kind;
    }

    public HttpStatus status() {
        return status;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** What {@code Retry-After} says: whole seconds, at least one. */
    String retryAfterSeconds() {
        return Long.toString(seconds(retryAfter));
    }
}
