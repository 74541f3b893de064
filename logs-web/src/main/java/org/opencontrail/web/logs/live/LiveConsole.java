package org.opencontrail.web.logs.live;

import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.opencontrail.web.logs.files.LineRows;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.shared.io.LineReader;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One running build's console as its viewers get it: the upstream's text cut into lines, each
 * rendered once as the stored log's row (numbered, levelled, linkable, ANSI colours), kept in
 * batches as they came (within {@code keptBytes}, the oldest let go first), and each batch encoded
 * once as a Server-Sent Event for every viewer. A viewer follows from the last line it has: new
 * batches wake it, and it reads what it lacks from what is kept, so a slow viewer catches up
 * without holding anyone back and a reconnecting one continues from its {@code Last-Event-ID}.
 */
final class LiveConsole {

    /** Where the console stands, as its page says it. */
    enum Phase {
        WAITING("waiting for the build to start"),
        CONNECTING("connecting to its console"),
        STREAMING("live"),
        RECONNECTING("the console's stream broke: connecting again"),
        ENDED("the build has ended");

        private final String words;

        Phase(String words) {
            this.words = words;
        }

        String words() {
            return words;
        }
    }

    /** Characters of a line held: as much as a stored log's page holds. */
    static final int LINE_KEEP = 64 * 1024;

    @Serdeable
    record LinesEvent(long first, long last, String html) {}

    @Serdeable
    record StateEvent(String phase, String words, String why) {}

    @Serdeable
    record GapEvent(long through) {}

    @Serdeable
    record EndEvent(long last, String stored) {}

    @Serdeable
    record StoredEvent(String url) {}

    /** Lines that came together, and their event. */
    @SuppressWarnings("ArrayRecordComponent") // written to every viewer as they are, never compared
    private record Batch(long first, long last, List<String> rows, String html, byte[] sse) {
        long weight() {
            return html.length() * 2L + sse.length + 64L;
        }
    }

    /**
     * What a page shows when it is first rendered.
     *
     * @param html    the kept lines' rows
     * @param last    the number of the last of them
     * @param dropped lines before this number are no longer kept
     * @param phase   where the console stands
     * @param why     why it is reconnecting, when it is
     */
    record Snapshot(String html, long last, long dropped, Phase phase, String why) {}

    /** Marks the end of a viewer's events: it has been sent to the stored log. Never written. */
    private static final byte[] FINISHED = new byte[0];

    /** One viewer's place in the console. */
    private static final class Viewer {
        long cursor;
        Phase phaseSent;
        boolean endSent;
        boolean storedSent;

        Viewer(long cursor) {
            this.cursor = cursor;
        }
    }

    private final String uuid;
    private final long keptBytes;
    private final JsonMapper json;
    private final LineAssembler assembler = new LineAssembler(LINE_KEEP);
    private final LineRows rows = new LineRows(Severity.NONE, "");
    private final List<Batch> batches = new ArrayList<>();
    private final Sinks.Many<Long> ticks = Sinks.many().multicast().directBestEffort();
    private long kept;
    private long droppedThrough;
    private Phase phase = Phase.WAITING;
    private String why = "";
    private String stored = "";
    private int viewers;
    private ConsoleUpstream upstream;

    LiveConsole(String uuid, long keptBytes, JsonMapper json) {
        this.uuid = uuid;
        this.keptBytes = keptBytes;
        this.json = json;
    }

    String uuid() {
        return uuid;
    }

    synchronized void text(String piece) {
        if (phase == Phase.ENDED) {
            return;
        }
        List<LineReader.Line> lines = assembler.add(piece);
        if (phase != Phase.STREAMING) {
            phase = Phase.STREAMING;
            why = "";
        }
        add(lines);
        tick();
    }

    /** The upstream says the log is complete: the last line, even without its line break, is in. */
    synchronized void ended() {
        if (phase == Phase.ENDED) {
            return;
        }
        add(assembler.finish());
        phase = Phase.ENDED;
        why = "";
        tick();
    }

    synchronized void phase(Phase next, String reason) {
        if (phase == Phase.ENDED || (phase == next && why.equals(reason))) {
            return;
        }
        phase = next;
        why = reason;
        tick();
    }

    /** The build's log is stored: its viewers go there. */
    synchronized void stored(String url) {
        if (stored.equals(url)) {
            return;
        }
        stored = url;
        tick();
    }

    synchronized Phase phase() {
        return phase;
    }

    synchronized int viewers() {
        return viewers;
    }

    /** Counts a viewer in; the number of viewers now. */
    synchronized int joined() {
        return ++viewers;
    }

