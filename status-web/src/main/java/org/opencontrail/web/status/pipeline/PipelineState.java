package org.opencontrail.web.status.pipeline;

import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.opencontrail.web.shared.zuul.ZuulResult;
import org.opencontrail.web.shared.zuul.status.QueueItem;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot;
import org.opencontrail.web.shared.zuul.status.ZuulStatusListener;

/**
 * The newest Zuul status this site has, and what past snapshots taught about each job's usual
 * duration (for an estimate of the time left when Zuul has none). Each new snapshot, once in
 * place, is announced as a {@link Changed} application event.
 */
@Singleton
public final class PipelineState implements ZuulStatusListener {

    /**
     * A snapshot and when it arrived.
     *
     * @param snapshot   the status
     * @param receivedAt when it arrived
     */
    public record Current(ZuulSnapshot snapshot, Instant receivedAt) {}

    /**
     * A new snapshot is in place.
     *
     * @param current the snapshot and when it arrived
     */
    public record Changed(Current current) {}

    private final Clock clock;
    private final ApplicationEventPublisher<Changed> changes;
    private final AtomicReference<Current> current = new AtomicReference<>();
    private final Map<String, Duration> typicalDurations = new ConcurrentHashMap<>();

    PipelineState(Clock clock, ApplicationEventPublisher<Changed> changes) {
        this.clock = clock;
        this.changes = changes;
    }

    @Override
    public void onEvent(ZuulSnapshot snapshot) {
        learn(snapshot);
        Current now = new Current(snapshot, clock.instant());
        current.set(now);
        changes.publishEvent(new Changed(now));
    }

    public Optional<Current> current() {
        return Optional.ofNullable(current.get());
    }

    /** The usual duration of a job: Zuul's own estimate, else what finished runs took (moving average). */
    public Optional<Duration> typical(QueueItem.Job job) {
        return job.estimated().filter(d -> !d.isZero()).or(() -> Optional.ofNullable(typicalDurations.get(job.name())));
    }

    private void learn(ZuulSnapshot snapshot) {
        snapshot.pipelines().stream()
                .flatMap(p -> p.queues().stream())
                .flatMap(q -> q.heads().stream())
                .flatMap(List::stream)
                .flatMap(item -> item.jobs().stream())
                .filter(job -> job.result().map(ZuulResult::passed).orElse(false)
                        && job.elapsed().isPresent())
                .forEach(job -> typicalDurations.merge(
                        job.name(),
                        job.elapsed().get(),
                        (old, seen) -> old.multipliedBy(4).plus(seen).dividedBy(5)));
    }
}
