package org.opencontrail.web.git.ci;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.stream.GerritEventListener;
import org.opencontrail.web.shared.text.Durations;

/**
 * Replication to downstream mirrors (GitHub), as the replication plugin's events tell it: per
 * project and mirror, in sync since its last success, behind since a replication was scheduled
 * and not yet done, or failing since its first failure in a row. Known from the events seen since
 * start (the stream's backfill replays those missed while away).
 */
@Singleton
public final class Replication implements GerritEventListener {

    /**
     * One mirror of one project.
     *
     * @param target the mirror (host or URI, as the plugin names it)
     * @param state  in sync, behind or failing
     * @param since  when it became so
     * @param ref    the last ref concerned
     * @param age    how long ago, in words
     * @param css    the class of its state on pages
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Mirror(
            String target,
            String state,
            Instant since,
            String ref,
            String age,
            @JsonIgnore String css) {}

    /** Where a mirror stands, with the word and the class pages give it. */
    private enum Sync {
        IN_SYNC("in sync", "status-ok"),
        BEHIND("behind", "status-warn"),
        FAILING("failing", "status-fail");

        private final String word;
        private final String css;

        Sync(String word, String css) {
            this.word = word;
            this.css = css;
        }
    }

    private record State(Sync sync, Instant since, String ref) {}

    private final Map<String, Map<String, State>> projects = new ConcurrentHashMap<>();
    private final Clock clock;

    Replication(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onEvent(GerritEvent event) {
        if (!(event instanceof GerritEvent.RefReplication replication)
                || replication.targetNode().isEmpty()) {
            return;
        }
        Instant at = replication.createdOn().equals(Instant.EPOCH) ? clock.instant() : replication.createdOn();
        Map<String, State> mirrors = projects.computeIfAbsent(replication.project(), p -> new ConcurrentHashMap<>());
        mirrors.compute(replication.targetNode(), (target, was) -> switch (replication.type()) {
            case "ref-replication-scheduled" ->
                was != null && was.sync() != Sync.IN_SYNC ? was : new State(Sync.BEHIND, at, replication.ref());
            case "ref-replicated" ->
                replication.status().equals("succeeded")
                        ? new State(Sync.IN_SYNC, at, replication.ref())
                        : was != null && was.sync() == Sync.FAILING
                                ? was
                                : new State(Sync.FAILING, at, replication.ref());
            default -> was;
        });
    }

    /** The mirrors of a project, by name; empty when no event has named one. */
    public List<Mirror> of(String project) {
        Instant now = clock.instant();
        return projects.getOrDefault(project, Map.of()).entrySet().stream()
                .map(e -> new Mirror(
                        e.getKey(),
                        e.getValue().sync().word,
                        e.getValue().since(),
                        e.getValue().ref(),
                        Durations.age(Duration.between(e.getValue().since(), now)),
                        e.getValue().sync().css))
                .sorted(Comparator.comparing(Mirror::target))
                .toList();
    }
}