    /** Counts a viewer out; the number of viewers left. */
    synchronized int left() {
        return --viewers;
    }

    synchronized ConsoleUpstream upstream() {
        return upstream;
    }

    synchronized void upstream(ConsoleUpstream next) {
        upstream = next;
    }

    synchronized Snapshot snapshot() {
        StringBuilder html = new StringBuilder();
        batches.forEach(batch -> html.append(batch.html()));
        long last = batches.isEmpty()
                ? droppedThrough
                : batches.get(batches.size() - 1).last();
        return new Snapshot(html.toString(), last, droppedThrough, phase, why);
    }

    /**
     * The events of a viewer that has every line up to {@code after}: what it lacks, then what
     * comes, until it has been sent to the stored log.
     */
    Flux<byte[]> follow(long after) {
        return Flux.defer(() -> {
            Viewer viewer = new Viewer(Math.max(0, after));
            // Subscribed to the ticks before the first read, so that no batch falls between them.
            return Flux.merge(ticks.asFlux(), Mono.just(0L))
                    .onBackpressureLatest()
                    .concatMap(tick -> Flux.fromIterable(pending(viewer)), 1)
                    .takeWhile(event -> event != FINISHED);
        });
    }

    private synchronized List<byte[]> pending(Viewer viewer) {
        List<byte[]> events = new ArrayList<>();
        if (viewer.storedSent) {
            return List.of(FINISHED);
        }
        if (phase != Phase.ENDED && phase != viewer.phaseSent) {
            viewer.phaseSent = phase;
            events.add(sse(
                    -1, "state", new StateEvent(phase.name().toLowerCase(java.util.Locale.ROOT), phase.words(), why)));
        }
        if (viewer.cursor < droppedThrough) {
            viewer.cursor = droppedThrough;
            events.add(sse(droppedThrough, "gap", new GapEvent(droppedThrough)));
        }
        for (int i = firstAfter(viewer.cursor); i < batches.size(); i++) {
            Batch batch = batches.get(i);
            events.add(batch.first() > viewer.cursor ? batch.sse() : rest(batch, viewer.cursor));
            viewer.cursor = batch.last();
        }
        if (phase == Phase.ENDED && !viewer.endSent) {
            viewer.endSent = true;
            viewer.storedSent = !stored.isEmpty();
            events.add(sse(viewer.cursor, "end", new EndEvent(assembler.lines(), stored)));
        } else if (viewer.endSent && !stored.isEmpty()) {
            viewer.storedSent = true;
            events.add(sse(viewer.cursor, "stored", new StoredEvent(stored)));
        }
        if (viewer.storedSent) {
            events.add(FINISHED);
        }
        return events;
    }

    /** The index of the first batch with a line after {@code line}. */
    private int firstAfter(long line) {
        int low = 0;
        int high = batches.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (batches.get(middle).last() <= line) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The lines of a batch after {@code line}, for a viewer that had its start. */
    private byte[] rest(Batch batch, long line) {
        int skip = (int) (line - batch.first() + 1);
        String html = String.join(
                "",
                batch.rows()
                        .subList(
                                Math.min(skip, batch.rows().size()),
                                batch.rows().size()));
        return sse(batch.last(), "lines", new LinesEvent(line + 1, batch.last(), html));
    }

    private void add(List<LineReader.Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder html = new StringBuilder();
        List<String> batchRows = new ArrayList<>(lines.size());
        for (LineReader.Line line : lines) {
            int start = html.length();
            rows.append(html, line);
            batchRows.add(html.substring(start));
        }
        long first = lines.get(0).number();
        long last = lines.get(lines.size() - 1).number();
        String joined = html.toString();
        Batch batch =
                new Batch(first, last, batchRows, joined, sse(last, "lines", new LinesEvent(first, last, joined)));
        batches.add(batch);
        kept += batch.weight();
        int drop = 0;
        while (kept > keptBytes && drop < batches.size() - 1) {
            kept -= batches.get(drop).weight();
            droppedThrough = batches.get(drop).last();
            drop++;
        }
        if (drop > 0) {
            batches.subList(0, drop).clear();
        }
    }

    private void tick() {
        ticks.tryEmitNext(assembler.lines());
    }

    /** An event; without an id when {@code id} is negative, so that it leaves the viewer's Last-Event-ID. */
    private byte[] sse(long id, String name, Object data) {
        try {
            // compact JSON has no line breaks, so the data is one line
            return ((id < 0 ? "" : "id: " + id + "\n") + "event: " + name + "\ndata: " + json.writeValueAsString(data)
                            + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
