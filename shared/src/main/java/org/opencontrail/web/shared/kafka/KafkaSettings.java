package org.opencontrail.web.shared.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The Kafka cluster the replicas of a site share. Set {@code kafka.bootstrap-servers} and Gerrit's
 * events come from the topic (written by Gerrit's events-kafka plugin or by the suite's relay), and
 * logs-web's ingest queue is a topic.
 *
 * @param bootstrapServers host:port,... of the brokers; empty: no Kafka
 * @param properties       more client settings as Kafka names them (security.protocol, sasl.mechanism,
 *                         ssl.truststore.location...), given to every client the suite makes
 */
@ConfigurationProperties("kafka")
public record KafkaSettings(
        @Bindable(defaultValue = "") String bootstrapServers,

        @MapFormat(transformation = MapFormat.MapTransformation.FLAT, keyFormat = StringConvention.RAW)
        @Bindable(defaultValue = "")
        Map<String, String> properties) {

    public KafkaSettings {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** Settings for one client: the operator's properties, then the servers and the client's name. */
    public Properties client(String clientId) {
        Properties client = new Properties();
        client.putAll(properties);
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        client.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return client;
    }
}
