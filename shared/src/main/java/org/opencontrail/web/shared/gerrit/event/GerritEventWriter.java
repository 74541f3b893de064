package org.opencontrail.web.shared.gerrit.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.BatchRefUpdated;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.ChangeAbandoned;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.ChangeDeleted;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.ChangeEvent;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.ChangeMerged;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.ChangeRestored;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.CommentAdded;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.DroppedOutput;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.HashtagsChanged;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.PatchSetCreated;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.PrivateStateChanged;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.ProjectCreated;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.ProjectHeadUpdated;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.RefReplication;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.RefUpdated;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.ReviewerAdded;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.ReviewerDeleted;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.TopicChanged;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.Unknown;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.VoteDeleted;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.WipStateChanged;
import org.opencontrail.web.shared.json.ForeignJson;

/**
 * Writes an event back as one line of Gerrit's stream, the value Gerrit's events-kafka plugin puts
 * on its topic: what the relay publishes, so that an event recovered by a backfill or loaded from
 * REST travels like a live one. {@link GerritEventParser} reads every line it writes to an equal event.
 */
public final class GerritEventWriter {

    public String line(GerritEvent event) {
        if (event instanceof Unknown unknown) {
            return unknown.json();
        }
        ObjectNode node = ForeignJson.object();
        node.put("type", event.type());
        if (event instanceof ChangeEvent changeEvent) {
            writeChangeEvent(node, changeEvent);
        } else if (event instanceof RefUpdated e) {
            node.set("refUpdate", refUpdate(e.refUpdate()));
            account(node, "submitter", e.submitter());
        } else if (event instanceof BatchRefUpdated e) {
            ArrayNode updates = node.putArray("refUpdates");
            e.refUpdates().forEach(update -> updates.add(refUpdate(update)));
            account(node, "submitter", e.submitter());
        } else if (event instanceof ProjectCreated e) {
            node.put("projectName", e.projectName()).put("headName", e.headName());
        } else if (event instanceof ProjectHeadUpdated e) {
            node.put("projectName", e.projectName()).put("oldHead", e.oldHead()).put("newHead", e.newHead());
        } else if (event instanceof RefReplication e) {
            node.put("project", e.project())
                    .put("ref", e.ref())
                    .put("targetNode", e.targetNode())
                    .put("status", e.status())
                    .put("nodesCount", e.nodesCount());
        } else if (!(event instanceof DroppedOutput)) {
            throw new IllegalArgumentException(
                    "No wire form for " + event.getClass().getSimpleName());
        }
        seconds(node, "eventCreatedOn", event.createdOn());
        try {
            return ForeignJson.write(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeChangeEvent(ObjectNode node, ChangeEvent event) {
        node.set("change", change(event.change()));
        event.patchSet().ifPresent(patchSet -> node.set("patchSet", patchSet(patchSet)));
        node.put("project", event.change().project());
        if (event instanceof PatchSetCreated e) {
            account(node, "uploader", e.uploader());
        } else if (event instanceof CommentAdded e) {
            account(node, "author", e.author());
            node.put("comment", e.comment());
            approvals(node, e.approvals());
        } else if (event instanceof ChangeMerged e) {
            account(node, "submitter", e.submitter());
            node.put("newRev", e.newRev());
        } else if (event instanceof ChangeAbandoned e) {
            account(node, "abandoner", e.abandoner());
            node.put("reason", e.reason());
        } else if (event instanceof ChangeRestored e) {
            account(node, "restorer", e.restorer());
            node.put("reason", e.reason());
        } else if (event instanceof ChangeDeleted e) {
            account(node, "deleter", e.deleter());
        } else if (event instanceof ReviewerAdded e) {
            account(node, "reviewer", e.reviewer());
            account(node, "adder", e.adder());
        } else if (event instanceof ReviewerDeleted e) {
            account(node, "reviewer", e.reviewer());
            account(node, "remover", e.remover());
            node.put("comment", e.comment());
            approvals(node, e.approvals());
        } else if (event instanceof VoteDeleted e) {
            account(node, "reviewer", e.reviewer());
            account(node, "remover", e.remover());
            node.put("comment", e.comment());
            approvals(node, e.approvals());
        } else if (event instanceof TopicChanged e) {
            account(node, "changer", e.changer());
            node.put("oldTopic", e.oldTopic());
        } else if (event instanceof HashtagsChanged e) {
            account(node, "editor", e.editor());
            texts(node, "added", e.added());
            texts(node, "removed", e.removed());
            texts(node, "hashtags", e.hashtags());
        } else if (event instanceof WipStateChanged e) {
            account(node, "changer", e.changer());
        } else if (event instanceof PrivateStateChanged e) {
            account(node, "changer", e.changer());
        }
    }

    private static ObjectNode change(Change change) {
        ObjectNode node = ForeignJson.object();
        node.put("project", change.project()).put("branch", change.branch());
        change.topic().ifPresent(topic -> node.put("topic", topic));
        node.put("id", change.id()).put("number", change.number()).put("subject", change.subject());
        account(node, "owner", change.owner());
        node.put("url", change.url()).put("commitMessage", change.commitMessage());
        seconds(node, "createdOn", change.createdOn());
        node.put("status", change.status());
        texts(node, "hashtags", change.hashtags());
        if (change.wip()) {
            node.put("wip", true);
        }
        if (change.isPrivate()) {
            node.put("private", true);
        }
        return node;
    }

    private static ObjectNode patchSet(PatchSet patchSet) {
        ObjectNode node = ForeignJson.object();
        node.put("number", patchSet.number()).put("revision", patchSet.revision());
        texts(node, "parents", patchSet.parents());
        node.put("ref", patchSet.ref());
        account(node, "uploader", patchSet.uploader());
        account(node, "author", patchSet.author());
        seconds(node, "createdOn", patchSet.createdOn());
        node.put("kind", patchSet.kind())
                .put("sizeInsertions", patchSet.sizeInsertions())
                .put("sizeDeletions", patchSet.sizeDeletions());
        return node;
    }

    private static ObjectNode refUpdate(RefUpdate update) {
        return ForeignJson.object()
                .put("project", update.project())
                .put("refName", update.refName())
                .put("oldRev", update.oldRev())
                .put("newRev", update.newRev());
    }

    private static void approvals(ObjectNode node, List<Approval> approvals) {
        ArrayNode array = node.putArray("approvals");
        for (Approval approval : approvals) {
            ObjectNode a = array.addObject()
                    .put("type", approval.type())
                    .put("description", approval.description())
                    .put("value", String.valueOf(approval.value()));
            approval.oldValue().ifPresent(old -> a.put("oldValue", String.valueOf(old)));
        }
    }

    /** Gerrit leaves out an account it has no part of; an empty one is left out too. */
    private static void account(ObjectNode parent, String field, Account account) {
        if (account.equals(Account.NONE)) {
            return;
        }
        ObjectNode node = parent.putObject(field);
        putIfAny(node, "name", account.name());
        putIfAny(node, "email", account.email());
        putIfAny(node, "username", account.username());
    }

    private static void putIfAny(ObjectNode node, String field, String value) {
        if (!value.isEmpty()) {
            node.put(field, value);
        }
    }

    private static void texts(ObjectNode node, String field, List<String> values) {
        ArrayNode array = node.putArray(field);
        values.forEach(array::add);
    }

    private static void seconds(ObjectNode node, String field, Instant at) {
        node.put(field, at.getEpochSecond());
    }
}
