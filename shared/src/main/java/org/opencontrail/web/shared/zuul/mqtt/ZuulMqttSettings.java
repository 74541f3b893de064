package org.opencontrail.web.shared.zuul.mqtt;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Zuul's MQTT reporter. The subscriber runs when {@code zuul.mqtt.uri} is set.
 *
 * @param uri            the broker, e.g. tcp://mqtt.opencontrail.org:1883 (ssl:// for TLS)
 * @param topic          topic filter of Zuul's reporter
 * @param clientId       MQTT client id; empty: one is made per app instance
 * @param username       broker user, empty for anonymous
 * @param password       broker password
 * @param keepalive      MQTT keepalive: a silent dead connection is noticed within about 1.5 times this
 * @param connectTimeout bound on connecting
 * @param retryInterval  wait between attempts until the first connection succeeds
 */
@ConfigurationProperties("zuul.mqtt")
public record ZuulMqttSettings(
        @Bindable(defaultValue = "") String uri,
        @Bindable(defaultValue = "zuul/#") String topic,
        @Bindable(defaultValue = "") String clientId,
        @Bindable(defaultValue = "") String username,
        @Bindable(defaultValue = "") String password,
        @Bindable(defaultValue = "30s") Duration keepalive,
        @Bindable(defaultValue = "10s") Duration connectTimeout,
        @Bindable(defaultValue = "5s") Duration retryInterval) {}
