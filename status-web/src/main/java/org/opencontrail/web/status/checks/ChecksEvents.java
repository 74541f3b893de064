package org.opencontrail.web.status.checks;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResult;
import org.opencontrail.web.shared.zuul.mqtt.ZuulResultListener;
import org.opencontrail.web.status.pipeline.PipelineState;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Tells the Checks plugin of a change when the change moves: a job starts or ends, a patch set
 * enters or leaves a pipeline, Zuul reports. Only the changes someone follows are looked at, after
 * each new status of Zuul and each report; the passing of time alone sends nothing.
 */
@Singleton
final class ChecksEvents implements ZuulResultListener {

    /** A report is looked at once the change's runs hold it (another listener of the same report). */
    private static final Duration AFTER_REPORT = Duration.ofMillis(200);

    private static final byte[] UPDATE = "event: update\ndata: moved\n\n".getBytes(StandardCharsets.US_ASCII);

    private final CheckRuns runs;
    private final TaskScheduler scheduler;
    private final Map<Integer, Followed> followed = new ConcurrentHashMap<>();

    private static final class Followed {
        final Sinks.Many<byte[]> sink = Sinks.many().multicast().directBestEffort();
        final AtomicInteger viewers = new AtomicInteger();
        volatile String digest;

        Followed(String digest) {
            this.digest = digest;
        }
    }

    ChecksEvents(CheckRuns runs, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.runs = runs;
        this.scheduler = scheduler;
    }

    /** The change's updates, as Server-Sent Events, for as long as the subscriber stays. */
    Flux<byte[]> follow(int change) {
        return Flux.defer(() -> {
            Followed one = followed.compute(change, (n, known) -> {
                Followed f = known == null ? new Followed(runs.digest(n)) : known;
                f.viewers.incrementAndGet();
                return f;
            });
            return one.sink
                    .asFlux()
                    .doFinally(end ->
                            followed.computeIfPresent(change, (n, f) -> f.viewers.decrementAndGet() == 0 ? null : f));
        });
    }

    @EventListener
    void onSnapshot(PipelineState.Changed changed) {
        followed.keySet().forEach(this::look);
    }

    @Override
    public void onEvent(BuildsetResult result) {
        result.change().filter(followed::containsKey).ifPresent(change -> {
            var unused = scheduler.schedule(AFTER_REPORT, () -> look(change));
        });
    }

    private void look(int change) {
        Followed one = followed.get(change);
        if (one == null) {
            return;
        }
        String now = runs.digest(change);
        synchronized (one) { // a sink takes one emitter at a time
            if (!now.equals(one.digest)) {
                one.digest = now;
                one.sink.tryEmitNext(UPDATE);
            }
        }
    }
}
