package org.opencontrail.web.status.change;

import io.micronaut.core.annotation.Introspected;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.shared.text.Durations;
import org.opencontrail.web.status.facts.ChangeFacts;
import org.opencontrail.web.status.pipeline.ItemRow;
import org.opencontrail.web.status.pipeline.ResultMark;
import org.opencontrail.web.status.urls.StatusUrls;

/**
 * A change's page as it is drawn: Gerrit's facts, where it is in the pipelines now, its runs and the changes that go
 * with it, every sign, link and short id already made.
 *
 * @param number    change number
 * @param subject   the subject from Gerrit, else from any item; empty when neither names one
 * @param facts     what Gerrit's stream said, when it said anything
 * @param items     the change's items in the pipelines now, with their pipeline
 * @param runs      its past and present runs through the pipelines, newest first
 * @param group     the changes that go with it
 * @param serverNow when the page was made (epoch ms), for the page's clock
 */
@Introspected
public record ChangePage(
        int number,
        String subject,
        Optional<Facts> facts,
        List<PipelineItem> items,
        List<Run> runs,
        Group group,
        long serverNow) {

    /** How many characters of a commit id the page shows. */
    static final int SHORT_ID = 10;

    /**
     * The page of a change from what the site knows of it.
     *
     * @param number change number
     * @param facts  what Gerrit's stream said
     * @param items  its items in the pipelines now
     * @param runs   its runs, newest first
     * @param group  the changes that go with it
     * @param now    when the page is made, for relative times
     */
    public static ChangePage of(
            int number,
            Optional<ChangeFacts.Change> facts,
            List<PipelineItem> items,
            List<PipelineRuns.Run> runs,
            DependencyGroup group,
            Instant now) {
        return new ChangePage(
                number,
                subjectOf(facts, items),
                facts.map(f -> Facts.of(f, now)),
                List.copyOf(items),
                runs.stream().map(r -> Run.of(r, now)).toList(),
                Group.of(group, number),
                now.toEpochMilli());
    }

    /** What the page is about, for its description: the change, its subject and project, and what the page shows of it. */
    public String description() {
        StringBuilder text = new StringBuilder("Change ").append(number);
        if (!subject.isEmpty()) {
            text.append(": ").append(subject);
        }
        facts.map(Facts::project)
                .filter(p -> !p.isEmpty())
                .ifPresent(p -> text.append(" (").append(p).append(')'));
        return text.append(". Its runs in the CI's pipelines, its jobs' results, votes and the changes it goes with.")
                .toString();
    }

    /** The subject from Gerrit, else from any item. */
    static String subjectOf(Optional<ChangeFacts.Change> facts, List<PipelineItem> items) {
        return facts.map(ChangeFacts.Change::subject)
                .filter(s -> !s.isEmpty())
                .or(() -> items.stream()
                        .map(i -> i.item().subject())
                        .filter(s -> !s.isEmpty())
                        .findFirst())
                .orElse("");
    }

    /** A vote as Gerrit writes it: "+2", "-1", "0". */
    static String signed(int value) {
        return value > 0 ? "+" + value : Integer.toString(value);
    }

    /** "3 h ago", for a time shown relative with the absolute one on hover. */
    static String ago(Instant at, Instant now) {
        return Durations.words(Duration.between(at, now)) + " ago";
    }

    /**
     * An item of the change and the pipeline it is in.
     *
     * @param pipeline pipeline name
     * @param queue    change queue name
     * @param item     the item's row
     */
    @Introspected
    public record PipelineItem(String pipeline, String queue, ItemRow item) {}

    /**
     * Gerrit's facts of the change.
     *
     * @param project    project
     * @param projectUrl the project's page here
     * @param branch     branch
     * @param owner      owner's name
     * @param status     NEW, MERGED, ABANDONED
     * @param topic      topic, empty when none
     * @param patchSet   the newest patch set number, 0 when no event named one
     * @param votes      the latest vote per label
     * @param reviewUrl  the review page, empty unless it is an http(s) address
     * @param patchSets  its patch sets with the votes cast on each, oldest first
     */
    @Introspected
    public record Facts(
            String project,
            String projectUrl,
            String branch,
            String owner,
            String status,
            String topic,
            int patchSet,
            List<Vote> votes,
            String reviewUrl,
            List<PatchSet> patchSets) {

        static Facts of(ChangeFacts.Change change, Instant now) {
            return new Facts(
                    change.project(),
                    StatusUrls.project(change.project()),
                    change.branch(),
                    change.owner(),
                    change.status(),
                    change.topic(),
                    change.latestPatchSet(),
                    change.votes().entrySet().stream()
                            .map(v -> new Vote(v.getKey(), signed(v.getValue())))
                            .toList(),
                    ResultMark.safeUrl(change.url()),
                    change.patchSets().stream()
                            .map(p -> PatchSet.of(p, change.history(), now))
                            .toList());
        }
    }

    /**
     * A label's vote.
     *
     * @param label Code-Review, Verified, Workflow...
     * @param value the vote with its sign ("+2", "-1")
     */
    @Introspected
    public record Vote(String label, String value) {}

    /**
     * A patch set and the votes cast on it.
     *
     * @param number    patch set number
     * @param revision  the start of its commit id, empty when unknown
     * @param uploader  who uploaded it
     * @param createdOn when
     * @param createdAgo how long ago ("1 d ago"), empty when Gerrit did not say when
     * @param kind      REWORK, TRIVIAL_REBASE..., empty when unknown
     * @param size      lines added and removed ("+12 −3"), empty when it changed none
     * @param votes     the votes cast on it, oldest first
     */
    @Introspected
    public record PatchSet(
            int number,
            String revision,
            String uploader,
            Instant createdOn,
            String createdAgo,
            String kind,
            String size,
            List<CastVote> votes) {

        static PatchSet of(ChangeFacts.PatchSetFacts p, List<ChangeFacts.Vote> history, Instant now) {
            String revision = p.revision();
            return new PatchSet(
                    p.number(),
                    revision.length() > SHORT_ID ? revision.substring(0, SHORT_ID) : revision,
                    p.uploader(),
                    p.createdOn(),
                    p.createdOn().getEpochSecond() > 0 ? ago(p.createdOn(), now) : "",
                    p.kind(),
                    p.insertions() + p.deletions() > 0 ? "+" + p.insertions() + " \u2212" + p.deletions() : "",
                    history.stream()
                            .filter(v -> v.patchSet() == p.number())
                            .map(v -> new CastVote(v.label(), signed(v.value()), v.by(), v.at(), ago(v.at(), now)))
                            .toList());
        }
    }

    /**
     * A vote as it was cast.
     *
     * @param label Code-Review, Verified, Workflow...
     * @param value the vote with its sign
     * @param by    who voted
     * @param at    when
     * @param ago   how long ago
     */
    @Introspected
    public record CastVote(String label, String value, String by, Instant at, String ago) {}

    /**
     * A run of the change through a pipeline.
     *
     * @param pipeline    pipeline
     * @param patchSet    patch set tested
     * @param result      the buildset's result, "running" while it runs
     * @param mark        how the result looks
     * @param enqueued    when it entered the pipeline
     * @param enqueuedAgo how long ago
     * @param builds      its builds
     */
    @Introspected
    public record Run(
            String pipeline,
            int patchSet,
            String result,
            ResultMark mark,
            Instant enqueued,
            String enqueuedAgo,
            List<PipelineRuns.Build> builds) {

        static Run of(PipelineRuns.Run run, Instant now) {
            return new Run(
                    run.pipeline(),
                    run.patchSet(),
                    run.result().orElse("running"),
                    run.mark(),
                    run.enqueued(),
                    ago(run.enqueued(), now),
                    run.builds());
        }
    }

    /**
     * The changes that go with this one.
     *
     * @param alone      the change stands alone: the page leaves the group out
     * @param members    every change of the group, the change itself first
     * @param unresolved Depends-On values that name nothing known here
     */
    @Introspected
    public record Group(boolean alone, List<Member> members, List<Reference> unresolved) {

        static Group of(DependencyGroup group, int self) {
            return new Group(
                    group.alone(),
                    group.members().stream().map(m -> Member.of(m, self)).toList(),
                    group.unresolved().stream()
                            .map(u -> new Reference(u, ResultMark.safeUrl(u)))
                            .toList());
        }
    }

    /**
     * One change of the group, as its row shows it.
     *
     * @param number   change number
     * @param pageUrl  its page here
     * @param css      the row's classes: the change itself is marked
     * @param subject  subject
     * @param reason   how it is related
     * @param project  project, empty when only a reference names it
     * @param branch   branch
     * @param status   NEW, MERGED, ABANDONED, or "unknown"
     * @param now      where it is in the pipelines now, empty when in none
     * @param lastRun  its newest finished run ("check: FAILURE"), empty when none
     * @param verified its Verified vote ("V +1"), empty when none
     * @param review   its Code-Review vote ("CR +2"), empty when none
     */
    @Introspected
    public record Member(
            int number,
            String pageUrl,
            String css,
            String subject,
            String reason,
            String project,
            String branch,
            String status,
            List<String> now,
            String lastRun,
            String verified,
            String review) {

        static Member of(DependencyGroup.Member m, int self) {
            return new Member(
                    m.number(),
                    StatusUrls.change(m.number()),
                    m.number() == self ? "member self" : "member",
                    m.subject(),
                    m.reason(),
                    m.project(),
                    m.branch(),
                    m.status().isEmpty() ? "unknown" : m.status(),
                    m.now(),
                    m.lastRun(),
                    m.verified() == 0 ? "" : "V " + signed(m.verified()),
                    m.review() == 0 ? "" : "CR " + signed(m.review()));
        }
    }

    /**
     * A Depends-On value that names nothing known here.
     *
     * @param text as written
     * @param url  the same when it is an http(s) address, to link; empty otherwise
     */
    @Introspected
    public record Reference(String text, String url) {}
}
