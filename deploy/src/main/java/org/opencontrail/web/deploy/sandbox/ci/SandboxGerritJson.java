package org.opencontrail.web.deploy.sandbox.ci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencontrail.web.deploy.sandbox.gerrit.GerritQueries;
import org.opencontrail.web.shared.json.ForeignJson;

/** Gerrit's REST answers about the sandbox's projects and changes (a subset of the query language). */
public final class SandboxGerritJson implements GerritQueries {

    private static final DateTimeFormatter REST =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS").withZone(ZoneOffset.UTC);
    private static final Pattern TERM = Pattern.compile("(\\w+):(\"[^\"]*\"|\\S+)");

    private final SandboxCi ci;
    private final SandboxEvents events;

    public SandboxGerritJson(SandboxCi ci, String reviewUrl) {
        this.ci = ci;
        this.events = new SandboxEvents(reviewUrl);
    }

    @Override
    public String projects() {
        ObjectNode projects = ForeignJson.object();
        for (CiCatalog.ProjectSpec spec : ci.projects()) {
            ObjectNode project = projects.putObject(spec.name());
            project.put("id", spec.name().replace("/", "%2F"));
            project.put("description", spec.description());
            // As its owner sees the list; anonymous readers are not shown a hidden project at all.
            project.put("state", spec.name().equals(CiCatalog.HIDDEN_PROJECT) ? "HIDDEN" : "ACTIVE");
        }
        return projects.toString();
    }

    @Override
    public String changes(String query, int limit, int start) {
        Predicate<SandboxChange> filter = parse(query);
        List<SandboxChange> matching = new ArrayList<>(
                ci.read(world -> world.changes().stream().filter(filter).toList()));
        matching.sort(Comparator.comparing(SandboxChange::updated).reversed());
        ArrayNode list = ForeignJson.array();
        int end = Math.min(matching.size(), start + limit);
        for (int i = start; i < end; i++) {
            ObjectNode info = info(matching.get(i));
            if (i == end - 1 && end < matching.size()) {
                info.put("_more_changes", true);
            }
            list.add(info);
        }
        return list.toString();
    }

    /** Terms joined by AND: after:, before:, commit:, change:, status:, project:, branch:, topic:, owner:. */
    static Predicate<SandboxChange> parse(String query) {
        Predicate<SandboxChange> all = c -> true;
        Matcher term = TERM.matcher(query == null ? "" : query);
        while (term.find()) {
            String key = term.group(1);
            String value = term.group(2).replace("\"", "");
            all = all.and(
                    switch (key) {
                        case "after", "since" -> c -> !c.updated().isBefore(time(value));
                        case "before", "until" -> c -> c.updated().isBefore(time(value));
                        case "commit" ->
                            c -> c.patchSets().stream()
                                            .anyMatch(p -> p.revision().startsWith(value))
                                    || c.mergedRevision()
                                            .map(r -> r.startsWith(value))
                                            .orElse(false);
                        case "change" ->
                            c -> String.valueOf(c.number()).equals(value)
                                    || c.changeId().equals(value);
                        case "status" -> c -> c.status().equalsIgnoreCase(value) || (value.equals("open") && c.open());
                        case "project" -> c -> c.project().equals(value);
                        case "branch" -> c -> c.branch().equals(value);
                        case "topic" -> c -> c.topic().map(value::equals).orElse(false);
                        case "owner" ->
                            c -> c.owner().username().equals(value)
                                    || c.owner().email().equals(value);
                        default -> c -> false;
                    });
        }
        return all;
    }

    private static Instant time(String text) {
        try {
            return LocalDateTime.parse(
                            text.length() > 19 ? text.substring(0, 19) : text,
                            DateTimeFormatter.ofPattern(text.length() > 10 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd"))
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private ObjectNode info(SandboxChange c) {
        ObjectNode info = ForeignJson.object();
        info.put("id", c.project().replace("/", "%2F") + "~" + c.number());
        info.put("project", c.project());
        info.put("branch", c.branch());
        c.topic().ifPresent(t -> info.put("topic", t));
        info.put("change_id", c.changeId());
        info.put("subject", c.subject());
        info.put("status", c.status());
        info.put("created", REST.format(c.createdOn()));
        info.put("updated", REST.format(c.updated()));
        c.submitted().ifPresent(s -> info.put("submitted", REST.format(s)));
        c.submitter().ifPresent(s -> info.set("submitter", events.account(s)));
        info.put("_number", c.number());
        info.set("owner", events.account(c.owner()));
        info.put("current_revision", c.current().revision());
        ObjectNode labels = info.putObject("labels");
        labels.putObject("Verified").put("value", c.verified());
        labels.putObject("Code-Review").put("value", c.codeReview());
        labels.putObject("Workflow").put("value", c.workflow());
        ObjectNode revisions = info.putObject("revisions");
        for (SandboxChange.PatchSet p : c.patchSets()) {
            ObjectNode revision = revisions.putObject(p.revision());
            revision.put("_number", p.number());
            revision.put("created", REST.format(p.createdOn()));
            revision.set("uploader", events.account(p.uploader()));
            revision.put("ref", p.ref(c.number()));
            revision.put("kind", "REWORK");
            ObjectNode commit = revision.putObject("commit");
            commit.putArray("parents").addObject().put("commit", p.parent());
            ObjectNode author = commit.putObject("author");
            author.put("name", c.owner().name());
            author.put("email", c.owner().email());
            author.put("date", REST.format(p.createdOn()));
            commit.put("subject", c.subject());
            commit.put("message", c.commitMessage());
        }
        ArrayNode messages = info.putArray("messages");
        for (SandboxChange.Message m : c.messages()) {
            ObjectNode message = messages.addObject();
            if (!m.tag().isEmpty()) {
                message.put("tag", m.tag());
            }
            message.set("author", events.account(m.author()));
            message.put("date", REST.format(m.date()));
            message.put("message", m.text());
            message.put("_revision_number", m.patchSet());
        }
        return info;
    }
}
