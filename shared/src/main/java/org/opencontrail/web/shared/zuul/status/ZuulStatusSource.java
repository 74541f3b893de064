package org.opencontrail.web.shared.zuul.status;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.opencontrail.web.shared.source.EventFanout;
import org.opencontrail.web.shared.source.EventListener;
import org.opencontrail.web.shared.source.Source;
import org.opencontrail.web.shared.source.SourceHealth;
import org.opencontrail.web.shared.source.SourceState;
import org.opencontrail.web.shared.text.Excerpts;
import org.opencontrail.web.shared.zuul.ZuulSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls Zuul's status with conditional GETs (ETag, Last-Modified): an unchanged status costs a
 * 304 and no parsing. When Zuul fails (5xx, timeout, bad JSON) the last good snapshot stays,
 * marked stale with its age; the next good answer heals it, since every answer is a whole snapshot.
 */
public final class ZuulStatusSource implements Source {

    public static final String SOURCE = "zuul-status";
    private static final Logger LOG = LoggerFactory.getLogger(ZuulStatusSource.class);

    /**
     * The newest good snapshot and how fresh it is.
     *
     * @param snapshot  the status
     * @param fetchedAt when Zuul last confirmed it (200 or 304)
     * @param stale     true when the last attempt failed
     */
    public record Current(ZuulSnapshot snapshot, Instant fetchedAt, boolean stale) {

        public Duration age(Instant now) {
            return Duration.between(fetchedAt, now);
        }
    }

    private final URI uri;
    private final Duration interval;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private final ZuulStatusParser parser = new ZuulStatusParser();
    private final SourceHealth health;
    private final EventFanout<ZuulSnapshot> fanout = new EventFanout<>(SOURCE, 16);
    private final AtomicReference<Current> current = new AtomicReference<>();
    private final ScheduledExecutorService scheduler;
    private volatile String etag;
    private volatile String lastModified;

    public ZuulStatusSource(ZuulSettings config, Clock clock) {
        this.uri = config.statusUri();
        this.interval = config.pollInterval();
        this.timeout = config.timeout();
        this.clock = clock;
        this.health = new SourceHealth(SOURCE, clock);
        this.health.backlog(fanout::backlog);
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, SOURCE + "-poller");
            t.setDaemon(true);
            return t;
        });
    }

    public void subscribe(EventListener<ZuulSnapshot> listener) {
        fanout.subscribe(listener);
    }

    public SourceHealth health() {
        return health;
    }

    public URI uri() {
        return uri;
    }

    /** The newest good snapshot, empty until Zuul first answered well. */
    public Optional<Current> current() {
        return Optional.ofNullable(current.get());
    }

    @Override
    public void start() {
        health.state(SourceState.CONNECTING);
        var unused = scheduler.scheduleWithFixedDelay(this::pollSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** One request: visible for tests that drive the poller step by step. */
    void poll() throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            failed("no answer within " + timeout.toSeconds() + " s");
            return;
        } catch (IOException e) {
            failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return;
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 304 && current.get() != null) {
                Current still = current.get();
                current.set(new Current(still.snapshot(), clock.instant(), false));
                health.activity();
                health.state(SourceState.CONNECTED);
                return;
            }
            if (status != 200) {
                failed("Zuul answered HTTP " + status);
                return;
            }
            ZuulSnapshot snapshot = parser.parse(body);
            etag = response.headers().firstValue("ETag").orElse(null);
            lastModified = response.headers().firstValue("Last-Modified").orElse(null);
            Current previous = current.getAndSet(new Current(snapshot, clock.instant(), false));
            health.event();
            health.state(SourceState.CONNECTED);
            if (previous == null || !previous.snapshot().equals(snapshot)) {
                fanout.publish(snapshot);
            }
        } catch (IOException e) {
            health.malformed();
            failed("unreadable status: " + Excerpts.of(String.valueOf(e.getMessage())));
        }
    }

    private void failed(String why) {
        health.error(why);
        Current last = current.get();
        if (last != null && !last.stale()) {
            current.set(new Current(last.snapshot(), last.fetchedAt(), true));
        }
        health.state(SourceState.STALE);
        LOG.warn(
                "Zuul status from {}: {}; keeping the last good snapshot{}",
                uri,
                why,
                last == null
                        ? " (none yet)"
                        : " of " + last.age(clock.instant()).toSeconds() + " s ago");
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        fanout.close();
        health.state(SourceState.STOPPED);
    }
}
