package org.opencontrail.web.logs.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.lines.TextSniffer;
import org.opencontrail.web.shared.io.LineReader;
import reactor.core.publisher.Flux;

/**
 * A text log as HTML, streamed: the page's head, then the lines in chunks as the reader asks for
 * them, then its tail, in constant memory whatever the log's size. Each line is a span with its
 * anchor ({@code id="L12"}, its number linking to it), its severity class and time; a filter keeps
 * lines at or above a severity with their original numbers; a line longer than the display limit
 * is folded.
 */
final class LogRenderer {

    /** Characters of a line held at all; the rest is in the raw file. */
    static final int KEEP_LIMIT = 64 * 1024;

    private static final int CHUNK = 32 * 1024;
    private static final long FLUSH_NANOS = 50_000_000L;
    /** HTML of a page's first lines kept for its next view. */
    private static final int HEAD_LIMIT = 256 * 1024;

    /**
     * What to render.
     *
     * @param head    the page up to where the lines go
     * @param tail    the page after them
     * @param sniffed the text's encoding
     * @param filter  lowest severity shown
     * @param rawUrl  the raw file, for lines cut short
     */
    record Request(String head, String tail, TextSniffer.Sniffed sniffed, Severity filter, String rawUrl) {}

    private LogRenderer() {}

    /**
     * The page; {@code open} gives the file's bytes from their start (the byte order mark included).
     * The first lines come from {@code heads} when this page was rendered before, and are kept there
     * when it was not.
     */
    static Flux<byte[]> render(
            Callable<InputStream> open, Request request, RenderedHeads heads, RenderedHeads.Key key) {
        return Flux.using(() -> state(open, request, heads, key), LogRenderer::chunks, state -> {
            try {
                if (state.reader != null) {
                    state.reader.close();
                }
            } catch (IOException ignored) {
                // the response is over either way
            }
        });
    }

    private static final class State {
        final Request request;
        final RenderedHeads heads;
        final RenderedHeads.Key key;
        final RenderedHeads.Head cached;
        LineReader reader;
        LineRows rows;
        java.io.ByteArrayOutputStream capture;
        boolean headSent;
        boolean cachedSent;
        boolean tailSent;
        long shown;

        State(Request request, RenderedHeads heads, RenderedHeads.Key key, RenderedHeads.Head cached) {
            this.request = request;
            this.heads = heads;
            this.key = key;
            this.cached = cached;
        }
    }

    private static State state(Callable<InputStream> open, Request request, RenderedHeads heads, RenderedHeads.Key key)
            throws Exception {
        RenderedHeads.Head cached = heads.get(key).orElse(null);
        State state = new State(request, heads, key, cached);
        if (cached != null && cached.complete()) {
            state.shown = cached.shown();
            return state; // the whole page is known: no need to read the file
        }
        InputStream in = open.call();
        long skipped = in.skip(request.sniffed().skip());
        if (skipped != request.sniffed().skip()) {
            in.close();
            throw new IOException("the file ended inside its byte order mark");
        }
        InputStreamReader text = new InputStreamReader(in, request.sniffed().charset());
        if (cached == null) {
            state.reader = new LineReader(text, KEEP_LIMIT);
            state.rows = new LineRows(request.filter(), request.rawUrl());
            state.capture = new java.io.ByteArrayOutputStream(HEAD_LIMIT + CHUNK);
        } else {
            state.reader = LineReader.resume(text, KEEP_LIMIT, cached.consumed(), cached.lines());
            state.rows = LineRows.resume(request.filter(), request.rawUrl(), cached.previous(), cached.traces());
            state.shown = cached.shown();
        }
        return state;
    }

    private static Flux<byte[]> chunks(State state) {
        return Flux.generate(sink -> {
            try {
                if (!state.headSent) {
                    state.headSent = true;
                    sink.next(state.request.head().getBytes(StandardCharsets.UTF_8));
                    return;
                }
                if (state.tailSent) {
                    sink.complete();
                    return;
                }
                if (state.cached != null && !state.cachedSent) {
                    state.cachedSent = true;
                    if (!state.cached.complete()) {
                        sink.next(state.cached.html());
                        return;
                    }
                    state.tailSent = true;
                    sink.next(concat(state.cached.html(), ending(state).getBytes(StandardCharsets.UTF_8)));
                    return;
                }
                StringBuilder html = new StringBuilder(CHUNK + 1024);
                long started = System.nanoTime();
                int read = 0;
                boolean ended = false;
                // A chunk is full at 32 KB, or after 50 ms: a filtered page shows its first lines at once.
                while (html.length() < CHUNK) {
                    if (++read % 256 == 0 && System.nanoTime() - started >= FLUSH_NANOS) {
                        break;
                    }
                    LineReader.Line line = state.reader.next();
                    if (line == null) {
                        ended = true;
                        break;
                    }
                    append(html, line, state);
                }
                byte[] lines = html.toString().getBytes(StandardCharsets.UTF_8);
                keepHead(state, lines, ended);
                if (ended) {
                    state.tailSent = true;
                    sink.next(concat(lines, ending(state).getBytes(StandardCharsets.UTF_8)));
                } else {
                    sink.next(lines);
                }
            } catch (IOException e) {
                sink.error(new UncheckedIOException(e));
            }
        });
    }

    /** Adds a chunk of lines to the head being kept; keeps it once it is long enough, or the log has ended. */
    private static void keepHead(State state, byte[] lines, boolean ended) {
        if (state.capture == null) {
            return;
        }
        state.capture.writeBytes(lines);
        if (ended || state.capture.size() >= HEAD_LIMIT) {
            state.heads.put(
                    state.key,
                    new RenderedHeads.Head(
                            state.capture.toByteArray(),
                            ended,
                            state.reader.consumed(),
                            state.reader.number(),
                            state.shown,
                            state.rows.previous(),
                            state.rows.traces()));
            state.capture = null;
        }
    }

    private static String ending(State state) {
        String empty = state.shown > 0
                ? ""
                : state.request.filter() == Severity.NONE
                        ? "<span class=\"empty\">(empty file)</span>"
                        : "<span class=\"empty\">(no line at "
                                + state.request.filter().name() + " or above)</span>";
        return empty + state.request.tail();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static void append(StringBuilder html, LineReader.Line line, State state) {
        if (state.rows.append(html, line)) {
            state.shown++;
        }
    }
}
