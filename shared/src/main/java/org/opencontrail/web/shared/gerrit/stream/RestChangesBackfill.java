package org.opencontrail.web.shared.gerrit.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencontrail.web.shared.gerrit.event.Account;
import org.opencontrail.web.shared.gerrit.event.Approval;
import org.opencontrail.web.shared.gerrit.event.Change;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.event.PatchSet;
import org.opencontrail.web.shared.json.ForeignJson;
import org.opencontrail.web.shared.json.JsonFields;
import org.opencontrail.web.shared.text.Excerpts;

/**
 * Fills a gap from Gerrit's REST API when the events-log plugin is not there: the changes updated
 * since the last event ({@code /changes/?q=after:"..."}), or every open change for a site that
 * starts late ({@code status:open}), are turned back into the events that
 * matter to the suite: patchset-created (from revisions), comment-added with votes (from review
 * messages), change-merged, change-abandoned and change-restored. Ref updates of direct pushes are
 * not in this API; git-web's periodic sweep covers them.
 */
public final class RestChangesBackfill implements GerritBackfill {

    private static final DateTimeFormatter QUERY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter REST_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();
    private static final Pattern VOTE = Pattern.compile("([A-Za-z][\\w-]*)([+-]\\d+)");
    private static final int PAGE = 200;
    private static final int MAX_PAGES = 50;

    private final GerritHttp http;

    public RestChangesBackfill(String gerritUrl, Duration timeout) {
        this(new GerritHttp(gerritUrl, timeout));
    }

    /** Through a given client: an account's, which sees the changes that account may see. */
    public RestChangesBackfill(GerritHttp http) {
        this.http = http;
    }

    @Override
    public String describe() {
        return "REST changes query at "
                + Excerpts.withoutCredentials(http.base().toString());
    }

    @Override
    public List<GerritEvent> since(Instant from) throws IOException, InterruptedException {
        return query("after:\"" + QUERY_TIME.format(from) + "\"", from);
    }

    /** Every open change's history (its patch sets, votes and messages), for a site that starts late. */
    @Override
    public List<GerritEvent> openChanges() throws IOException, InterruptedException {
        return query("status:open", Instant.EPOCH);
    }

    /** The events at or after {@code from} of the changes a query finds, oldest first. */
    private List<GerritEvent> query(String terms, Instant from) throws IOException, InterruptedException {
        List<GerritEvent> events = new ArrayList<>();
        String query = URLEncoder.encode(terms, StandardCharsets.UTF_8);
        for (int page = 0; page < MAX_PAGES; page++) {
            String body =
                    http.get("changes/?q=" + query + "&o=ALL_REVISIONS&o=ALL_COMMITS&o=MESSAGES&o=DETAILED_ACCOUNTS"
                            + "&n=" + PAGE + "&S=" + page * PAGE);
            JsonNode changes = ForeignJson.tree(GerritHttp.stripXssi(body));
            boolean more = false;
            for (JsonNode node : changes) {
                events.addAll(eventsOf(new JsonFields(node), from));
                more = node.path("_more_changes").asBoolean(false);
            }
            if (!more) {
                break;
            }
        }
        events.sort(Comparator.comparing(GerritEvent::createdOn));
        return events;
    }

