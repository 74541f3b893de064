package org.opencontrail.web.status.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import org.opencontrail.web.status.pipeline.Filters;
import org.opencontrail.web.status.pipeline.ItemRow;
import org.opencontrail.web.status.pipeline.PipelineRow;
import org.opencontrail.web.status.pipeline.PipelineState;
import org.opencontrail.web.status.pipeline.PipelinesPage;
import org.opencontrail.web.status.pipeline.PipelinesPageBuilder;
import org.opencontrail.web.status.pipeline.QueueRow;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns each new Zuul status into a small diff of the overview (items added, moved, changed,
 * removed, each with its re-rendered HTML), numbered, kept for replay, and pushed to every open
 * page. A page that reconnects with the last number it saw gets what it missed, or a reset when
 * that is no longer kept.
 */
@Singleton
public final class PipelineEvents {

    /** How many diffs are kept for reconnecting pages. */
    static final int KEPT = 512;

    /**
     * One event of the stream.
     *
     * @param id   its number
     * @param name "diff" or "reset"
     * @param json its data
     */
    public record StreamEvent(long id, String name, String json) {
    }

    private record Placed(String queue, String after, String html) {
    }

    private final PipelinesPageBuilder pages;
    private final TemplateEngine templates;
    private final ObjectMapper json = new ObjectMapper();
    private final Sinks.Many<StreamEvent> sink = Sinks.many().replay().limit(KEPT);
    private final AtomicLong sequence = new AtomicLong();
    private Map<String, Placed> previous = Map.of();

    PipelineEvents(PipelineState state, PipelinesPageBuilder pages, TemplateEngine templates) {
        this.pages = pages;
        this.templates = templates;
        state.onChange(this::update);
    }

    /** The number of the newest diff: a page rendered now is current as of it. */
    public long latest() {
        return sequence.get();
    }

    /** Diffs after {@code lastSeen}; a reset first when some of them are no longer kept. */
    public Flux<StreamEvent> since(long lastSeen) {
        return Flux.defer(() -> {
            long latest = sequence.get();
            boolean gap = lastSeen > latest || lastSeen < latest - KEPT + 1;
            long from = gap ? latest : lastSeen;
            Flux<StreamEvent> diffs = sink.asFlux().filter(event -> event.id() > from);
            return gap ? Flux.concat(Flux.just(new StreamEvent(latest, "reset", "{}")), diffs) : diffs;
        });
    }

    synchronized void update() {
        PipelinesPage page = pages.build(Filters.none(), Instant.now());
        Map<String, Placed> current = new LinkedHashMap<>();
        ObjectNode counts = json.createObjectNode();
        for (PipelineRow pipeline : page.pipelines()) {
            counts.put(pipeline.name(), pipeline.items());
            for (QueueRow queue : pipeline.queues()) {
                String after = "";
                for (ItemRow item : queue.items()) {
                    current.put(item.anchor(), new Placed(pipeline.name() + "/" + queue.name(), after, render(item)));
                    after = item.anchor();
                }
            }
        }
        ObjectNode diff = json.createObjectNode();
        ArrayNode changed = diff.putArray("changed");
        ArrayNode added = diff.putArray("added");
        ArrayNode removed = diff.putArray("removed");
        for (Map.Entry<String, Placed> entry : current.entrySet()) {
            Placed now = entry.getValue();
            Placed before = previous.get(entry.getKey());
            if (before == null || !before.queue().equals(now.queue()) || !before.after().equals(now.after())) {
                if (before != null) {
                    removed.add(entry.getKey());
                }
                ObjectNode add = added.addObject();
                add.put("anchor", entry.getKey());
                add.put("queue", now.queue());
                add.put("after", now.after());
                add.put("html", now.html());
            } else if (!Objects.equals(before.html(), now.html())) {
                ObjectNode change = changed.addObject();
                change.put("anchor", entry.getKey());
                change.put("html", now.html());
            }
        }
        previous.keySet().stream().filter(anchor -> !current.containsKey(anchor)).forEach(removed::add);
        previous = current;
        if (changed.isEmpty() && added.isEmpty() && removed.isEmpty()) {
            return;
        }
        diff.put("summary", page.totalItems() + " items, " + page.totalJobs() + " jobs");
        diff.set("pipelines", counts);
        long id = sequence.incrementAndGet();
        diff.put("id", id);
        sink.tryEmitNext(new StreamEvent(id, "diff", diff.toString()));
    }

    private String render(ItemRow item) {
        Context context = new Context(Locale.ENGLISH, Map.of("item", item));
        return templates.process("fragments/item", Set.of("item"), context).strip();
    }
}
