package org.opencontrail.web.shared.feeds;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.HealthIndicator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.opencontrail.web.shared.replay.EventRecorder;
import org.opencontrail.web.shared.replay.RecordedEvent;
import org.opencontrail.web.shared.source.SourceHealthIndicator;
import org.opencontrail.web.shared.source.SourceMetrics;
import org.opencontrail.web.shared.source.SourceRegistry;
import org.opencontrail.web.shared.zuul.mqtt.ZuulMqttSettings;
import org.opencontrail.web.shared.zuul.mqtt.ZuulMqttSource;
import org.opencontrail.web.shared.zuul.mqtt.ZuulResultListener;

/**
 * Subscribes to Zuul's MQTT results with the app when {@code zuul.mqtt.uri} is set, feeds every
 * {@link ZuulResultListener} bean, and exports its health ({@code zuul-mqtt}) and metrics.
 */
@Factory
@Requires(property = "zuul.mqtt.uri", pattern = ".+")
class ZuulMqttFactory {

    private final Clock clock;

    ZuulMqttFactory(Clock clock) {
        this.clock = clock;
    }

    @Context
    @Bean(preDestroy = "close")
    ZuulMqttSource zuulMqtt(
            ZuulMqttSettings config,
            List<ZuulResultListener> listeners,
            MeterRegistry registry,
            SourceRegistry sources,
            Optional<EventRecorder> recorder,
            VisibleFeeds feeds)
            throws MqttException {
        ZuulMqttSource source = new ZuulMqttSource(config, clock);
        listeners.forEach(listener -> source.subscribe(feeds.results(listener)));
        recorder.ifPresent(r -> source.tap(payload -> r.record(RecordedEvent.ZUUL_MQTT, payload)));
        SourceMetrics.register(registry, source.health(), clock);
        sources.register(source.health());
        return source;
    }

    @Singleton
    @Named(ZuulMqttSource.SOURCE)
    HealthIndicator zuulMqttHealth(ZuulMqttSource source, ZuulMqttSettings config) {
        return new SourceHealthIndicator(source.health(), clock, () -> Map.of("topic", config.topic()));
    }
}