    /** The events of one change that happened at or after {@code from}. */
    List<GerritEvent> eventsOf(JsonFields c, Instant from) {
        List<PatchSet> patchSets = patchSets(c);
        Change change = change(c);
        List<GerritEvent> events = new ArrayList<>();
        for (PatchSet patchSet : patchSets) {
            if (!patchSet.createdOn().isBefore(from)) {
                events.add(new GerritEvent.PatchSetCreated(
                        change, Optional.of(patchSet), patchSet.uploader(), patchSet.createdOn()));
            }
        }
        for (JsonFields message : c.objects("messages")) {
            Instant at = time(message.text("date"));
            if (at.isBefore(from)) {
                continue;
            }
            Optional<PatchSet> patchSet = numbered(patchSets, message.integer("_revision_number"));
            Account author = account(message.object("author"));
            String tag = message.text("tag");
            String text = message.text("message");
            switch (tag) {
                case "autogenerated:gerrit:abandon" ->
                    events.add(new GerritEvent.ChangeAbandoned(change, patchSet, author, reason(text), at));
                case "autogenerated:gerrit:restore" ->
                    events.add(new GerritEvent.ChangeRestored(change, patchSet, author, reason(text), at));
                default -> {
                    if (!tag.startsWith("autogenerated:gerrit:")) {
                        events.add(new GerritEvent.CommentAdded(change, patchSet, author, text, votes(text), at));
                    }
                }
            }
        }
        Instant submitted = time(c.text("submitted"));
        if ("MERGED".equals(c.text("status")) && !submitted.equals(Instant.EPOCH) && !submitted.isBefore(from)) {
            Optional<PatchSet> current = patchSets.stream()
                    .filter(p -> p.revision().equals(c.text("current_revision")))
                    .findFirst();
            events.add(new GerritEvent.ChangeMerged(
                    change, current, account(c.object("submitter")), c.text("current_revision"), submitted));
        }
        return events;
    }

    private Change change(JsonFields c) {
        String project = c.text("project");
        int number = c.integer("_number");
        String commitMessage = c.object("revisions")
                .object(c.text("current_revision"))
                .object("commit")
                .text("message");
        return new Change(
                project,
                c.text("branch"),
                c.optionalText("topic"),
                c.text("change_id"),
                number,
                c.text("subject"),
                account(c.object("owner")),
                http.base().resolve("c/" + project + "/+/" + number).toString(),
                commitMessage,
                time(c.text("created")),
                c.text("status"),
                c.texts("hashtags"),
                c.bool("work_in_progress"),
                c.bool("is_private"));
    }

    private static List<PatchSet> patchSets(JsonFields c) {
        JsonFields revisions = c.object("revisions");
        List<PatchSet> patchSets = new ArrayList<>();
        for (String sha : revisions.fieldNames()) {
            JsonFields r = revisions.object(sha);
            JsonFields commit = r.object("commit");
            List<String> parents = commit.objects("parents").stream()
                    .map(p -> p.text("commit"))
                    .toList();
            JsonFields author = commit.object("author");
            patchSets.add(new PatchSet(
                    r.integer("_number"),
                    sha,
                    parents,
                    r.text("ref"),
                    account(r.object("uploader")),
                    new Account(author.text("name"), author.text("email"), ""),
                    time(r.text("created")),
                    r.text("kind"),
                    0,
                    0));
        }
        patchSets.sort(Comparator.comparingInt(PatchSet::number));
        return patchSets;
    }

    private static Optional<PatchSet> numbered(List<PatchSet> patchSets, int number) {
        return patchSets.stream().filter(p -> p.number() == number).findFirst();
    }

    private static Account account(JsonFields a) {
        return new Account(a.text("name"), a.text("email"), a.text("username"));
    }

    /** Votes from a review message's first line, "Patch Set 3: Code-Review+2 Verified-1". */
    static List<Approval> votes(String message) {
        String first = message.lines().findFirst().orElse("");
        int colon = first.indexOf(':');
        if (!first.startsWith("Patch Set") || colon < 0) {
            return List.of();
        }
        List<Approval> votes = new ArrayList<>();
        Matcher vote = VOTE.matcher(first.substring(colon + 1));
        while (vote.find()) {
            votes.add(new Approval(
                    vote.group(1), vote.group(1), Integer.parseInt(vote.group(2).replace("+", "")), Optional.empty()));
        }
        return List.copyOf(votes);
    }

    private static String reason(String message) {
        int blank = message.indexOf("\n\n");
        return blank < 0 ? "" : message.substring(blank + 2).strip();
    }

    static Instant time(String text) {
        if (text.isBlank()) {
            return Instant.EPOCH;
        }
        try {
            // to the second, as the stream's events give it: the same comment heard from the stream on one
            // replica and from this backfill on another must be the same moment
            return LocalDateTime.parse(text, REST_TIME)
                    .toInstant(ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
