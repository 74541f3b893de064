package org.opencontrail.web.deploy.sandbox.ci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.opencontrail.web.shared.json.ForeignJson;

/** Gerrit stream events of the sandbox's changes, in the exact JSON shape Gerrit 3 sends. */
final class SandboxEvents {

    private final String reviewUrl;

    SandboxEvents(String reviewUrl) {
        this.reviewUrl = reviewUrl.endsWith("/") ? reviewUrl : reviewUrl + "/";
    }

    String changeUrl(SandboxChange change) {
        return reviewUrl + change.number();
    }

    ObjectNode account(Person person) {
        ObjectNode account = ForeignJson.object();
        account.put("name", person.name());
        account.put("email", person.email());
        account.put("username", person.username());
        return account;
    }

    private ObjectNode change(SandboxChange c) {
        ObjectNode change = ForeignJson.object();
        change.put("project", c.project());
        change.put("branch", c.branch());
        c.topic().ifPresent(topic -> change.put("topic", topic));
        change.put("id", c.changeId());
        change.put("number", c.number());
        change.put("subject", c.subject());
        change.set("owner", account(c.owner()));
        change.put("url", changeUrl(c));
        change.put("commitMessage", c.commitMessage());
        change.put("createdOn", c.createdOn().getEpochSecond());
        change.put("status", c.status());
        return change;
    }

    private ObjectNode patchSet(SandboxChange c, SandboxChange.PatchSet p) {
        ObjectNode patchSet = ForeignJson.object();
        patchSet.put("number", p.number());
        patchSet.put("revision", p.revision());
        patchSet.putArray("parents").add(p.parent());
        patchSet.put("ref", p.ref(c.number()));
        patchSet.set("uploader", account(p.uploader()));
        patchSet.put("createdOn", p.createdOn().getEpochSecond());
        patchSet.set("author", account(c.owner()));
        patchSet.put("kind", "REWORK");
        patchSet.put("sizeInsertions", 12);
        patchSet.put("sizeDeletions", 3);
        return patchSet;
    }

    private ObjectNode changeEvent(String type, SandboxChange c, Instant at) {
        ObjectNode event = ForeignJson.object();
        event.set("change", change(c));
        event.set("patchSet", patchSet(c, c.current()));
        event.put("project", c.project());
        event.put("refName", "refs/heads/" + c.branch());
        event.putObject("changeKey").put("id", c.changeId());
        event.put("type", type);
        event.put("eventCreatedOn", at.getEpochSecond());
        return event;
    }

    String patchSetCreated(SandboxChange c, Instant at) {
        ObjectNode event = changeEvent("patchset-created", c, at);
        event.set("uploader", account(c.current().uploader()));
        return event.toString();
    }

    /** A review comment; {@code votes} alternate label and value, e.g. "Code-Review", 2, "Workflow", 1. */
    String commentAdded(SandboxChange c, Person author, String comment, Instant at, Object... votes) {
        ObjectNode event = changeEvent("comment-added", c, at);
        event.set("author", account(author));
        ArrayNode approvals = event.putArray("approvals");
        for (int i = 0; i + 1 < votes.length; i += 2) {
            ObjectNode approval = approvals.addObject();
            approval.put("type", (String) votes[i]);
            approval.put("description", (String) votes[i]);
            approval.put("value", String.valueOf(votes[i + 1]));
        }
        event.put("comment", comment);
        return event.toString();
    }

    String changeMerged(SandboxChange c, String newRev, Instant at) {
        ObjectNode event = changeEvent("change-merged", c, at);
        event.set("submitter", account(Person.ZUUL));
        event.put("newRev", newRev);
        return event.toString();
    }

    String changeAbandoned(SandboxChange c, String reason, Instant at) {
        ObjectNode event = changeEvent("change-abandoned", c, at);
        event.set("abandoner", account(c.owner()));
        event.put("reason", reason);
        return event.toString();
    }

    String reviewerAdded(SandboxChange c, Person reviewer, Instant at) {
        ObjectNode event = changeEvent("reviewer-added", c, at);
        event.set("reviewer", account(reviewer));
        event.set("adder", account(c.owner()));
        return event.toString();
    }

    String refUpdated(String project, String ref, String oldRev, String newRev, Person submitter, Instant at) {
        ObjectNode event = ForeignJson.object();
        event.set("submitter", account(submitter));
        ObjectNode refUpdate = event.putObject("refUpdate");
        refUpdate.put("oldRev", oldRev);
        refUpdate.put("newRev", newRev);
        refUpdate.put("refName", ref);
        refUpdate.put("project", project);
        event.put("type", "ref-updated");
        event.put("eventCreatedOn", at.getEpochSecond());
        return event.toString();
    }
}
