package org.opencontrail.web.logs.live;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.opencontrail.web.shared.zuul.status.QueueItem;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot;
import org.opencontrail.web.shared.zuul.status.ZuulStatusListener;

/**
 * The builds Zuul's status shows as queued or running, by uuid, from each new snapshot (of the
 * projects this site shows: the status reaches it through the visibility filter). A build that
 * leaves the status is remembered as gone for an hour, so that its console page can wait for its
 * stored log rather than say it never existed.
 */
@Singleton
public final class RunningBuilds implements ZuulStatusListener {

    private static final Duration GONE_KEPT = Duration.ofHours(1);

    private final Clock clock;
    private volatile Map<String, RunningBuild> running = Map.of();
    private final Map<String, Instant> gone = new ConcurrentHashMap<>();
    private final List<Consumer<Map<String, RunningBuild>>> watchers = new CopyOnWriteArrayList<>();

    RunningBuilds(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onEvent(ZuulSnapshot snapshot) {
        Map<String, RunningBuild> now = new HashMap<>();
        for (ZuulSnapshot.Pipeline pipeline : snapshot.pipelines()) {
            for (ZuulSnapshot.ChangeQueue queue : pipeline.queues()) {
                for (List<QueueItem> head : queue.heads()) {
                    for (QueueItem item : head) {
                        for (QueueItem.Job job : item.jobs()) {
                            if (job.uuid() != null && !job.uuid().isBlank() && !job.finished()) {
                                now.put(job.uuid(), of(pipeline.name(), item, job));
                            }
                        }
                    }
                }
            }
        }
        Instant at = clock.instant();
        running.keySet().stream().filter(uuid -> !now.containsKey(uuid)).forEach(uuid -> gone.put(uuid, at));
        now.keySet().forEach(gone::remove);
        gone.values().removeIf(when -> when.isBefore(at.minus(GONE_KEPT)));
        running = Map.copyOf(now);
        watchers.forEach(watcher -> watcher.accept(running));
    }

    private static RunningBuild of(String pipeline, QueueItem item, QueueItem.Job job) {
        Optional<QueueItem.ItemRef> ref = item.ref();
        return new RunningBuild(
                job.uuid(),
                job.name(),
                ref.map(QueueItem.ItemRef::project).orElse(""),
                pipeline,
                ref.flatMap(QueueItem.ItemRef::change)
                        .map(change -> change + ","
                                + ref.flatMap(QueueItem.ItemRef::patchSet)
                                        .map(String::valueOf)
                                        .orElse("")),
                job.url() == null ? "" : job.url(),
                job.started(),
                job.startTime());
    }

    /** The build, while Zuul shows it queued or running. */
    public Optional<RunningBuild> get(String uuid) {
        return Optional.ofNullable(running.get(uuid));
    }

    /** Whether Zuul showed the build within the last hour and no longer does. */
    public boolean gone(String uuid) {
        return gone.containsKey(uuid);
    }

    /** Told every new set of running builds. */
    void watch(Consumer<Map<String, RunningBuild>> watcher) {
        watchers.add(watcher);
    }
}
