package org.opencontrail.web.shared.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Per-client allowances ({@link RateLimit}) for the endpoints that write: each client and kind has
 * a bucket that refills with time; a request takes one token or is turned away with 429.
 * Counted in {@code suite_rate_limited_total} by kind.
 */
@Singleton
public final class ClientRateLimits {

    private final Map<String, RateLimit> limits;
    private final Map<String, Counter> refused;
    private final HttpClientAddressResolver addresses;
    // a client not seen for a while starts again with a full bucket
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(30))
            .build();

    ClientRateLimits(List<RateLimit> limits, HttpClientAddressResolver addresses, MeterRegistry registry) {
        this.limits = limits.stream().collect(Collectors.toUnmodifiableMap(RateLimit::kind, Function.identity()));
        this.refused = limits.stream()
                .collect(Collectors.toUnmodifiableMap(
                        RateLimit::kind,
                        limit -> Counter.builder("suite_rate_limited")
                                .tag("kind", limit.kind())
                                .description(
                                        "Requests of this kind turned away with 429, one client past its allowance")
                                .register(registry)));
        this.addresses = addresses;
    }

    /**
     * Takes one of the client's requests of {@code kind}.
     *
     * @throws TurnedAway (429) when the client has used its allowance
     */
    public void charge(String kind, HttpRequest<?> request) {
        RateLimit limit = limits.get(kind);
        if (limit == null) {
            throw new IllegalArgumentException("no suite.rate-limits." + kind + " is configured");
        }
        String client = String.valueOf(addresses.resolve(request));
        Bucket bucket = buckets.get(kind + " " + client, key -> new Bucket(limit));
        long wait = bucket.take(System.nanoTime());
        if (wait > 0) {
            refused.get(kind).increment();
            throw TurnedAway.tooMany(kind, Duration.ofNanos(wait));
        }
    }

    /** Tokens that refill continuously up to the burst. */
    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long at;

        Bucket(RateLimit limit) {
            this.capacity = limit.burst();
            this.perNano = limit.perMinute() / 60e9;
            this.tokens = capacity;
            this.at = System.nanoTime();
        }

        /** 0 when a token was taken, otherwise the nanoseconds until one is there. */
        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + (now - at) * perNano);
            at = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }
    }
}
