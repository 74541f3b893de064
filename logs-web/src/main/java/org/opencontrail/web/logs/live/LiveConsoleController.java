package org.opencontrail.web.logs.live;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opencontrail.web.branding.BrandDialect;
import org.opencontrail.web.branding.Pages;
import org.opencontrail.web.logs.urls.LogsUrls;
import org.opencontrail.web.shared.http.WorkLimits;
import org.opencontrail.web.shared.text.Excerpts;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /stream/{uuid}}: a running build's console as it is written, each line as on its stored
 * log; {@code /stream/{uuid}/events} its Server-Sent Events, resumed from {@code Last-Event-ID} (or
 * {@code ?after=N}, the last line the page was rendered with). A build already stored leads to its
 * stored console.
 */
@Controller("/stream")
final class LiveConsoleController {

    private static final Pattern UUID = Pattern.compile("[0-9A-Za-z_-]{1,64}");
    private static final String LINES = "<!--lines-->";
    private static final Duration KEEPALIVE = Duration.ofSeconds(15);
    /** Sent at once, so that the response starts now, with the reconnection delay for browsers. */
    private static final byte[] OPENING = ": console open\nretry: 3000\n\n".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] KEEPALIVE_COMMENT = ": keepalive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final LiveConsoles consoles;
    private final RunningBuilds running;
    private final StoredConsoles stored;
    private final WorkLimits limits;
    private final Pages views;

    LiveConsoleController(
            LiveConsoles consoles, RunningBuilds running, StoredConsoles stored, WorkLimits limits, Pages views) {
        this.consoles = consoles;
        this.running = running;
        this.stored = stored;
        this.limits = limits;
        this.views = views;
    }

    @Get(uri = "/{uuid}", produces = MediaType.TEXT_HTML)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> page(String uuid, HttpRequest<?> request) {
        Optional<String> storedUrl = known(uuid);
        if (storedUrl.isPresent()) {
            return HttpResponse.seeOther(URI.create(storedUrl.get()));
        }
        Optional<RunningBuild> build = running.get(uuid);
        Optional<LiveConsole> console = consoles.existing(uuid);
        LiveConsole.Snapshot snapshot = console.map(LiveConsole::snapshot)
                .orElseGet(() -> new LiveConsole.Snapshot(
                        "",
                        0,
                        0,
                        build.map(b -> b.started() ? LiveConsole.Phase.CONNECTING : LiveConsole.Phase.WAITING)
                                .orElse(LiveConsole.Phase.ENDED),
                        ""));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put(
                "live",
                new LivePage(
                        "Live console of " + build.map(RunningBuild::job).orElse("build " + uuid),
                        build.map(RunningBuild::project).orElse(""),
                        build.flatMap(RunningBuild::change).orElse(""),
                        build.map(RunningBuild::pipeline).orElse(""),
                        uuid,
                        build.flatMap(consoles::source)
                                .map(uri -> Excerpts.withoutCredentials(uri.toString()))
                                .orElse(""),
                        snapshot.phase().name().toLowerCase(java.util.Locale.ROOT),
                        snapshot.phase().words(),
                        snapshot.why().isEmpty() ? "" : ": " + snapshot.why(),
                        snapshot.last(),
                        snapshot.dropped() == 0
                                ? ""
                                : "Lines 1 to " + snapshot.dropped()
                                        + " are no longer held here: the stored log will have them.",
                        LogsUrls.streamEvents(uuid),
                        LogsUrls.build(uuid)));
        model.put(
                BrandDialect.PAGE_DESCRIPTION,
                build.map(b -> "The live console of " + b.job() + " on " + b.project() + ".")
                        .orElse("The live console of build " + uuid + "."));
        String page = views.render("live", model, request);
        int split = page.indexOf(LINES);
        String html = page.substring(0, split) + snapshot.html() + page.substring(split + LINES.length());
        return HttpResponse.ok(html).contentType(Pages.HTML).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Get(uri = "/{uuid}/events", produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<Publisher<byte[]>> events(
            String uuid, @Nullable @Header("Last-Event-ID") String lastEventId, @Nullable @QueryValue String after) {
        Optional<String> storedUrl = known(uuid);
        long from = number(lastEventId).or(() -> number(after)).orElse(0L);
        WorkLimits.Permit turn = limits.enterNow("console"); // held while the viewer listens
        Flux<byte[]> body;
        try {
            byte[] done = new byte[0]; // the console's events are over: so are the keepalives
            body = Flux.concat(
                            Flux.just(OPENING),
                            Flux.merge(
                                            consoles.follow(uuid, from, storedUrl)
                                                    .concatWith(Mono.just(done)),
                                            Flux.interval(KEEPALIVE).map(tick -> KEEPALIVE_COMMENT))
                                    .takeWhile(event -> event != done))
                    .doFinally(end -> turn.close());
        } catch (RuntimeException e) {
            turn.close();
            throw e;
        }
        return HttpResponse.<Publisher<byte[]>>ok(body)
                .contentType(MediaType.TEXT_EVENT_STREAM_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("X-Accel-Buffering", "no"); // a proxy that buffers would hold the lines back
    }

    /**
     * A build this site can say something of: running or queued, followed, recently ended, or
     * stored; the stored console of one neither running nor followed, asked once.
     */
    private Optional<String> known(String uuid) {
        if (UUID.matcher(uuid).matches()) {
            if (running.get(uuid).isPresent() || consoles.existing(uuid).isPresent()) {
                return Optional.empty();
            }
            Optional<String> storedUrl = stored.url(uuid);
            if (storedUrl.isPresent() || running.gone(uuid)) {
                return storedUrl;
            }
        }
        throw new HttpStatusException(
                HttpStatus.NOT_FOUND, "No build " + Excerpts.of(uuid) + " is running or kept here");
    }

    private static Optional<Long> number(String text) {
        try {
            return text == null || text.isBlank()
                    ? Optional.empty()
                    : Optional.of(Math.max(0, Long.parseLong(text.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
