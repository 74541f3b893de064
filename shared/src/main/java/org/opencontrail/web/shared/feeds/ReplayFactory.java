package org.opencontrail.web.shared.feeds;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.management.health.indicator.HealthIndicator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.opencontrail.web.shared.gerrit.stream.GerritEventListener;
import org.opencontrail.web.shared.replay.EventRecorder;
import org.opencontrail.web.shared.replay.ReplaySettings;
import org.opencontrail.web.shared.replay.ReplaySource;
import org.opencontrail.web.shared.source.SourceHealthIndicator;
import org.opencontrail.web.shared.source.SourceMetrics;
import org.opencontrail.web.shared.source.SourceRegistry;
import org.opencontrail.web.shared.zuul.mqtt.ZuulResultListener;

/** Plays {@code replay.file} to the app's listeners, and records live sources to {@code record.file}. */
@Factory
class ReplayFactory {

    private final Clock clock;

    ReplayFactory(Clock clock) {
        this.clock = clock;
    }

    @Context
    @Bean(preDestroy = "close")
    @Requires(property = "replay.file", pattern = ".+")
    ReplaySource replay(
            ReplaySettings config,
            List<GerritEventListener> gerrit,
            List<ZuulResultListener> results,
            MeterRegistry registry,
            SourceRegistry sources,
            VisibleFeeds feeds) {
        ReplaySource source = new ReplaySource(config, clock);
        gerrit.forEach(listener -> source.subscribeGerrit(feeds.gerrit(listener)));
        results.forEach(listener -> source.subscribeResults(feeds.results(listener)));
        SourceMetrics.register(registry, source.health(), clock);
        sources.register(source.health());
        return source;
    }

    @Singleton
    @Named(ReplaySource.SOURCE)
    @Requires(beans = ReplaySource.class)
    HealthIndicator replayHealth(ReplaySource source, ReplaySettings config) {
        return new SourceHealthIndicator(
                source.health(), clock, () -> Map.of("file", config.file(), "speed", config.speed()));
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "record.file", pattern = ".+")
    EventRecorder recorder(@Value("${record.file}") String file) throws IOException {
        return new EventRecorder(Path.of(file), clock);
    }
}
