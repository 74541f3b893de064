package org.opencontrail.web.shared.kafka;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.opencontrail.web.shared.cluster.Replica;

/**
 * How far behind the end of a topic each consumer group is, every replica of every site included,
 * as Kafka's own tools say it: for /infra. Asked of the brokers at most every few seconds.
 */
@Singleton
@Requires(property = "kafka.bootstrap-servers")
public final class ConsumerLags {

    private static final long TIMEOUT_SECONDS = 5;

    /**
     * One consumer group's place on a topic.
     *
     * @param group the group, e.g. status-web-status-web-0
     * @param lag   events stored and not yet read by it
     */
    @Serdeable
    @Introspected
    public record GroupLag(String group, long lag) {}

    private final Admin admin;
    private final LoadingCache<String, List<GroupLag>> byTopic;

    ConsumerLags(KafkaSettings kafka, Replica replica) {
        this.admin = Admin.create(kafka.client(replica.app() + "-" + replica.id() + "-lags"));
        this.byTopic =
                Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(5)).build(this::read);
    }

    /** Every group that has read the topic, most behind first; empty when the brokers do not answer. */
    public List<GroupLag> of(String topic) {
        try {
            return byTopic.get(topic);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private List<GroupLag> read(String topic) throws Exception {
        List<String> groups =
                admin
                        .listGroups(ListGroupsOptions.forConsumerGroups())
                        .all()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .stream()
                        .filter(g -> g.type()
                                .map(t -> t == GroupType.CONSUMER || t == GroupType.CLASSIC)
                                .orElse(true))
                        .map(g -> g.groupId())
                        .toList();
        Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, Long> onTopic = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (partition.topic().equals(topic) && offset != null) {
                    onTopic.put(partition, offset.offset());
                    latest.put(partition, OffsetSpec.latest());
                }
            });
            if (!onTopic.isEmpty()) {
                committed.put(group, onTopic);
            }
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                latest.isEmpty() ? Map.of() : admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<GroupLag> lags = new ArrayList<>();
        committed.forEach((group, offsets) -> lags.add(new GroupLag(
                group,
                offsets.entrySet().stream()
                        .mapToLong(e -> Math.max(0, ends.get(e.getKey()).offset() - e.getValue()))
                        .sum())));
        lags.sort(Comparator.comparingLong(GroupLag::lag).reversed().thenComparing(GroupLag::group));
        return List.copyOf(lags);
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
