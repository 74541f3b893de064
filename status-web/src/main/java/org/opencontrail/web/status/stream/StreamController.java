package org.opencontrail.web.status.stream;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.opencontrail.web.shared.http.WorkLimits;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * {@code GET /api/stream}: Server-Sent Events of the overview's diffs, each with its {@code id:};
 * a page resumes with {@code Last-Event-ID} (or {@code ?since=N}, the number its HTML was rendered at).
 * Every event is encoded once for all clients (see {@link SharedGzip}), so the stream is written
 * here as bytes rather than left to the framework's per-connection encoder and compressor.
 */
@Controller("/api/stream")
final class StreamController {

    private static final Duration KEEPALIVE = Duration.ofSeconds(15);
    /** Sent at once, so that the response starts now, with the reconnection delay for browsers. */
    private static final byte[] OPENING = ": stream open\nretry: 3000\n\n".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] KEEPALIVE_COMMENT = ": keepalive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final PipelineEvents events;
    private final WorkLimits limits;
    private final byte[] gzipOpening;

    StreamController(PipelineEvents events, WorkLimits limits) {
        this.events = events;
        this.limits = limits;
        byte[] opening = SharedGzip.alone(OPENING);
        gzipOpening = Arrays.copyOf(SharedGzip.HEADER, SharedGzip.HEADER.length + opening.length);
        System.arraycopy(opening, 0, gzipOpening, SharedGzip.HEADER.length, opening.length);
    }

    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    HttpResponse<Publisher<byte[]>> stream(
            @Nullable @Header("Last-Event-ID") String lastEventId,
            @Nullable @QueryValue Long since,
            @Nullable @Header(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding) {
        long last = parse(lastEventId).orElse(since == null ? events.latest() : since);
        boolean gzip = acceptsGzip(acceptEncoding);
        WorkLimits.Permit turn =
                limits.enterNow("stream"); // held while the client listens; on the event loop, so never waited for
        Flux<byte[]> body = (gzip ? gzipped(last) : plain(last)).doFinally(end -> turn.close());
        MutableHttpResponse<Publisher<byte[]>> response = HttpResponse.<Publisher<byte[]>>ok(body)
                .contentType(MediaType.TEXT_EVENT_STREAM_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .header("X-Accel-Buffering", "no"); // a proxy that buffers would hold the events back
        return gzip ? response.header(HttpHeaders.CONTENT_ENCODING, "gzip") : response;
    }

    private Flux<byte[]> plain(long last) {
        return Flux.concat(
                Flux.just(OPENING),
                Flux.merge(
                        events.since(last).map(PipelineEvents.StreamEvent::sse),
                        Flux.interval(KEEPALIVE).map(tick -> KEEPALIVE_COMMENT)));
    }

    /**
     * The events' alone forms until an epoch of the shared stream starts, its chained forms from
     * then on; keepalives are empty deflate blocks, which leave the shared history intact.
     */
    private Flux<byte[]> gzipped(long last) {
        Flux<byte[]> diffs = Flux.defer(() -> {
            boolean[] synced = {false};
            return events.since(last).map(event -> {
                SharedGzip.Encoded encoded = event.gzip();
                synced[0] = encoded.chained() != null && (synced[0] || encoded.epochStart());
                return synced[0] ? encoded.chained() : encoded.alone();
            });
        });
        return Flux.concat(
                Flux.just(gzipOpening),
                Flux.merge(diffs, Flux.interval(KEEPALIVE).map(tick -> SharedGzip.KEEPALIVE)));
    }

    /** Whether the client takes gzip: named in Accept-Encoding, and not with q=0. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.strip().split(";");
            if (parts[0].strip().equalsIgnoreCase("gzip")) {
                for (int i = 1; i < parts.length; i++) {
                    String parameter = parts[i].strip().replace(" ", "");
                    if (parameter.startsWith("q=") && parameter.substring(2).matches("0(\\.0*)?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static Optional<Long> parse(String id) {
        try {
            return id == null || id.isBlank() ? Optional.empty() : Optional.of(Long.parseLong(id.strip()));
        } catch (NumberFormatException e) {
            return Optional.of(-1L);
        }
    }
}
