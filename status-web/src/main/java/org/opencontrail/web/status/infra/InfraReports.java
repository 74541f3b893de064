package org.opencontrail.web.status.infra;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencontrail.web.shared.gerrit.kafka.GerritKafkaSource;
import org.opencontrail.web.shared.gerrit.kafka.GerritRelay;
import org.opencontrail.web.shared.kafka.ConsumerLags;
import org.opencontrail.web.shared.source.SourceRegistry;
import org.opencontrail.web.shared.source.SourceStatus;
import org.opencontrail.web.shared.text.Durations;
import org.opencontrail.web.shared.zuul.status.QueueItem;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot;
import org.opencontrail.web.status.pipeline.PipelineState;

/** Makes the {@link InfraReport}: every condition of the CI's health, checked against {@link InfraSettings}. */
@Singleton
public final class InfraReports {

    private static final List<String> FEEDS = List.of("zuul-status", "zuul-mqtt");

    private final SourceRegistry sources;
    private final PipelineState pipelines;
    private final StalledQueues stalls;
    private final NodeCapacity capacity;
    private final InfraSettings config;
    private final Optional<GerritKafkaSource> topicReader;
    private final Optional<GerritRelay> relay;
    private final Optional<ConsumerLags> lags;
    private final Clock clock;

    InfraReports(
            SourceRegistry sources,
            PipelineState pipelines,
            StalledQueues stalls,
            NodeCapacity capacity,
            InfraSettings config,
            Optional<GerritKafkaSource> topicReader,
            Optional<GerritRelay> relay,
            Optional<ConsumerLags> lags,
            Clock clock) {
        this.clock = clock;
        this.topicReader = topicReader;
        this.relay = relay;
        this.lags = lags;
        this.sources = sources;
        this.pipelines = pipelines;
        this.stalls = stalls;
        this.capacity = capacity;
        this.config = config;
    }

    public InfraReport report() {
        Instant now = clock.instant();
        List<Condition> conditions = new ArrayList<>();
        Map<String, SourceStatus> statuses = new java.util.HashMap<>();
        sources.statuses().forEach(s -> statuses.put(s.name(), s));
        // Gerrit's events come over SSH, or from Kafka when the replicas share them there
        String gerrit = topicReader.isPresent() ? GerritKafkaSource.SOURCE : "gerrit-stream";
        conditions.add(feed(gerrit, Optional.ofNullable(statuses.get(gerrit)), now));
        Optional<GerritTopic> topic = gerritTopic();
        relay.ifPresent(r -> conditions.add(relayed(r.status())));
        for (String feed : FEEDS) {
            conditions.add(feed(feed, Optional.ofNullable(statuses.get(feed)), now));
        }
        Optional<PipelineState.Current> current = pipelines.current();
        Optional<InfraReport.ZuulQueues> queues = current.map(c -> new InfraReport.ZuulQueues(
                c.snapshot().triggerEventQueue(),
                c.snapshot().resultEventQueue(),
                c.snapshot().managementEventQueue(),
                c.snapshot().triggerQueuePaused(),
                c.snapshot().resultQueuePaused(),
                Duration.between(c.receivedAt(), now).toSeconds()));
        conditions.add(eventQueues(queues));
        List<StalledQueues.Stall> stalled = stalls.stalled();
        conditions.add(stalled(stalled, now));
        int waiting = current.map(c -> waitingJobs(c.snapshot())).orElse(0);
        Optional<NodeCapacity.Nodes> nodes = capacity.nodes();
        conditions.add(nodes(nodes, waiting));
        conditions.sort(Comparator.comparing(Condition::ok));
        return new InfraReport(
                List.copyOf(conditions),
                sources.feeds(),
                queues,
                stalled,
                waiting,
                nodes,
                capacity.configured(),
                topic,
                now);
    }

    private Condition feed(String name, Optional<SourceStatus> status, Instant now) {
        if (status.isEmpty()) {
            return new Condition(name, true, name + " is not configured", "This site does not read it.");
        }
        SourceStatus s = status.get();
        String age = s.lastEventAgeSeconds(now)
                .map(sec -> Durations.words(Duration.ofSeconds(sec)) + " ago")
                .orElse("never");
        String detail = "Last event " + age + "; " + s.reconnects() + " reconnects"
                + s.lastError().map(e -> "; " + e).orElse("");
        if (!s.healthy()) {
            return new Condition(
                    name, false, name + " is " + s.state().name().toLowerCase(java.util.Locale.ROOT), detail);
        }
        if (name.startsWith("gerrit-")
                && s.lastEventAgeSeconds(now)
                        .map(sec -> sec >= config.gerritSilentAfter().toSeconds())
                        .orElse(false)) {
            return new Condition(name, false, name + " is connected but silent", detail);
        }
        return new Condition(name, true, name + " is connected", detail);
    }

