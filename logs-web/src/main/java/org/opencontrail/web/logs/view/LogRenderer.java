package org.opencontrail.web.logs.view;

import org.unbescape.html.HtmlEscape;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * A text log as HTML, streamed: the page's head, then the lines in chunks as the reader asks for
 * them, then its tail, in constant memory whatever the log's size. Each line is a span with its
 * anchor ({@code id="L12"}, its number linking to it), its severity class and time; a filter keeps
 * lines at or above a severity with their original numbers; a line longer than the display limit
 * is folded.
 */
final class LogRenderer {

    /** Characters of a line shown before it is folded. */
    static final int DISPLAY_LIMIT = 10_000;
    /** Characters of a line held at all; the rest is in the raw file. */
    static final int KEEP_LIMIT = 64 * 1024;
    private static final int CHUNK = 32 * 1024;
    private static final long FLUSH_NANOS = 50_000_000L;

    /**
     * What to render.
     *
     * @param head    the page up to where the lines go
     * @param tail    the page after them
     * @param sniffed the text's encoding
     * @param filter  lowest severity shown
     * @param rawUrl  the raw file, for lines cut short
     */
    record Request(String head, String tail, TextSniffer.Sniffed sniffed, Severity filter, String rawUrl) {
    }

    private LogRenderer() {
    }

    /** The page; {@code open} gives the file's bytes from their start (the byte order mark included). */
    static Flux<byte[]> render(Callable<InputStream> open, Request request) {
        return Flux.using(() -> state(open, request), LogRenderer::chunks, state -> {
            try {
                state.reader.close();
            } catch (IOException ignored) {
                // the response is over either way
            }
        });
    }

    private static final class State {
        final LineReader reader;
        final LineClassifier classifier = new LineClassifier();
        final TraceGrouper traces = new TraceGrouper();
        final Request request;
        boolean headSent;
        boolean tailSent;
        long shown;

        State(LineReader reader, Request request) {
            this.reader = reader;
            this.request = request;
        }
    }

    private static State state(Callable<InputStream> open, Request request) throws Exception {
        InputStream in = open.call();
        long skipped = in.skip(request.sniffed().skip());
        if (skipped != request.sniffed().skip()) {
            in.close();
            throw new IOException("the file ended inside its byte order mark");
        }
        return new State(new LineReader(new InputStreamReader(in, request.sniffed().charset()), KEEP_LIMIT), request);
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
                if (ended) {
                    if (state.shown == 0) {
                        html.append(state.request.filter() == Severity.NONE ? "<span class=\"empty\">(empty file)</span>"
                                : "<span class=\"empty\">(no line at " + state.request.filter().name() + " or above)</span>");
                    }
                    html.append(state.request.tail());
                    state.tailSent = true;
                }
                sink.next(html.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                sink.error(new UncheckedIOException(e));
            }
        });
    }

    private static void append(StringBuilder html, LineReader.Line line, State state) {
        String plain = AnsiHtml.plain(line.text());
        LineClassifier.Classified classified = state.classifier.classify(plain);
        if (classified.severity().ordinal() < state.request.filter().ordinal()) {
            return;
        }
        state.shown++;
        long n = line.number();
        // Grouped among the lines shown: a filtered page folds what it shows of a trace.
        TraceGrouper.Membership trace = state.traces.next(plain, classified.severity());
        html.append("<span class=\"line ").append(classified.severity().css());
        if (trace.group() > 0) {
            html.append(trace.start() ? " trace-start" : " in-trace");
        }
        html.append("\" id=\"L").append(n).append('"');
        if (trace.group() > 0) {
            html.append(" data-trace=\"").append(trace.group()).append('"');
        }
        if (!classified.time().isEmpty()) {
            html.append(" data-time=\"").append(HtmlEscape.escapeHtml5Xml(classified.time())).append('"');
        }
        html.append("><a class=\"ln\" href=\"#L").append(n).append("\">").append(n).append("</a>");
        String text = line.text();
        if (text.length() > DISPLAY_LIMIT) {
            html.append(AnsiHtml.html(text.substring(0, DISPLAY_LIMIT)))
                    .append("<details class=\"fold\"><summary>")
                    .append(String.format(java.util.Locale.ROOT, "%,d more characters", text.length() - DISPLAY_LIMIT + line.dropped()))
                    .append("</summary>").append(AnsiHtml.html(text.substring(DISPLAY_LIMIT)));
            if (line.cut()) {
                html.append(" <a class=\"cut\" href=\"").append(HtmlEscape.escapeHtml5Xml(state.request.rawUrl()))
                        .append("\">the rest of this line is in the raw file</a>");
            }
            html.append("</details>");
        } else {
            html.append(AnsiHtml.html(text));
        }
        html.append("\n</span>");
    }
}
