package org.opencontrail.web.status.facts;

import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.opencontrail.web.shared.collect.Bounded;
import org.opencontrail.web.shared.gerrit.event.Approval;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.ChangeEvent;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.CommentAdded;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.PatchSetCreated;
import org.opencontrail.web.shared.gerrit.event.PatchSet;
import org.opencontrail.web.shared.gerrit.footer.CommitFooters;
import org.opencontrail.web.shared.gerrit.stream.GerritEventListener;
import org.opencontrail.web.status.urls.StatusUrls;

/**
 * What Gerrit's stream told about each change: subject, owner, project, branch, status, topic,
 * its patch sets and votes, and the Depends-On footers of its commit message. Zuul's status only
 * names a change; these facts fill its row, its page and its dependency group.
 */
@Singleton
public final class ChangeFacts implements GerritEventListener {

    private static final int CAPACITY = 50_000;
    private static final int VOTES_KEPT = 200;

    /**
     * One change as last seen.
     *
     * @param number    change number
     * @param changeId  Change-Id
     * @param project   project
     * @param branch    branch
     * @param subject   subject
     * @param owner     owner's name
     * @param status    NEW, MERGED, ABANDONED
     * @param topic     topic, empty when none
     * @param url       review page
     * @param patchSets its patch sets, oldest first
     * @param votes     latest vote per label
     * @param history   every vote as it was cast, oldest first (the newest {@value #VOTES_KEPT})
     * @param dependsOn Depends-On footers of the newest commit message, as written
     * @param updated   the newest event about it
     */
    public record Change(
            int number,
            String changeId,
            String project,
            String branch,
            String subject,
            String owner,
            String status,
            String topic,
            String url,
            List<PatchSetFacts> patchSets,
            Map<String, Integer> votes,
            List<Vote> history,
            List<String> dependsOn,
            Instant updated) {

        /** The project's page here. */
        public String projectUrl() {
            return StatusUrls.project(project);
        }

        /** The newest patch set number, 0 when no event named one. */
        public int latestPatchSet() {
            return patchSets.isEmpty() ? 0 : patchSets.get(patchSets.size() - 1).number();
        }
    }

    /**
     * A patch set.
     *
     * @param number     patch set number
     * @param revision   commit id
     * @param parents    parent commit ids
     * @param uploader   who uploaded it
     * @param createdOn  when
     * @param kind       REWORK, TRIVIAL_REBASE...
     * @param insertions lines added
     * @param deletions  lines removed
     */
    public record PatchSetFacts(
            int number,
            String revision,
            List<String> parents,
            String uploader,
            Instant createdOn,
            String kind,
            int insertions,
            int deletions) {}

    /**
     * A vote as cast.
     *
     * @param patchSet the patch set voted on
     * @param label    Code-Review, Verified, Workflow...
     * @param value    the vote
     * @param by       who voted
     * @param at       when
     */
    public record Vote(int patchSet, String label, int value, String by, Instant at) {}

    private final Map<Integer, Change> changes =
            Bounded.leastRecentlyUsed(CAPACITY, (number, change) -> unindex(change));
    private final Map<String, Set<Integer>> byChangeId = new HashMap<>();
    private final Map<String, Set<Integer>> byTopic = new HashMap<>();
    private final Map<String, Integer> byRevision = new HashMap<>();
    private final Map<String, Set<Integer>> byDependency = new HashMap<>();
    private final Map<String, Set<Integer>> byParent = new HashMap<>();

    @Override
    public void onEvent(GerritEvent event) {
        if (!(event instanceof ChangeEvent changeEvent) || changeEvent.change().number() == 0) {
            return;
        }
        var c = changeEvent.change();
        synchronized (changes) {
            Change known = changes.get(c.number());
            if (known != null) {
                unindex(known);
            }
            TreeMap<String, Integer> votes = new TreeMap<>(known == null ? Map.of() : known.votes());
            List<Vote> history = new ArrayList<>(known == null ? List.of() : known.history());
            int patchSetNumber = changeEvent.patchSet().map(PatchSet::number).orElse(0);
            if (event instanceof CommentAdded comment) {
                for (Approval approval : comment.approvals()) {
                    if (approval.none()) {
                        continue;
                    }
                    votes.put(approval.type(), approval.value());
                    if (approval.changed()) {
                        history.add(new Vote(
                                patchSetNumber,
                                approval.type(),
                                approval.value(),
                                comment.author().displayName(),
                                event.createdOn()));
                    }
                }
            }
            if (event instanceof PatchSetCreated && patchSetNumber > (known == null ? 0 : known.latestPatchSet())) {
                votes.clear(); // Gerrit does not carry votes over to a new patch set (sticky ones come back in events)
            }
            List<PatchSetFacts> patchSets =
                    mergePatchSets(known == null ? List.of() : known.patchSets(), changeEvent.patchSet());
            List<String> dependsOn = c.commitMessage().isEmpty() && known != null
                    ? known.dependsOn()
                    : CommitFooters.of(c.commitMessage()).dependsOn();
            Instant updated =
                    known == null || event.createdOn().isAfter(known.updated()) ? event.createdOn() : known.updated();
            Change fresh = new Change(
                    c.number(),
                    c.id(),
                    c.project(),
                    c.branch(),
                    c.subject(),
                    c.owner().displayName(),
                    c.status(),
                    c.topic().orElse(""),
                    c.url(),
                    patchSets,
                    Collections.unmodifiableSortedMap(votes),
                    List.copyOf(history.subList(Math.max(0, history.size() - VOTES_KEPT), history.size())),
                    dependsOn,
                    updated);
            changes.put(c.number(), fresh);
            index(fresh);
        }
    }