    private Optional<GerritTopic> gerritTopic() {
        return topicReader.map(reader -> {
            Optional<GerritRelay.Status> status = relay.map(GerritRelay::status);
            return new GerritTopic(
                    reader.topic(),
                    status.isPresent(),
                    status.flatMap(GerritRelay.Status::leader),
                    status.map(GerritRelay.Status::participants).orElse(List.of()),
                    status.map(GerritRelay.Status::participant).orElse(""),
                    lags.map(l -> l.of(reader.topic())).orElse(List.of()));
        });
    }

    private static Condition relayed(GerritRelay.Status relay) {
        String detail =
                relay.participants().size() + " replicas in the election: " + String.join(", ", relay.participants())
                        + relay.lastError().map(e -> "; " + e).orElse("");
        if (relay.leader().isEmpty()) {
            return new Condition("gerrit-relay", false, "No replica relays Gerrit's stream", detail);
        }
        if (!relay.healthy()) {
            return new Condition(
                    "gerrit-relay",
                    false,
                    relay.leader().get() + " leads but its Gerrit stream is down",
                    detail
                            + relay.stream()
                                    .flatMap(SourceStatus::lastError)
                                    .map(e -> "; " + e)
                                    .orElse(""));
        }
        return new Condition("gerrit-relay", true, relay.leader().get() + " relays Gerrit's stream", detail);
    }

    private Condition eventQueues(Optional<InfraReport.ZuulQueues> queues) {
        if (queues.isEmpty()) {
            return new Condition(
                    "zuul-event-queues", true, "Zuul's event queues are not known yet", "No status has arrived.");
        }
        InfraReport.ZuulQueues q = queues.get();
        String detail = "trigger " + q.trigger() + ", result " + q.result() + ", management " + q.management()
                + (q.triggerPaused() ? "; event processing paused" : "")
                + (q.resultPaused() ? "; result processing paused" : "");
        if (q.triggerPaused() || q.resultPaused()) {
            return new Condition("zuul-event-queues", false, "Zuul's queue processing is paused", detail);
        }
        if (q.trigger() >= config.eventQueueWarn()
                || q.management() >= config.eventQueueWarn()
                || q.result() >= config.resultQueueWarn()) {
            return new Condition("zuul-event-queues", false, "Zuul is behind on its events", detail);
        }
        return new Condition("zuul-event-queues", true, "Zuul keeps up with its events", detail);
    }

    private Condition stalled(List<StalledQueues.Stall> stalled, Instant now) {
        if (stalled.isEmpty()) {
            return new Condition(
                    "stalled-queues",
                    true,
                    "Every queue moves",
                    "No queue has had jobs waiting for " + Durations.words(config.stallAfter())
                            + " without a job starting.");
        }
        List<String> names = stalled.stream()
                .map(s -> s.pipeline() + "/" + s.queue() + " (" + s.waiting() + " jobs waiting, still for "
                        + Durations.words(s.stalledFor(now)) + ")")
                .toList();
        return new Condition(
                "stalled-queues",
                false,
                stalled.size() == 1 ? "A queue stopped moving" : stalled.size() + " queues stopped moving",
                String.join("; ", names));
    }

    private Condition nodes(Optional<NodeCapacity.Nodes> nodes, int waiting) {
        if (!capacity.configured()) {
            return new Condition(
                    "node-capacity", true, "Node capacity is not configured", "Set status.infra.nodes-url to see it.");
        }
        if (nodes.isEmpty()) {
            return new Condition(
                    "node-capacity", true, "Node capacity is not known yet", "The node list has not been read.");
        }
        NodeCapacity.Nodes n = nodes.get();
        String detail = n.total() + " nodes: " + n.count("in-use") + " in use, " + n.count("ready") + " ready, "
                + n.count("building") + " building, " + n.count("failed") + " failed; " + waiting + " jobs waiting";
        if (!n.problem().isEmpty()) {
            return new Condition("node-capacity", false, "The node list cannot be read", n.problem());
        }
        if (waiting > 0 && n.available() == 0) {
            return new Condition("node-capacity", false, "No node is free for the jobs waiting", detail);
        }
        return new Condition("node-capacity", true, "Nodes are available", detail);
    }

    private static int waitingJobs(ZuulSnapshot snapshot) {
        int waiting = 0;
        for (ZuulSnapshot.Pipeline pipeline : snapshot.pipelines()) {
            for (ZuulSnapshot.ChangeQueue queue : pipeline.queues()) {
                for (List<QueueItem> line : queue.heads()) {
                    for (QueueItem item : line) {
                        if (item.active()) {
                            waiting += (int) item.jobs().stream()
                                    .filter(QueueItem.Job::waiting)
                                    .count();
                        }
                    }
                }
            }
        }
        return waiting;
    }
}
