package org.opencontrail.web.deploy.sandbox.zuul;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.opencontrail.web.deploy.sandbox.ci.ObservedChange;
import org.opencontrail.web.deploy.sandbox.ci.Person;
import org.opencontrail.web.deploy.sandbox.ci.SandboxCi;
import org.opencontrail.web.shared.gerrit.event.Account;
import org.opencontrail.web.shared.gerrit.event.Approval;
import org.opencontrail.web.shared.gerrit.event.Change;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.event.PatchSet;
import org.opencontrail.web.shared.gerrit.footer.CommitFooters;
import org.opencontrail.web.shared.gerrit.stream.GerritEventListener;

/**
 * What Zuul's Gerrit driver does with a real Gerrit's events: a new patch set enters check, a
 * "recheck" comment runs check again, approvals let a change into the gate, merges, abandons and
 * branch updates (post jobs) are followed.
 */
public final class GerritTriggers implements GerritEventListener {

    /** OpenContrail's check trigger: "recheck", "recheck bug 123", "recheck no bug", alone on a line. */
    private static final Pattern RECHECK = Pattern.compile("(?im)^\\s*recheck(\\s+bug\\s+\\d+|\\s+no\\s+bug)?\\s*$");

    private static final String HEADS = "refs/heads/";
    /** As OpenContrail's gate pipeline: a new Code-Review +2, Workflow +1, or the CI's own Verified +1. */
    private static final Set<String> GATE_TRIGGERS = Set.of("Code-Review2", "Workflow1", "Verified1");

    private final SandboxCi ci;

    public GerritTriggers(SandboxCi ci) {
        this.ci = ci;
    }

    @Override
    public void onEvent(GerritEvent event) {
        if (event instanceof GerritEvent.PatchSetCreated created
                && created.patchSet().isPresent()) {
            PatchSet p = created.patchSet().get();
            ci.patchSetUploaded(
                    observed(created.change()),
                    p.number(),
                    p.revision(),
                    p.parents().isEmpty() ? "" : p.parents().get(0),
                    person(p.uploader()),
                    created.createdOn());
        } else if (event instanceof GerritEvent.CommentAdded comment) {
            Map<String, Integer> votes = new LinkedHashMap<>();
            Set<String> labels = new HashSet<>();
            boolean trigger = false;
            for (Approval approval : comment.approvals()) {
                labels.add(approval.type()); // listed even without a vote: the server has the label
                if (!approval.none()) {
                    votes.put(approval.type(), approval.value());
                    trigger |= approval.changed() && GATE_TRIGGERS.contains(approval.type() + approval.value());
                }
            }
            ci.votes(
                    comment.change().number(),
                    comment.patchSet().map(PatchSet::number).orElse(0),
                    labels,
                    votes,
                    trigger);
            if (RECHECK.matcher(comment.comment()).find()) {
                ci.recheck(comment.change().number());
            }
        } else if (event instanceof GerritEvent.ChangeMerged merged) {
            ci.merged(merged.change().number(), merged.newRev(), person(merged.submitter()), merged.createdOn());
        } else if (event instanceof GerritEvent.ChangeAbandoned abandoned) {
            ci.abandoned(abandoned.change().number(), abandoned.createdOn());
        } else if (event instanceof GerritEvent.ChangeRestored restored) {
            ci.restored(restored.change().number(), restored.createdOn());
        } else if (event instanceof GerritEvent.RefUpdated updated
                && updated.refUpdate().refName().startsWith(HEADS)
                && !updated.refUpdate().deleted()) {
            ci.branchUpdated(
                    updated.refUpdate().project(),
                    updated.refUpdate().refName().substring(HEADS.length()),
                    updated.refUpdate().newRev(),
                    updated.createdOn());
        }
    }

    private static ObservedChange observed(Change change) {
        return new ObservedChange(
                change.number(),
                change.project(),
                change.branch(),
                change.id(),
                change.subject(),
                person(change.owner()),
                change.commitMessage(),
                CommitFooters.of(change.commitMessage()).dependsOn(),
                change.topic());
    }

    private static Person person(Account account) {
        return new Person(account.displayName(), account.username(), account.email());
    }
}
