package org.opencontrail.web.status.change;

import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import org.opencontrail.web.shared.gerrit.footer.CommitFooters;
import org.opencontrail.web.shared.zuul.status.QueueItem;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot;
import org.opencontrail.web.status.facts.ChangeFacts;
import org.opencontrail.web.status.pipeline.PipelineState;
import org.opencontrail.web.status.pipeline.ResultMark;

/**
 * Finds a change's {@link DependencyGroup}: walks from the change along every relation the site
 * knows, in both directions, so that a change needing one in another repository and the change
 * needing it show as one group however one lands on it.
 */
@Singleton
public final class DependencyGroups {

    /** Big topics (a release branch cut) would drag in hundreds of changes; a group stops here. */
    static final int MAX_MEMBERS = 50;

    private final ChangeFacts facts;
    private final PipelineRuns runs;
    private final PipelineState pipelines;

    DependencyGroups(ChangeFacts facts, PipelineRuns runs, PipelineState pipelines) {
        this.facts = facts;
        this.runs = runs;
        this.pipelines = pipelines;
    }

    /**
     * The group of a change.
     *
     * @param number the change
     * @param now    where each change is in the pipelines now, by change number
     */
    public DependencyGroup of(int number, Function<Integer, List<String>> now) {
        Map<Integer, String> reasons = new LinkedHashMap<>();
        Set<String> unresolved = new LinkedHashSet<>();
        Deque<Integer> todo = new ArrayDeque<>();
        reasons.put(number, "this change");
        todo.add(number);
        Optional<ZuulSnapshot> snapshot = pipelines.current().map(PipelineState.Current::snapshot);
        while (!todo.isEmpty() && reasons.size() < MAX_MEMBERS) {
            int current = todo.poll();
            Map<Integer, String> related = new LinkedHashMap<>();
            facts.get(current).ifPresent(change -> relatedByGerrit(change, related, unresolved));
            snapshot.ifPresent(s -> relatedByZuul(s, current, related));
            related.forEach((other, reason) -> {
                if (reasons.size() < MAX_MEMBERS && !reasons.containsKey(other)) {
                    reasons.put(other, reason);
                    todo.add(other);
                }
            });
        }
        List<DependencyGroup.Member> members = new ArrayList<>();
        reasons.forEach((n, reason) -> members.add(member(n, reason, now.apply(n))));
        return new DependencyGroup(List.copyOf(members), List.copyOf(unresolved));
    }

    private void relatedByGerrit(ChangeFacts.Change change, Map<Integer, String> related, Set<String> unresolved) {
        String host = ChangeFacts.host(change.url());
        for (String dependency : change.dependsOn()) {
            List<Integer> targets = resolve(dependency, host);
            if (targets.isEmpty()) {
                unresolved.add(dependency);
            }
            targets.forEach(n -> related.putIfAbsent(n, "needed by " + change.number() + " (Depends-On)"));
        }
        facts.dependentsOf(change)
                .forEach(n -> related.putIfAbsent(n, "depends on " + change.number() + " (Depends-On)"));
        if (!change.patchSets().isEmpty()) {
            ChangeFacts.PatchSetFacts latest =
                    change.patchSets().get(change.patchSets().size() - 1);
            latest.parents()
                    .forEach(parent -> facts.withRevision(parent)
                            .filter(n -> n != change.number())
                            .ifPresent(n -> related.putIfAbsent(n, "parent commit of " + change.number())));
            facts.childrenOf(latest.revision())
                    .forEach(n -> related.putIfAbsent(n, "child commit of " + change.number()));
        }
        if (!change.topic().isEmpty()) {
            facts.inTopic(change.topic()).forEach(n -> related.putIfAbsent(n, "same topic " + change.topic()));
        }
        related.remove(change.number());
    }

    /** A Depends-On value as change numbers: every change with that Change-Id, or the change a URL of the same review site names. */
    private List<Integer> resolve(String dependency, String host) {
        if (CommitFooters.isChangeId(dependency)) {
            return facts.withChangeId(dependency);
        }
        OptionalInt number = CommitFooters.changeNumber(dependency);
        boolean sameSite = host.isEmpty() || ChangeFacts.host(dependency).equals(host);
        return number.isPresent() && sameSite && facts.get(number.getAsInt()).isPresent()
                ? List.of(number.getAsInt())
                : List.of();
    }

    /** Zuul's view: changes tested in one item with it, and the non-live items Zuul put ahead of it for its sake. */
    private static void relatedByZuul(ZuulSnapshot snapshot, int number, Map<Integer, String> related) {
        for (ZuulSnapshot.Pipeline pipeline : snapshot.pipelines()) {
            for (ZuulSnapshot.ChangeQueue queue : pipeline.queues()) {
                for (List<QueueItem> line : queue.heads()) {
                    for (int i = 0; i < line.size(); i++) {
                        QueueItem item = line.get(i);
                        if (item.refs().stream()
                                .noneMatch(r -> r.change().map(c -> c == number).orElse(false))) {
                            continue;
                        }
                        item.refs()
                                .forEach(r -> r.change()
                                        .filter(c -> c != number)
                                        .ifPresent(c -> related.putIfAbsent(
                                                c, "tested together with " + number + " in " + pipeline.name())));
                        for (int j = i - 1; j >= 0 && !line.get(j).live(); j--) {
                            line.get(j)
                                    .refs()
                                    .forEach(r -> r.change()
                                            .filter(c -> c != number)
                                            .ifPresent(c -> related.putIfAbsent(
                                                    c,
                                                    "ahead of " + number + " in " + pipeline.name() + " (non-live)")));
                        }
                    }
                }
            }
        }
    }

    private DependencyGroup.Member member(int number, String reason, List<String> now) {
        Optional<ChangeFacts.Change> change = facts.get(number);
        String lastRun = runs.of(number).stream()
                .filter(r -> r.result().isPresent())
                .reduce((a, b) -> b)
                .map(r -> r.pipeline() + ": " + r.result().get())
                .orElse("");
        return new DependencyGroup.Member(
                number,
                change.map(ChangeFacts.Change::project).orElse(""),
                change.map(ChangeFacts.Change::branch).orElse(""),
                change.map(ChangeFacts.Change::subject).orElse(""),
                change.map(ChangeFacts.Change::status).orElse(""),
                change.map(ChangeFacts.Change::url).map(ResultMark::safeUrl).orElse(""),
                reason,
                now,
                lastRun,
                change.map(c -> c.votes().getOrDefault("Verified", 0)).orElse(0),
                change.map(c -> c.votes().getOrDefault("Code-Review", 0)).orElse(0));
    }
}
