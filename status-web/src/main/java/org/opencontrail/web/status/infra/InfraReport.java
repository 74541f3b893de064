package org.opencontrail.web.status.infra;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.shared.source.SourceRegistry;

/**
 * The CI's health at one moment, as {@code /infra} shows it.
 *
 * @param conditions      every condition, problems first
 * @param feeds           the feeds this site reads
 * @param zuulQueues      Zuul's own event queues, empty before the first status
 * @param stalled         queues that stopped moving
 * @param waitingJobs     jobs waiting in active items
 * @param nodes           node capacity, when a node list is configured and was read
 * @param nodesConfigured a node list is configured
 * @param gerritTopic     Gerrit's events on Kafka, when the replicas read them there
 * @param at              when the report was made
 */
@Introspected
public record InfraReport(
        List<Condition> conditions,
        List<SourceRegistry.Feed> feeds,
        Optional<ZuulQueues> zuulQueues,
        List<StalledQueues.Stall> stalled,
        int waitingJobs,
        Optional<NodeCapacity.Nodes> nodes,
        boolean nodesConfigured,
        Optional<GerritTopic> gerritTopic,
        Instant at) {

    public List<Condition> problems() {
        return conditions.stream().filter(c -> !c.ok()).toList();
    }

    /**
     * Zuul's event queues as its status says.
     *
     * @param trigger          trigger events waiting
     * @param result           results waiting
     * @param management       management events waiting
     * @param triggerPaused    event processing paused by an operator
     * @param resultPaused     result processing paused by an operator
     * @param statusAgeSeconds age of the status these come from
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ZuulQueues(
            int trigger,
            int result,
            int management,
            boolean triggerPaused,
            boolean resultPaused,
            long statusAgeSeconds) {}
}
