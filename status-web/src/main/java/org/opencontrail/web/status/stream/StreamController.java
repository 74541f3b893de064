package org.opencontrail.web.status.stream;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code GET /api/stream}: Server-Sent Events of the overview's diffs, each with its {@code id:};
 * a page resumes with {@code Last-Event-ID} (or {@code ?since=N}, the number its HTML was rendered at).
 */
@Controller("/api/stream")
final class StreamController {

    private static final Duration KEEPALIVE = Duration.ofSeconds(15);
    private static final Duration RETRY = Duration.ofSeconds(3);

    private final PipelineEvents events;

    StreamController(PipelineEvents events) {
        this.events = events;
    }

    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<String>> stream(@Nullable @Header("Last-Event-ID") String lastEventId, @Nullable @QueryValue Long since) {
        long last = parse(lastEventId).orElse(since == null ? events.latest() : since);
        Flux<Event<String>> diffs = events.since(last)
                .map(event -> Event.of(event.json()).id(String.valueOf(event.id())).name(event.name()));
        Flux<Event<String>> keepalive = Flux.interval(KEEPALIVE).map(tick -> Event.of("").comment("keepalive"));
        // Sent at once, so that the response starts now, with the reconnection delay for browsers.
        Event<String> opening = Event.of("").comment("stream open").retry(RETRY);
        return Flux.concat(Flux.just(opening), Flux.merge(diffs, keepalive));
    }

    private static Optional<Long> parse(String id) {
        try {
            return id == null || id.isBlank() ? Optional.empty() : Optional.of(Long.parseLong(id.strip()));
        } catch (NumberFormatException e) {
            return Optional.of(-1L);
        }
    }
}
