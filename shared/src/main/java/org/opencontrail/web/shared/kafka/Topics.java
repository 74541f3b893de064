package org.opencontrail.web.shared.kafka;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Makes the topics the suite writes, when the brokers lack them; a topic already there is left as it is. */
public final class Topics {

    private final KafkaSettings kafka;
    private final String clientId;

    public Topics(KafkaSettings kafka, String clientId) {
        this.kafka = kafka;
        this.clientId = clientId;
    }

    /**
     * Makes the topic unless the brokers have it.
     *
     * @param partitions        partitions of a new topic
     * @param replicationFactor copies of each partition; 0: the brokers' default
     * @param settings          topic settings as Kafka names them (cleanup.policy=compact...)
     * @return true when it was made now
     * @throws IllegalStateException when the brokers refuse it or do not answer within 30 s
     */
    public boolean ensure(String topic, int partitions, short replicationFactor, Map<String, String> settings) {
        try (Admin admin = Admin.create(kafka.client(clientId + "-admin"))) {
            Optional<Short> copies = replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty();
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), copies).configs(settings)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException(
                    "cannot make topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " did not answer within 30 s", e);
        }
    }
}
