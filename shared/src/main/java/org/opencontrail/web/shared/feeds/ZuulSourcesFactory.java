package org.opencontrail.web.shared.feeds;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.HealthIndicator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencontrail.web.shared.source.SourceHealthIndicator;
import org.opencontrail.web.shared.source.SourceMetrics;
import org.opencontrail.web.shared.source.SourceRegistry;
import org.opencontrail.web.shared.text.Excerpts;
import org.opencontrail.web.shared.zuul.ZuulSettings;
import org.opencontrail.web.shared.zuul.status.ZuulStatusListener;
import org.opencontrail.web.shared.zuul.status.ZuulStatusSource;

/**
 * Makes the poller of Zuul's status (started with the app) when {@code zuul.url} is set, feeds every
 * {@link ZuulStatusListener} bean, and exports its health ({@code zuul-status}) and metrics.
 */
@Factory
@Requires(property = "zuul.url", pattern = ".+")
class ZuulSourcesFactory {

    private final Clock clock;

    ZuulSourcesFactory(Clock clock) {
        this.clock = clock;
    }

    @Context
    @Bean(preDestroy = "close")
    ZuulStatusSource zuulStatus(
            ZuulSettings config,
            List<ZuulStatusListener> listeners,
            MeterRegistry registry,
            SourceRegistry sources,
            VisibleFeeds feeds) {
        ZuulStatusSource source = new ZuulStatusSource(config, clock);
        listeners.forEach(listener -> source.subscribe(feeds.status(listener)));
        SourceMetrics.register(registry, source.health(), clock);
        sources.register(source.health());
        Gauge.builder(
                        "suite_zuul_status_age_seconds",
                        source,
                        s -> s.current()
                                .map(c -> (double) c.age(clock.instant()).toSeconds())
                                .orElse(Double.NaN))
                .description("age of the newest good Zuul status snapshot")
                .register(registry);
        Gauge.builder(
                        "suite_zuul_items",
                        source,
                        s -> s.current()
                                .map(c -> (double) c.snapshot().itemCount())
                                .orElse(0.0))
                .description("queue items in Zuul's status")
                .register(registry);
        return source;
    }

    @Singleton
    @Named(ZuulStatusSource.SOURCE)
    HealthIndicator zuulStatusHealth(ZuulStatusSource source) {
        return new SourceHealthIndicator(source.health(), clock, () -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("url", Excerpts.withoutCredentials(source.uri().toString()));
            source.current().ifPresent(current -> {
                details.put("snapshotAgeSeconds", current.age(clock.instant()).toSeconds());
                details.put("stale", current.stale());
                details.put("pipelines", current.snapshot().pipelines().size());
                details.put("items", current.snapshot().itemCount());
                details.put("jobs", current.snapshot().jobCount());
            });
            return details;
        });
    }
}
