package org.opencontrail.web.shared.http;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How often one client may ask for one kind of work that writes ({@code suite.rate-limits.KIND}:
 * upload, review...): a bucket of {@code burst} requests, refilled at {@code perMinute}. Past it,
 * {@code 429} with {@code Retry-After}. A client is its address as the proxy in front saw it
 * ({@code micronaut.server.client-address-header}).
 *
 * @param kind      the kind of work
 * @param perMinute requests a minute, sustained
 * @param burst     requests at once after a quiet spell
 */
@EachProperty("suite.rate-limits")
public record RateLimit(
        @Parameter String kind,
        @Bindable(defaultValue = "60") int perMinute,
        @Bindable(defaultValue = "20") int burst) {

    public RateLimit {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException(
                    "suite.rate-limits." + kind + ": per-minute and burst must be at least 1");
        }
    }
}
