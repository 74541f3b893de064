package org.opencontrail.web.status.infra;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencontrail.web.shared.zuul.status.QueueItem;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot;
import org.opencontrail.web.shared.zuul.status.ZuulStatusListener;
import org.opencontrail.web.status.urls.StatusUrls;

/**
 * Finds queues that stopped moving: jobs wait in them and, for a while, no job started or finished.
 * That is how "the workers stopped taking jobs" looks from outside, while Zuul itself says nothing.
 */
@Singleton
public final class StalledQueues implements ZuulStatusListener {

    /**
     * A queue that stopped moving.
     *
     * @param pipeline pipeline
     * @param queue    change queue
     * @param waiting  jobs waiting in it
     * @param since    when it last moved (a job started or finished, an item came or went)
     */
    public record Stall(String pipeline, String queue, int waiting, Instant since) {

        /** The pipelines page showing the stalled queue. */
        public String pipelinesUrl() {
            return StatusUrls.pipelinesOfQueue(pipeline, queue);
        }

        public Duration stalledFor(Instant now) {
            return Duration.between(since, now);
        }
    }

    /** What moved last in a queue, when, and how many jobs wait in it. */
    private record Progress(String pipeline, String queue, Set<String> marks, Instant at, int waiting) {}

    private final Clock clock;
    private final InfraSettings config;
    private final Map<String, Progress> progress = new LinkedHashMap<>();

    StalledQueues(InfraSettings config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public synchronized void onEvent(ZuulSnapshot snapshot) {
        Instant now = clock.instant();
        Set<String> seen = new HashSet<>();
        for (ZuulSnapshot.Pipeline pipeline : snapshot.pipelines()) {
            for (ZuulSnapshot.ChangeQueue queue : pipeline.queues()) {
                String key = pipeline.name() + "\u0000" + queue.name();
                seen.add(key);
                Set<String> marks = new HashSet<>();
                int waiting = 0;
                for (List<QueueItem> line : queue.heads()) {
                    for (QueueItem item : line) {
                        marks.add(item.id());
                        for (QueueItem.Job job : item.jobs()) {
                            if (job.finished()) {
                                marks.add(item.id() + "/" + job.name() + "/done/" + job.uuid());
                            } else if (job.started()) {
                                marks.add(item.id() + "/" + job.name() + "/run/" + job.uuid());
                            } else if (item.active()) {
                                waiting++;
                            }
                        }
                    }
                }
                Progress last = progress.get(key);
                Instant movedAt = last == null || !last.marks().equals(marks) ? now : last.at();
                progress.put(key, new Progress(pipeline.name(), queue.name(), marks, movedAt, waiting));
            }
        }
        progress.keySet().retainAll(seen);
    }

    /**
     * The queues stalled now. Worked out when asked, not when a status arrives: a Zuul that answers
     * "not modified" sends no new status, and that is exactly when a queue may be stuck.
     */
    public synchronized List<Stall> stalled() {
        Instant now = clock.instant();
        List<Stall> found = new ArrayList<>();
        for (Progress p : progress.values()) {
            if (p.waiting() > 0 && Duration.between(p.at(), now).compareTo(config.stallAfter()) >= 0) {
                found.add(new Stall(p.pipeline(), p.queue(), p.waiting(), p.at()));
            }
        }
        return List.copyOf(found);
    }
}