    private static List<PatchSetFacts> mergePatchSets(List<PatchSetFacts> known, Optional<PatchSet> seen) {
        if (seen.isEmpty()
                || seen.get().number() == 0
                || known.stream().anyMatch(p -> p.number() == seen.get().number())) {
            return known;
        }
        PatchSet p = seen.get();
        List<PatchSetFacts> merged = new ArrayList<>(known);
        merged.add(new PatchSetFacts(
                p.number(),
                p.revision(),
                p.parents(),
                p.uploader().displayName(),
                p.createdOn(),
                p.kind(),
                p.sizeInsertions(),
                p.sizeDeletions()));
        merged.sort(Comparator.comparingInt(PatchSetFacts::number));
        return List.copyOf(merged);
    }

    private void index(Change change) {
        if (!change.changeId().isEmpty()) {
            byChangeId
                    .computeIfAbsent(change.changeId(), k -> new LinkedHashSet<>())
                    .add(change.number());
        }
        if (!change.topic().isEmpty()) {
            byTopic.computeIfAbsent(change.topic(), k -> new LinkedHashSet<>()).add(change.number());
        }
        change.patchSets().forEach(p -> byRevision.put(p.revision(), change.number()));
        for (String dependency : change.dependsOn()) {
            dependencyKey(dependency)
                    .ifPresent(key -> byDependency
                            .computeIfAbsent(key, k -> new LinkedHashSet<>())
                            .add(change.number()));
        }
        latestParents(change)
                .forEach(parent -> byParent.computeIfAbsent(parent, k -> new LinkedHashSet<>())
                        .add(change.number()));
    }

    private void unindex(Change change) {
        remove(byChangeId, change.changeId(), change.number());
        remove(byTopic, change.topic(), change.number());
        change.patchSets().forEach(p -> byRevision.remove(p.revision(), change.number()));
        change.dependsOn()
                .forEach(dependency ->
                        dependencyKey(dependency).ifPresent(key -> remove(byDependency, key, change.number())));
        latestParents(change).forEach(parent -> remove(byParent, parent, change.number()));
    }

    private static List<String> latestParents(Change change) {
        return change.patchSets().isEmpty()
                ? List.of()
                : change.patchSets().get(change.patchSets().size() - 1).parents();
    }

    /** A Depends-On value as an index key: the Change-Id, or host and number of a review URL. */
    private static Optional<String> dependencyKey(String dependency) {
        if (CommitFooters.isChangeId(dependency)) {
            return Optional.of(dependency);
        }
        OptionalInt number = CommitFooters.changeNumber(dependency);
        return number.isPresent() ? Optional.of(host(dependency) + "#" + number.getAsInt()) : Optional.empty();
    }

    /** The host of a URL, lower case; empty when it has none. */
    public static String host(String url) {
        try {
            String host = URI.create(url.strip()).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static void remove(Map<String, Set<Integer>> index, String key, int number) {
        Set<Integer> numbers = index.get(key);
        if (numbers != null && numbers.remove(number) && numbers.isEmpty()) {
            index.remove(key);
        }
    }

    public Optional<Change> get(int number) {
        synchronized (changes) {
            return Optional.ofNullable(changes.get(number));
        }
    }

    /** Changes with this Change-Id (one per branch it was proposed to). */
    public List<Integer> withChangeId(String changeId) {
        synchronized (changes) {
            return List.copyOf(byChangeId.getOrDefault(changeId, Set.of()));
        }
    }

    /** Changes in this topic. */
    public List<Integer> inTopic(String topic) {
        synchronized (changes) {
            return List.copyOf(byTopic.getOrDefault(topic, Set.of()));
        }
    }

    /** The change one of whose patch sets is this commit. */
    public Optional<Integer> withRevision(String revision) {
        synchronized (changes) {
            return Optional.ofNullable(byRevision.get(revision));
        }
    }

    /** Changes whose Depends-On footers name this change, by its Change-Id or its review URL. */
    public List<Integer> dependentsOf(Change change) {
        synchronized (changes) {
            Set<Integer> numbers = new LinkedHashSet<>(byDependency.getOrDefault(change.changeId(), Set.of()));
            numbers.addAll(byDependency.getOrDefault(host(change.url()) + "#" + change.number(), Set.of()));
            numbers.remove(change.number());
            return List.copyOf(numbers);
        }
    }

    /** Changes whose newest patch set sits on this commit. */
    public List<Integer> childrenOf(String revision) {
        synchronized (changes) {
            return List.copyOf(byParent.getOrDefault(revision, Set.of()));
        }
    }

    /** Every change known, newest event first is not promised: for scans that need all. */
    public List<Change> all() {
        synchronized (changes) {
            return List.copyOf(changes.values());
        }
    }
}
