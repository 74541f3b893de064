package org.opencontrail.web.status.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.opencontrail.web.branding.Pages;
import org.opencontrail.web.status.pipeline.Filters;
import org.opencontrail.web.status.pipeline.ItemRow;
import org.opencontrail.web.status.pipeline.JobRow;
import org.opencontrail.web.status.pipeline.PipelineRow;
import org.opencontrail.web.status.pipeline.PipelineState;
import org.opencontrail.web.status.pipeline.PipelinesPage;
import org.opencontrail.web.status.pipeline.PipelinesPageBuilder;
import org.opencontrail.web.status.pipeline.QueueRow;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Turns each new Zuul status into a small diff of the overview, numbered, kept for replay, and
 * pushed to every open page: items added (with their HTML), moved (place only), removed, and of
 * the items that changed only the parts that did (an item's summary line and class, one job and
 * its segment of the item's bar); a whole item only when its list of jobs changed. What only the
 * passing of time changes (elapsed times, progress, time left) is never sent: the page's own clock
 * moves it. A page that reconnects with the last number it saw gets what it missed, or a reset
 * when that is no longer kept.
 */
@Singleton
public final class PipelineEvents {

    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\n\\s*");

    /** How many diffs are kept for reconnecting pages. */
    static final int KEPT = 512;

    /**
     * One event of the stream, encoded once for every client: as Server-Sent Events text and gzipped.
     *
     * @param id   its number
     * @param name "diff" or "reset"
     * @param json its data
     * @param sse  the event as the stream's text
     * @param gzip the text compressed; no chained form for a reset
     */
    @SuppressWarnings("ArrayRecordComponent") // written to every client as they are, never compared
    public record StreamEvent(long id, String name, String json, byte[] sse, SharedGzip.Encoded gzip) {

        static StreamEvent reset(long id) {
            byte[] sse = text(id, "reset", "{}");
            return new StreamEvent(id, "reset", "{}", sse, new SharedGzip.Encoded(SharedGzip.alone(sse), null, false));
        }

        static byte[] text(long id, String name, String json) {
            // compact JSON has no line breaks, so the data is one line
            return ("id: " + id + "\nevent: " + name + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * One diff as the page reads it; what did not change is left out.
     *
     * @param added     items new here (with their HTML) or moved (place only)
     * @param changed   items whose list of jobs changed, whole
     * @param summaries items whose summary line changed
     * @param jobs      jobs that changed
     * @param removed   anchors of items gone
     * @param summary   the overview's counts line, when it changed
     * @param pipelines items per pipeline, when that changed (empty when every pipeline is gone)
     * @param id        the diff's number
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Diff(
            List<Placement> added,
            List<WholeItem> changed,
            List<SummaryLine> summaries,
            List<JobPart> jobs,
            List<String> removed,
            String summary,
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Integer> pipelines,
            long id) {
        boolean empty() {
            return added.isEmpty() && changed.isEmpty() && summaries.isEmpty() && jobs.isEmpty() && removed.isEmpty();
        }
    }

    /** An item placed after another ({@code after} empty: first in its queue); HTML only for a new item. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Placement(String anchor, String queue, String after, String html) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record WholeItem(String anchor, String html) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SummaryLine(String anchor, String item, String itemClass, String html) {}

    /** A job, and its segment of the item's bar (the page redraws the bar from these). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record JobPart(String anchor, String item, int index, String segment, String title, String html) {}

    /** Where an item is and what it shows, time aside. */
    private record Placed(String queue, String after, ItemRow stable) {}

    private final PipelinesPageBuilder pages;
    private final Pages templates;
    private final JsonMapper json;
    private final Sinks.Many<StreamEvent> sink = Sinks.many().replay().limit(KEPT);
    private final AtomicLong sequence = new AtomicLong();
    private final SharedGzip gzip = new SharedGzip();
    private Map<String, Placed> previous = Map.of();
    private String previousSummary = "";
    private Map<String, Integer> previousCounts = Map.of();

    private final Clock clock;

    PipelineEvents(PipelinesPageBuilder pages, Pages templates, Clock clock, JsonMapper json) {
        this.clock = clock;
        this.json = json;
        this.pages = pages;
        this.templates = templates;
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
            return gap ? Flux.concat(Flux.just(StreamEvent.reset(latest)), diffs) : diffs;
        });
    }

    @EventListener
    void onChange(PipelineState.Changed changed) {
        update();
    }

    synchronized void update() {
        PipelinesPage page = pages.build(Filters.none(), clock.instant());
        Map<String, Placed> current = new LinkedHashMap<>();
        Map<String, ItemRow> rows = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (PipelineRow pipeline : page.pipelines()) {
            counts.put(pipeline.name(), pipeline.items());
            for (QueueRow queue : pipeline.queues()) {
                String after = "";
                for (ItemRow item : queue.items()) {
                    current.put(item.anchor(), new Placed(queue.key(pipeline.name()), after, item.stable()));
                    rows.put(item.anchor(), item);
                    after = item.anchor();
                }
            }
        }
        List<Placement> added = new ArrayList<>();
        List<WholeItem> changed = new ArrayList<>();
        List<SummaryLine> summaries = new ArrayList<>();
        List<JobPart> jobs = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (Map.Entry<String, Placed> entry : current.entrySet()) {
            String anchor = entry.getKey();
            Placed now = entry.getValue();
            Placed before = previous.get(anchor);
            ItemRow row = rows.get(anchor);
            if (before == null) {
                added.add(new Placement(anchor, now.queue(), now.after(), render("item", Map.of("item", row))));
                continue;
            }
            if (!before.queue().equals(now.queue()) || !before.after().equals(now.after())) {
                added.add(new Placement(
                        anchor, now.queue(), now.after(), null)); // no html: the page moves the element it has
            }
            if (before.stable().equals(now.stable())) {
                continue;
            }
            List<JobRow> oldJobs = before.stable().jobs();
            List<JobRow> newJobs = now.stable().jobs();
            if (oldJobs.size() != newJobs.size() || !sameNames(oldJobs, newJobs)) {
                changed.add(new WholeItem(anchor, render("item", Map.of("item", row))));
                continue;
            }
            if (!summaryOf(before.stable()).equals(summaryOf(now.stable()))) {
                summaries.add(new SummaryLine(
                        anchor + "-s", anchor, itemClass(row), render("item-summary", Map.of("item", row))));
            }
            for (int i = 0; i < newJobs.size(); i++) {
                if (!oldJobs.get(i).equals(newJobs.get(i))) {
                    JobRow jobRow = row.jobs().get(i);
                    String jobAnchor = anchor + "-j" + i;
                    jobs.add(new JobPart(
                            jobAnchor,
                            anchor,
                            i,
                            jobRow.resultClass(),
                            jobRow.name() + ": " + jobRow.result(),
                            render("item-job", Map.of("job", jobRow, "anchor", jobAnchor))));
                }
            }
        }
        previous.keySet().stream()
                .filter(anchor -> !current.containsKey(anchor))
                .forEach(removed::add);
        previous = current;
        // Counts are sent when they change; a page that missed one gets a reset, not a stale count.
        String summary = page.totalItems() + " items, " + page.totalJobs() + " jobs";
        String changedSummary = summary.equals(previousSummary) ? null : summary;
        Map<String, Integer> changedCounts = counts.equals(previousCounts) ? null : counts;
        Diff diff = new Diff(added, changed, summaries, jobs, removed, changedSummary, changedCounts, 0);
        if (diff.empty()) {
            return;
        }
        previousSummary = summary;
        previousCounts = counts;
        long id = sequence.incrementAndGet();
        String text = write(new Diff(added, changed, summaries, jobs, removed, changedSummary, changedCounts, id));
        byte[] sse = StreamEvent.text(id, "diff", text);
        sink.tryEmitNext(new StreamEvent(id, "diff", text, sse, gzip.encode(sse)));
    }

    private String write(Diff diff) {
        try {
            return json.writeValueAsString(diff);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String render(String fragment, Map<String, Object> variables) {
        String html = templates.fragment("fragments/item", fragment, variables);
        // The template's indentation, sent to thousands of pages, is most of a job's bytes: one space shows the same.
        return LINE_BREAKS.matcher(html.strip()).replaceAll(" ");
    }

    private static boolean sameNames(List<JobRow> a, List<JobRow> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).name().equals(b.get(i).name())) {
                return false;
            }
        }
        return true;
    }

    /** The item element's classes, as the item fragment writes them. */
    private static String itemClass(ItemRow row) {
        return ("item " + row.classes()).strip();
    }

    /** What an item's summary line shows apart from its bar (which follows its jobs): the item without its jobs. */
    private static ItemRow summaryOf(ItemRow stable) {
        return new ItemRow(
                stable.id(),
                stable.anchor(),
                stable.change(),
                stable.changeNumber(),
                stable.changeUrl(),
                stable.project(),
                stable.branch(),
                stable.subject(),
                stable.owner(),
                stable.state(),
                stable.stateClass(),
                stable.branchOff(),
                stable.hasAhead(),
                stable.enqueuedAgo(),
                stable.enqueuedAt(),
                stable.remaining(),
                stable.estimated(),
                stable.restarted(),
                List.of(),
                stable.enqueuedAtMillis(),
                stable.etaMillis());
    }
}
