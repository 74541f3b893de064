package org.opencontrail.web.status.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import org.opencontrail.web.shared.json.ForeignJson;
import org.opencontrail.web.shared.zuul.ZuulSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test nodes the CI holds, by state and by label, read from Zuul's nodes endpoint or
 * nodepool's node list: when jobs wait and no node is ready or coming, the CI is out of capacity.
 */
@Context
public final class NodeCapacity {

    private static final Logger LOG = LoggerFactory.getLogger(NodeCapacity.class);

    /**
     * The nodes as last read.
     *
     * @param byState nodes per state (ready, in-use, building, deleting, failed, hold...)
     * @param byLabel nodes per label
     * @param readAt  when
     * @param problem why the last read failed, empty when it worked
     */
    public record Nodes(Map<String, Integer> byState, Map<String, Integer> byLabel, Instant readAt, String problem) {

        public int total() {
            return byState.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int count(String state) {
            return byState.getOrDefault(state, 0);
        }

        /** Nodes ready now or on their way. */
        public int available() {
            return count("ready") + count("building") + count("init");
        }

        /** The states side by side along a bar 100 wide, each as wide as its share of the nodes. */
        public List<Segment> segments() {
            int total = total();
            List<Segment> segments = new ArrayList<>();
            double start = 0;
            for (Map.Entry<String, Integer> state : byState.entrySet()) {
                double width = total == 0 ? 0 : 100.0 * state.getValue() / total;
                segments.add(new Segment(
                        state.getKey(),
                        state.getValue(),
                        String.format(Locale.ROOT, "%.2f", start),
                        String.format(Locale.ROOT, "%.2f", width)));
                start += width;
            }
            return segments;
        }
    }

    /**
     * One state's part of the node bar.
     *
     * @param state its name, also its colour class
     * @param count its nodes
     * @param x     where it starts along the bar, 0 to 100
     * @param width its width along the bar
     */
    public record Segment(String state, int count, String x, String width) {

        /** The state's colour class: {@code node-} and its name. */
        public String css() {
            return "node-" + state;
        }
    }

    private final Optional<URI> url;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final Duration poll;
    private volatile ScheduledFuture<?> polling;
    private volatile Nodes nodes;

    NodeCapacity(
            InfraSettings config,
            ZuulSettings zuul,
            Clock clock,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.clock = clock;
        this.url = nodesUrl(config, zuul);
        this.scheduler = scheduler;
        this.poll = Duration.ofMillis(Math.max(1, config.nodesPoll().toMillis()));
    }

    @EventListener
    void onStartup(StartupEvent started) {
        if (url.isPresent()) {
            polling = scheduler.scheduleWithFixedDelay(Duration.ZERO, poll, this::read);
        }
    }

    private static Optional<URI> nodesUrl(InfraSettings config, ZuulSettings zuul) {
        if (!config.nodesUrl().isBlank()) {
            return Optional.of(URI.create(config.nodesUrl().strip()));
        }
        if (!zuul.url().isBlank() && !zuul.tenant().isBlank()) {
            String root = zuul.url().endsWith("/") ? zuul.url() : zuul.url() + "/";
            return Optional.of(URI.create(root + "api/tenant/" + zuul.tenant() + "/nodes"));
        }
        return Optional.empty();
    }

    /** True when a node list is configured. */
    public boolean configured() {
        return url.isPresent();
    }

    /** The nodes as last read; empty until the first read, or when no node list is configured. */
    public Optional<Nodes> nodes() {
        return Optional.ofNullable(nodes);
    }

    void read() {
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(url.orElseThrow())
                            .timeout(Duration.ofSeconds(20))
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                failed("the node list answered HTTP " + response.statusCode());
                return;
            }
            nodes = parse(ForeignJson.tree(response.body()), clock.instant());
        } catch (IOException | RuntimeException e) {
            failed("the node list could not be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null
                            ? ""
                            : ": " + e.getMessage().lines().findFirst().orElse("")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failed(String problem) {
        Nodes last = nodes;
        if (last == null || !last.problem().equals(problem)) {
            LOG.warn(
                    "Node capacity from {}: {}", url.orElseThrow(), problem); // once per new problem, not once per poll
        }
        nodes = new Nodes(
                last == null ? Map.of() : last.byState(),
                last == null ? Map.of() : last.byLabel(),
                clock.instant(),
                problem);
    }

    /** Zuul's list (state, type as a list or a string) and nodepool's (state, label) read alike. */
    static Nodes parse(JsonNode root, Instant at) throws IOException {
        JsonNode list = root.isArray() ? root : root.path("nodes");
        if (!list.isArray()) {
            throw new IOException("not a list of nodes");
        }
        Map<String, Integer> byState = new TreeMap<>();
        Map<String, Integer> byLabel = new TreeMap<>();
        for (JsonNode node : list) {
            String state = node.path("state").asText("unknown").toLowerCase(Locale.ROOT);
            byState.merge(state.isEmpty() ? "unknown" : state, 1, Integer::sum);
            JsonNode label = node.has("label") ? node.get("label") : node.path("type");
            String name = label.isArray() ? (label.isEmpty() ? "" : label.get(0).asText()) : label.asText("");
            if (!name.isEmpty()) {
                byLabel.merge(name, 1, Integer::sum);
            }
        }
        return new Nodes(byState, byLabel, at, "");
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> running = polling;
        if (running != null) {
            running.cancel(true);
        }
    }
}
