package org.opencontrail.web.shared.zuul.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.opencontrail.web.shared.source.EventFanout;
import org.opencontrail.web.shared.source.EventListener;
import org.opencontrail.web.shared.source.Source;
import org.opencontrail.web.shared.source.SourceHealth;
import org.opencontrail.web.shared.source.SourceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to Zuul's MQTT reporter (Eclipse Paho, QoS 1, a persistent session so that results
 * published while the connection was down are delivered after it returns). Retries until the
 * first connection succeeds, then Paho's automatic reconnect takes over; bad payloads are counted.
 * Each time the subscription is made, listeners are told of a gap ({@code onGap(0)}).
 */
public final class ZuulMqttSource implements Source {

    public static final String SOURCE = "zuul-mqtt";
    private static final Logger LOG = LoggerFactory.getLogger(ZuulMqttSource.class);

    private final ZuulMqttSettings config;
    private final SourceHealth health;
    private final EventFanout<BuildsetResult> fanout = new EventFanout<>(SOURCE, 10_000);
    private final BuildsetResultParser parser = new BuildsetResultParser();
    private final ScheduledExecutorService retries;
    private final MqttAsyncClient client;
    private volatile boolean everConnected;
    private volatile Consumer<String> tap = payload -> {};

    public ZuulMqttSource(ZuulMqttSettings config, Clock clock) throws MqttException {
        this.config = config;
        this.health = new SourceHealth(SOURCE, clock);
        this.health.backlog(fanout::backlog);
        String clientId = config.clientId().isBlank()
                ? "ci-web-" + UUID.randomUUID().toString().substring(0, 8)
                : config.clientId();
        this.client = new MqttAsyncClient(config.uri(), clientId, new MemoryPersistence());
        this.client.setCallback(new Callback());
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, SOURCE + "-connect");
            t.setDaemon(true);
            return t;
        });
    }

    public void subscribe(EventListener<BuildsetResult> listener) {
        fanout.subscribe(listener);
    }

    public SourceHealth health() {
        return health;
    }

    /** Also hands every readable payload, as received, to a recorder. */
    public void tap(Consumer<String> recorder) {
        this.tap = recorder;
    }

    @Override
    public void start() {
        health.state(SourceState.CONNECTING);
        retries.execute(this::connectOnce);
    }

    private MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setAutomaticReconnect(true);
        options.setCleanSession(false);
        options.setKeepAliveInterval((int) Math.max(1, config.keepalive().toSeconds()));
        options.setConnectionTimeout((int) Math.max(1, config.connectTimeout().toSeconds()));
        options.setMaxReconnectDelay(60_000);
        if (!config.username().isBlank()) {
            options.setUserName(config.username());
            options.setPassword(config.password().toCharArray());
        }
        return options;
    }

    private void connectOnce() {
        if (everConnected || retries.isShutdown()) {
            return;
        }
        try {
            client.connect(options()).waitForCompletion(config.connectTimeout().toMillis() + 1000);
        } catch (MqttException e) {
            health.error("cannot connect to " + config.uri() + ": " + e.getMessage());
            health.state(SourceState.RECONNECTING);
            LOG.warn(
                    "MQTT broker {} not reachable ({}); retrying in {} s",
                    config.uri(),
                    e.getMessage(),
                    config.retryInterval().toSeconds());
            var unused =
                    retries.schedule(this::connectOnce, config.retryInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private final class Callback implements MqttCallbackExtended {

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            try {
                client.subscribe(config.topic(), 1);
                // What was published before this subscription (the first one, or one whose session
                // the broker lost) is not delivered: listeners are told, so that they backfill.
                fanout.gap();
                if (everConnected) {
                    health.reconnected();
                }
                everConnected = true;
                health.activity();
                health.state(SourceState.CONNECTED);
                LOG.info("Subscribed to Zuul results on {} ({})", serverUri, config.topic());
            } catch (MqttException e) {
                health.error("cannot subscribe to " + config.topic() + ": " + e.getMessage());
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            health.error("connection lost: " + cause.getMessage());
            health.state(SourceState.RECONNECTING);
            LOG.warn("MQTT connection to {} lost: {}", config.uri(), cause.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                BuildsetResult result = parser.parse(message.getPayload());
                tap.accept(new String(message.getPayload(), StandardCharsets.UTF_8));
                health.event();
                fanout.publish(result);
            } catch (IOException e) {
                health.malformed();
                LOG.warn("Unreadable Zuul result on {}: {}", topic, e.getMessage());
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // this client only subscribes
        }
    }

    @Override
    public void close() {
        retries.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("Closing the MQTT client", e);
        }
        fanout.close();
        health.state(SourceState.STOPPED);
    }
}
