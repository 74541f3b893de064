package org.opencontrail.web.status.infra;

import io.micronaut.core.annotation.Introspected;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.shared.kafka.ConsumerLags;

/**
 * Gerrit's events on Kafka as the replicas share them: who relays Gerrit's SSH stream onto the topic
 * (none with Gerrit's events-kafka plugin), and how far behind each replica's reading is.
 *
 * @param topic        the topic
 * @param relayed      the replicas relay the topic from Gerrit's SSH stream (not the events-kafka plugin)
 * @param leader       the replica that holds the stream now, when one does
 * @param participants every replica in the relay's election
 * @param thisReplica  this replica's name in the election
 * @param consumers    each consumer group's lag, most behind first
 */
@Introspected
public record GerritTopic(
        String topic,
        boolean relayed,
        Optional<String> leader,
        List<String> participants,
        String thisReplica,
        List<ConsumerLags.GroupLag> consumers) {

    /** The replica that holds the stream now, or "no replica". */
    public String leaderName() {
        return leader.orElse("no replica");
    }
}
