package org.opencontrail.web.shared.http;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How much of one kind of work ({@code suite.limits.KIND}: search, clone, archive, stream, upload...)
 * an app takes on at once. Past {@code concurrent}, up to {@code queue} requests wait at most
 * {@code max-wait} for a turn; any more are answered 503 with {@code Retry-After} at once, so that a
 * crowd never becomes an unbounded queue, a storm of timeouts or an out-of-memory error.
 *
 * @param kind        the kind of work
 * @param concurrent  how many run at once
 * @param queue       how many may wait for a turn
 * @param maxWait     how long one waits before it is turned away
 * @param retryAfter  what {@code Retry-After} tells a client turned away
 */
@EachProperty("suite.limits")
public record WorkLimit(
        @Parameter String kind,
        @Bindable(defaultValue = "8") int concurrent,
        @Bindable(defaultValue = "32") int queue,
        @Bindable(defaultValue = "10s") Duration maxWait,
        @Bindable(defaultValue = "5s") Duration retryAfter) {

    public WorkLimit {
        if (concurrent < 1 || queue < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException(
                    "suite.limits." + kind + ": concurrent must be at least 1, queue and max-wait at least 0");
        }
    }
}
