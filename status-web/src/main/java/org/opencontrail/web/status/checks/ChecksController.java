package org.opencontrail.web.status.checks;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.opencontrail.web.shared.http.WorkLimits;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Gerrit's Checks tab, fed by this site: {@code GET /api/checks/{change}/{patchset}} answers the
 * Checks API's {@code FetchResponse} for a patch set; {@code GET /api/checks/{change}/events} tells
 * the plugin when the change moves (Server-Sent Events, {@code event: update}), so it asks again
 * at once instead of every minute. Both are public and read from Gerrit's pages: any origin, no
 * credentials ({@link ChecksCors}).
 */
@Controller("/api/checks")
final class ChecksController {

    private static final Duration KEEPALIVE = Duration.ofSeconds(15);
    private static final byte[] OPENING = ": checks of one change\nretry: 3000\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEPALIVE_COMMENT = ": keepalive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final CheckRuns runs;
    private final ChecksEvents events;
    private final WorkLimits limits;

    ChecksController(CheckRuns runs, ChecksEvents events, WorkLimits limits) {
        this.runs = runs;
        this.events = events;
        this.limits = limits;
    }

    @Get(uri = "/{change}/{patchset}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<ChecksAnswer> answer(String change, String patchset) {
        return HttpResponse.ok(runs.answer(number(change, "change"), number(patchset, "patch set")))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Get(uri = "/{change}/events", produces = MediaType.TEXT_EVENT_STREAM)
    HttpResponse<Publisher<byte[]>> events(String change) {
        int number = number(change, "change");
        WorkLimits.Permit turn = limits.enterNow("stream"); // held while the plugin listens
        Flux<byte[]> body = Flux.concat(
                        Flux.just(OPENING),
                        Flux.merge(
                                events.follow(number), Flux.interval(KEEPALIVE).map(tick -> KEEPALIVE_COMMENT)))
                .doFinally(end -> turn.close());
        return HttpResponse.<Publisher<byte[]>>ok(body)
                .contentType(MediaType.TEXT_EVENT_STREAM_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("X-Accel-Buffering", "no");
    }

    private static int number(String text, String what) {
        try {
            int number = Integer.parseInt(text);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new HttpStatusException(HttpStatus.BAD_REQUEST, "Not a " + what + " number: " + text);
    }
}
