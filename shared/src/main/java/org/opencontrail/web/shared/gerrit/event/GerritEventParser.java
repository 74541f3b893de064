package org.opencontrail.web.shared.gerrit.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.BatchRefUpdated;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.ChangeAbandoned;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.ChangeDeleted;
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
import org.opencontrail.web.shared.json.JsonFields;
import org.opencontrail.web.shared.text.Excerpts;

/**
 * Turns the text of Gerrit's stream into typed events, leniently: missing fields, numbers as
 * strings, trailing commas and unknown fields are accepted; unknown types are kept whole; what is
 * not JSON is reported with where it breaks, never thrown.
 */
public final class GerritEventParser {

    /** One line of the wire format: one JSON object. */
    public ParseOutcome parseLine(String line) {
        if (line.isBlank()) {
            return new ParseOutcome.Blank();
        }
        try {
            JsonNode node = ForeignJson.tree(line);
            if (node == null || !node.isObject()) {
                return new ParseOutcome.Malformed("not a JSON object", Excerpts.of(line));
            }
            return new ParseOutcome.Parsed(toEvent(node));
        } catch (JsonProcessingException e) {
            return new ParseOutcome.Malformed(reason(e), Excerpts.of(line));
        }
    }

    /**
     * A document of one or more JSON objects, one a line or pretty-printed over many (recordings,
     * test data). Reading stops at the first text that is not JSON, reported where it is.
     */
    public List<ParseOutcome> parseDocument(Reader reader) {
        List<ParseOutcome> outcomes = new ArrayList<>();
        try (MappingIterator<JsonNode> values = ForeignJson.values(reader)) {
            while (true) {
                try {
                    if (!values.hasNextValue()) {
                        break;
                    }
                    JsonNode node = values.nextValue();
                    outcomes.add(
                            node.isObject()
                                    ? new ParseOutcome.Parsed(toEvent(node))
                                    : new ParseOutcome.Malformed("not a JSON object", Excerpts.of(node.toString())));
                } catch (JsonProcessingException e) {
                    outcomes.add(
                            new ParseOutcome.Malformed(reason(e), Excerpts.of(String.valueOf(e.getOriginalMessage()))));
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return outcomes;
    }

    private static String reason(JsonProcessingException e) {
        var location = e.getLocation();
        String where =
                location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return "invalid JSON" + where + ": " + e.getOriginalMessage();
    }

    GerritEvent toEvent(JsonNode node) {
        JsonFields f = new JsonFields(node);
        String type = f.text("type");
        Instant at = f.seconds("eventCreatedOn");
        return switch (type) {
            case "patchset-created" -> new PatchSetCreated(change(f), patchSet(f), account(f, "uploader"), at);
            case "comment-added" ->
                new CommentAdded(change(f), patchSet(f), account(f, "author"), f.text("comment"), approvals(f), at);
            case "change-merged" ->
                new ChangeMerged(change(f), patchSet(f), account(f, "submitter"), f.text("newRev"), at);
            case "change-abandoned" ->
                new ChangeAbandoned(change(f), patchSet(f), account(f, "abandoner"), f.text("reason"), at);
            case "change-restored" ->
                new ChangeRestored(change(f), patchSet(f), account(f, "restorer"), f.text("reason"), at);
            case "change-deleted" -> new ChangeDeleted(change(f), patchSet(f), account(f, "deleter"), at);
            case "reviewer-added" ->
                new ReviewerAdded(change(f), patchSet(f), account(f, "reviewer"), account(f, "adder"), at);
            case "reviewer-deleted" ->
                new ReviewerDeleted(
                        change(f),
                        patchSet(f),
                        account(f, "reviewer"),
                        account(f, "remover"),
                        f.text("comment"),
                        approvals(f),
                        at);
            case "vote-deleted" ->
                new VoteDeleted(
                        change(f),
                        patchSet(f),
                        account(f, "reviewer"),
                        account(f, "remover"),
                        f.text("comment"),
                        approvals(f),
                        at);
            case "topic-changed" ->
                new TopicChanged(change(f), patchSet(f), account(f, "changer"), f.text("oldTopic"), at);
            case "hashtags-changed" ->
                new HashtagsChanged(
                        change(f),
                        patchSet(f),
                        account(f, "editor"),
                        f.texts("added"),
                        f.texts("removed"),
                        f.texts("hashtags"),
                        at);
            case "wip-state-changed" -> new WipStateChanged(change(f), patchSet(f), account(f, "changer"), at);
            case "private-state-changed" -> new PrivateStateChanged(change(f), patchSet(f), account(f, "changer"), at);
            case "ref-updated" -> new RefUpdated(refUpdate(f.object("refUpdate")), account(f, "submitter"), at);
            case "batch-ref-updated" ->
                new BatchRefUpdated(
                        f.objects("refUpdates").stream().map(this::refUpdate).toList(), account(f, "submitter"), at);
            case "project-created" -> new ProjectCreated(f.text("projectName"), f.text("headName"), at);
            case "project-head-updated" ->
                new ProjectHeadUpdated(f.text("projectName"), f.text("oldHead"), f.text("newHead"), at);
            case "dropped-output" -> new DroppedOutput(at);
            case "ref-replication-scheduled", "ref-replicated", "ref-replication-done" ->
                new RefReplication(
                        type,
                        f.text("project"),
                        f.text("ref"),
                        f.has("targetNode") ? f.text("targetNode") : f.text("targetUri"),
                        f.text("status"),
                        f.integer("nodesCount"),
                        at);
            default -> new Unknown(type, node.toString(), at);
        };
    }

    private Change change(JsonFields event) {
        JsonFields c = event.object("change");
        String project = c.has("project") ? c.text("project") : event.text("project");
        return new Change(
                project,
                c.text("branch"),
                c.optionalText("topic"),
                c.has("id") ? c.text("id") : event.object("changeKey").text("id"),
                c.integer("number"),
                c.text("subject"),
                account(c, "owner"),
                c.text("url"),
                c.text("commitMessage"),
                c.seconds("createdOn"),
                c.text("status"),
                c.texts("hashtags"),
                c.bool("wip"),
                c.bool("private"));
    }

    private Optional<PatchSet> patchSet(JsonFields event) {
        if (!event.has("patchSet")) {
            return Optional.empty();
        }
        JsonFields p = event.object("patchSet");
        return Optional.of(new PatchSet(
                p.integer("number"),
                p.text("revision"),
                p.texts("parents"),
                p.text("ref"),
                account(p, "uploader"),
                account(p, "author"),
                p.seconds("createdOn"),
                p.text("kind"),
                p.integer("sizeInsertions"),
                p.integer("sizeDeletions")));
    }

    private static Account account(JsonFields parent, String field) {
        if (!parent.has(field)) {
            return Account.NONE;
        }
        JsonFields a = parent.object(field);
        return new Account(a.text("name"), a.text("email"), a.text("username"));
    }

    private static List<Approval> approvals(JsonFields event) {
        return event.objects("approvals").stream()
                .map(a -> new Approval(
                        a.text("type"), a.text("description"), a.integer("value"), a.optionalInteger("oldValue")))
                .toList();
    }

    private RefUpdate refUpdate(JsonFields r) {
        return new RefUpdate(r.text("project"), r.text("refName"), r.text("oldRev"), r.text("newRev"));
    }
}
