package org.opencontrail.web.git.ci;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.shared.collect.Bounded;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.event.RefUpdate;
import org.opencontrail.web.shared.gerrit.stream.GerritEventListener;
import org.opencontrail.web.shared.text.Durations;

/**
 * Branches moved past review, as the stream tells it: a {@code ref-updated} of a branch whose new
 * commit no {@code change-merged} names (in either order, within a grace period) was a push
 * straight to the branch. Branch creations and deletions are not counted. Known from the events
 * seen since start (the stream's backfill replays those missed while away).
 */
@Singleton
public final class DirectPushes implements GerritEventListener {

    /** Pushes kept per project, newest first. */
    static final int KEPT = 50;

    private static final int MERGED_REMEMBERED = 10_000;

    /**
     * A branch moved past review.
     *
     * @param project the project
     * @param branch  the branch
     * @param oldRev  where it was
     * @param newRev  where it went
     * @param who     who pushed
     * @param at      when
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Push(String project, String branch, String oldRev, String newRev, String who, Instant at) {}

    /**
     * A push as a line of a page.
     *
     * @param push       the push
     * @param age        how long ago, in words
     * @param commitUrl  the commit it put on the branch
     * @param compareUrl what it put there: the commits and the diff from where the branch was
     */
    public record Shown(Push push, String age, String commitUrl, String compareUrl) {
        public String shortId() {
            return push.newRev().substring(0, Math.min(10, push.newRev().length()));
        }
    }

    private final Clock clock;
    /** How long a branch move waits for the change-merged event that would explain it. */
    private final Duration grace;

    private final Map<String, Push> waiting = new ConcurrentHashMap<>();
    private final Set<String> merged =
            Collections.newSetFromMap(Collections.synchronizedMap(Bounded.firstIn(MERGED_REMEMBERED)));
    private final Map<String, Deque<Push>> pushes = new ConcurrentHashMap<>();

    @jakarta.inject.Inject
    DirectPushes(org.opencontrail.web.git.mirror.GitSettings settings, Clock clock) {
        this(clock, settings.mergeGrace());
    }

    DirectPushes(Clock clock, Duration grace) {
        this.clock = clock;
        this.grace = grace;
    }

    @Override
    public void onEvent(GerritEvent event) {
        if (event instanceof GerritEvent.ChangeMerged change && !change.newRev().isEmpty()) {
            merged.add(change.newRev());
            waiting.remove(change.newRev());
        } else if (event instanceof GerritEvent.RefUpdated updated) {
            RefUpdate ref = updated.refUpdate();
            String name = ref.refName();
            boolean branch = name.startsWith("refs/heads/") || !name.startsWith("refs/");
            if (branch && !ref.created() && !ref.deleted() && !merged.contains(ref.newRev())) {
                Instant at = updated.createdOn().equals(Instant.EPOCH) ? clock.instant() : updated.createdOn();
                waiting.put(
                        ref.newRev(),
                        new Push(
                                ref.project(),
                                name.startsWith("refs/heads/") ? name.substring(11) : name,
                                ref.oldRev(),
                                ref.newRev(),
                                updated.submitter().displayName(),
                                at));
            }
        }
    }

    /** Moves the pushes no merge explained within the grace period into their project's list. */
    private void settle() {
        Instant due = clock.instant().minus(grace);
        for (Push push : List.copyOf(waiting.values())) {
            if (!push.at().isAfter(due) && waiting.remove(push.newRev(), push)) {
                Deque<Push> list = pushes.computeIfAbsent(push.project(), p -> new ArrayDeque<>());
                synchronized (list) {
                    list.addFirst(push);
                    while (list.size() > KEPT) {
                        list.removeLast();
                    }
                }
            }
        }
    }

    /** A project's branch moves past review, newest first. */
    public List<Shown> of(String project) {
        settle();
        Deque<Push> list = pushes.get(project);
        if (list == null) {
            return List.of();
        }
        Instant now = clock.instant();
        synchronized (list) {
            return list.stream()
                    .map(p -> new Shown(
                            p,
                            Durations.age(Duration.between(p.at(), now)),
                            GitLocation.revision(p.project(), p.newRev()).toUrl(),
                            GitLocation.diff(p.project(), p.oldRev(), p.newRev())
                                    .toUrl()))
                    .toList();
        }
    }
}
