package org.opencontrail.web.status.change;

import jakarta.inject.Singleton;
import org.opencontrail.web.shared.gerrit.event.Approval;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.ChangeEvent;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.CommentAdded;
import org.opencontrail.web.shared.gerrit.stream.GerritEventListener;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What Gerrit's stream told about each change: subject, owner, project, branch, status, topic,
 * patch sets and the latest votes. Zuul's status only names a change; these facts fill its row.
 */
@Singleton
public final class ChangeFacts implements GerritEventListener {

    private static final int CAPACITY = 50_000;

    /**
     * One change as last seen.
     *
     * @param number    change number
     * @param project   project
     * @param branch    branch
     * @param subject   subject
     * @param owner     owner's name
     * @param status    NEW, MERGED, ABANDONED
     * @param topic     topic, empty when none
     * @param url       review page
     * @param patchSets newest patch set number
     * @param votes     latest vote per label
     */
    public record Change(int number, String project, String branch, String subject, String owner, String status, String topic,
                         String url, int patchSets, Map<String, Integer> votes) {
    }

    private final Map<Integer, Change> changes = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Change> eldest) {
            return size() > CAPACITY;
        }
    };

    @Override
    public void onEvent(GerritEvent event) {
        if (!(event instanceof ChangeEvent changeEvent) || changeEvent.change().number() == 0) {
            return;
        }
        var c = changeEvent.change();
        synchronized (changes) {
            Change known = changes.get(c.number());
            Map<String, Integer> votes = new TreeMap<>(known == null ? Map.of() : known.votes());
            if (event instanceof CommentAdded comment) {
                for (Approval approval : comment.approvals()) {
                    votes.put(approval.type(), approval.value());
                }
            }
            int patchSets = Math.max(known == null ? 0 : known.patchSets(), changeEvent.patchSet().map(p -> p.number()).orElse(0));
            changes.put(c.number(), new Change(c.number(), c.project(), c.branch(), c.subject(), c.owner().displayName(), c.status(),
                    c.topic().orElse(""), c.url(), patchSets, Map.copyOf(votes)));
        }
    }

    public Optional<Change> get(int number) {
        synchronized (changes) {
            return Optional.ofNullable(changes.get(number));
        }
    }
}
