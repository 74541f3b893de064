package org.opencontrail.web.shared.gerrit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.ChangeDeleted;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.ChangeMerged;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.CommentAdded;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.HashtagsChanged;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.PatchSetCreated;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.ProjectHeadUpdated;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.RefReplication;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.RefUpdated;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.Unknown;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.VoteDeleted;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.WipStateChanged;
import org.opencontrail.web.shared.text.Excerpts;

class GerritEventParserTest {

    private final GerritEventParser parser = new GerritEventParser();

    private List<ParseOutcome> document(String resource) {
        try (InputStream in = getClass().getResourceAsStream("/gerrit/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            return parser.parseDocument(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private GerritEvent single(String resource) {
        List<ParseOutcome> outcomes = document(resource);
        assertThat(outcomes).hasSize(1).first().isInstanceOf(ParseOutcome.Parsed.class);
        return ((ParseOutcome.Parsed) outcomes.get(0)).event();
    }

    private List<GerritEvent> realSession() {
        try (InputStream in =
                getClass().getResourceAsStream("/gerrit/real-gerrit-3.11.0/stream/session-demo-hello.jsonl")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines()
                    .map(parser::parseLine)
                    .map(outcome -> {
                        assertThat(outcome).isInstanceOf(ParseOutcome.Parsed.class);
                        return ((ParseOutcome.Parsed) outcome).event();
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aTimeBeyondAnyInstantIsTheEpochNotAnException() {
        // found by GerritEventParserFuzzTest: Instant.ofEpochSecond threw out of the parser
        ParseOutcome outcome = parser.parseLine(
                "{\"type\":\"ref-updated\",\"eventCreatedOn\":999999999999999999999999999999,"
                        + "\"refUpdate\":{\"project\":\"p\",\"refName\":\"refs/heads/master\",\"oldRev\":\"a\",\"newRev\":\"b\"}}");

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        ParseOutcome.Parsed.class,
                        parsed -> assertThat(parsed.event().createdOn()).isEqualTo(Instant.EPOCH));
    }

    @Test
    void everyLineOfARealGerritSessionIsTyped() {
        List<GerritEvent> events = realSession();

        assertThat(events).hasSize(62).noneMatch(event -> event instanceof Unknown);
        Map<String, Long> byType =
                events.stream().collect(Collectors.groupingBy(GerritEvent::type, TreeMap::new, Collectors.counting()));
        assertThat(byType)
                .containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(
                        Map.entry("change-abandoned", 2L),
                        Map.entry("change-deleted", 1L),
                        Map.entry("change-merged", 1L),
                        Map.entry("change-restored", 1L),
                        Map.entry("comment-added", 4L),
                        Map.entry("hashtags-changed", 1L),
                        Map.entry("patchset-created", 4L),
                        Map.entry("private-state-changed", 4L),
                        Map.entry("project-created", 2L),
                        Map.entry("project-head-updated", 1L),
                        Map.entry("ref-updated", 33L),
                        Map.entry("reviewer-added", 2L),
                        Map.entry("reviewer-deleted", 1L),
                        Map.entry("topic-changed", 2L),
                        Map.entry("vote-deleted", 1L),
                        Map.entry("wip-state-changed", 2L))));
    }

    @Test
    void patchsetCreatedCarriesChangePatchSetAndUploader() {
        PatchSetCreated created = (PatchSetCreated) realSession().stream()
                .filter(e -> e instanceof PatchSetCreated)
                .findFirst()
                .orElseThrow();

        assertThat(created.createdOn()).isEqualTo(Instant.ofEpochSecond(1795507674));
        assertThat(created.change().project()).isEqualTo("demo/hello");
        assertThat(created.change().branch()).isEqualTo("master");
        assertThat(created.change().number()).isEqualTo(1);
        assertThat(created.change().id()).isEqualTo("I6c185d413ab769412141fb2582338e7d2f2f249d");
        assertThat(created.change().subject()).isEqualTo("Add README");
        assertThat(created.change().owner()).isEqualTo(new Account("Administrator", "admin@example.com", "admin"));
        assertThat(created.change().url()).isEqualTo("http://127.0.0.1:18080/c/demo/hello/+/1");
        assertThat(created.change().status()).isEqualTo("NEW");
        assertThat(created.change().topic()).isEmpty();
        PatchSet patchSet = created.patchSet().orElseThrow();
        assertThat(patchSet.number()).isEqualTo(1);
        assertThat(patchSet.revision()).isEqualTo("eddd5e80ce2b30ac518bbf9934290f57acff58e2");
        assertThat(patchSet.parents()).containsExactly("6ff33de466685962c16dcf2dfa42c04bc3a947e7");
        assertThat(patchSet.ref()).isEqualTo("refs/changes/01/1/1");
        assertThat(patchSet.kind()).isEqualTo("REWORK");
        assertThat(patchSet.sizeInsertions()).isEqualTo(10);
        assertThat(created.uploader().username()).isEqualTo("admin");
    }

    @Test
    void commentAddedCarriesVotesWithTheirOldValues() {
        CommentAdded comment = (CommentAdded) realSession().stream()
                .filter(e -> e instanceof CommentAdded c && !c.approvals().isEmpty())
                .findFirst()
                .orElseThrow();

        assertThat(comment.author().displayName()).isEqualTo("Reviewer One");
        assertThat(comment.comment()).startsWith("Patch Set 1: Code-Review+1");
        assertThat(comment.approvals()).containsExactly(new Approval("Code-Review", "Code-Review", 1, Optional.of(0)));
        assertThat(comment.approvals().get(0).changed()).isTrue();
        assertThat(comment.change().topic()).hasValue("readme-work");
        assertThat(comment.change().hashtags()).containsExactly("demo", "docs");
        assertThat(comment.change().isPrivate()).isTrue();
    }

    @Test
    void mergesVoteDeletionsHeadsAndWipStatesKeepTheirFields() {
        List<GerritEvent> events = realSession();
        ChangeMerged merged = (ChangeMerged) events.stream()
                .filter(e -> e instanceof ChangeMerged)
                .findFirst()
                .orElseThrow();
        assertThat(merged.newRev()).isEqualTo("21d7cf80830c85f2d517bc099285b6e6f9c325de");
        assertThat(merged.change().status()).isEqualTo("MERGED");
        assertThat(merged.patchSet().orElseThrow().number()).isEqualTo(2);

        VoteDeleted vote = (VoteDeleted) events.stream()
                .filter(e -> e instanceof VoteDeleted)
                .findFirst()
                .orElseThrow();
        assertThat(vote.reviewer().username()).isEqualTo("reviewer1");
        assertThat(vote.approvals()).containsExactly(new Approval("Code-Review", "Code-Review", 0, Optional.of(-1)));

        ProjectHeadUpdated head = (ProjectHeadUpdated) events.stream()
                .filter(e -> e instanceof ProjectHeadUpdated)
                .findFirst()
                .orElseThrow();
        assertThat(head)
                .isEqualTo(new ProjectHeadUpdated(
                        "demo/hello", "refs/heads/master", "refs/heads/stable", Instant.ofEpochSecond(1795507704)));

        assertThat(events.stream()
                        .filter(e -> e instanceof WipStateChanged)
                        .map(e -> ((WipStateChanged) e).change().wip()))
                .containsExactly(true, false);

        RefUpdated meta = (RefUpdated) events.stream()
                .filter(e ->
                        e instanceof RefUpdated r && r.refUpdate().refName().endsWith("/meta"))
                .findFirst()
                .orElseThrow();
        assertThat(meta.refUpdate().created()).isTrue();
    }

    @Test
    void oldServersNumbersAndVotesSentAsStringsAreNumbers() {
        CommentAdded comment = (CommentAdded) single("pygerrit-testdata/comment-added-event.txt");

        assertThat(comment.change().number()).isEqualTo(123456);
        assertThat(comment.patchSet().orElseThrow().number()).isEqualTo(4);
        assertThat(comment.approvals())
                .extracting(Approval::type, Approval::value)
                .containsExactly(tuple("CRVW", 1), tuple("VRIF", 1));
        assertThat(comment.approvals().get(0).oldValue()).isEmpty();
        assertThat(comment.createdOn()).as("no eventCreatedOn").isEqualTo(Instant.EPOCH);
        assertThat(comment.change().owner().username()).isEmpty();
        assertThat(comment.change().owner().displayName()).isEqualTo("Owner Name");
    }

    @Test
    void aTrailingCommaInsideAnArrayIsAccepted() {
        HashtagsChanged hashtags =
                (HashtagsChanged) single("gerrit-events-testdata/DeserializeHashtagsChangedTest.json");

        assertThat(hashtags.added()).containsExactly("newtag", "newtag2");
        assertThat(hashtags.removed()).containsExactly("oldtag", "oldtag2");
        assertThat(hashtags.hashtags()).containsExactly("works", "yolo");
        assertThat(hashtags.change().number()).isEqualTo(1000);
    }

    @Test
    void modernChangeDeletedTakesProjectAndChangeIdFromTheEvent() {
        ChangeDeleted deleted = (ChangeDeleted) single("gerrit-events-testdata/DeserializeChangeDeletedTest.json");

        assertThat(deleted.change().project()).isEqualTo("bwnUVH");
        assertThat(deleted.change().number()).isEqualTo(3);
        assertThat(deleted.deleter().username()).isEqualTo("admin");
        assertThat(deleted.patchSet()).isEmpty();
    }

    @Test
    void everyFixtureFileParsesOrIsReportedWhereItBreaks() {
        for (String file : List.of(
                "pygerrit-testdata/change-abandoned-event.txt",
                "pygerrit-testdata/change-merged-event.txt",
                "pygerrit-testdata/change-restored-event.txt",
                "pygerrit-testdata/comment-added-event.txt",
                "pygerrit-testdata/draft-published-event.txt",
                "pygerrit-testdata/merge-failed-event.txt",
                "pygerrit-testdata/patchset-created-event.txt",
                "pygerrit-testdata/ref-updated-event.txt",
                "pygerrit-testdata/reviewer-added-event.txt",
                "pygerrit-testdata/topic-changed-event.txt",
                "pygerrit-testdata/unhandled-event.txt",
                "pygerrit-testdata/user-defined-event.txt",
                "gerrit-events-testdata/DeserializeVoteDeletedTest.json",
                "gerrit-events-testdata/DeserializeChangeDeletedTest.json",
                "gerrit-events-testdata/DeserializeEventCreatedOnTest.json",
                "gerrit-events-testdata/DeserializeHashtagsChangedTest.json")) {
            assertThat(document(file)).as(file).hasSize(1).allMatch(outcome -> outcome instanceof ParseOutcome.Parsed);
        }

        List<ParseOutcome> invalid = document("pygerrit-testdata/invalid-json.txt");
        assertThat(invalid)
                .hasSize(1)
                .first()
                .isInstanceOfSatisfying(
                        ParseOutcome.Malformed.class,
                        malformed -> assertThat(malformed.reason()).contains("line 1, column 1"));
    }

    @Test
    void unknownTypesAreKeptWhole() {
        GerritEvent event = single("pygerrit-testdata/user-defined-event.txt");

        assertThat(event).isInstanceOfSatisfying(Unknown.class, unknown -> {
            assertThat(unknown.type()).isEqualTo("user-defined-event");
            assertThat(unknown.json()).contains("\"title\":\"Event title\"");
        });
        assertThat(single("pygerrit-testdata/draft-published-event.txt").type()).isEqualTo("draft-published");
    }

    @Test
    void replicationEventsAreTyped() {
        ParseOutcome outcome = parser.parseLine(
                "{\"type\":\"ref-replicated\",\"project\":\"contrail-controller\",\"ref\":\"refs/heads/master\","
                        + "\"targetNode\":\"github.com\",\"status\":\"succeeded\",\"refStatus\":\"OK\",\"eventCreatedOn\":1700000000}");

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        ParseOutcome.Parsed.class,
                        parsed -> assertThat(parsed.event())
                                .isEqualTo(new RefReplication(
                                        "ref-replicated",
                                        "contrail-controller",
                                        "refs/heads/master",
                                        "github.com",
                                        "succeeded",
                                        0,
                                        Instant.ofEpochSecond(1700000000))));
    }

    @Test
    void garbageIsReportedWithABoundedExcerptNeverThrown() {
        String huge = "x".repeat(1_000_000);
        assertThat(parser.parseLine("{\"type\":"))
                .isInstanceOfSatisfying(
                        ParseOutcome.Malformed.class,
                        malformed -> assertThat(malformed.reason()).contains("invalid JSON"));
        assertThat(parser.parseLine("[1,2]")).isInstanceOf(ParseOutcome.Malformed.class);
        assertThat(parser.parseLine(huge))
                .isInstanceOfSatisfying(
                        ParseOutcome.Malformed.class,
                        malformed -> assertThat(malformed.excerpt()).hasSizeLessThanOrEqualTo(Excerpts.LIMIT + 3));
        assertThat(parser.parseLine("\u0000\u001b[31m<script>"))
                .isInstanceOfSatisfying(
                        ParseOutcome.Malformed.class,
                        malformed -> assertThat(malformed.excerpt()).doesNotContain("\u0000", "\u001b"));
        assertThat(parser.parseLine("   ")).isInstanceOf(ParseOutcome.Blank.class);
    }

    @Test
    void aOneMegabyteEventParses() {
        String comment = "y".repeat(1_000_000);
        ParseOutcome outcome = parser.parseLine(
                "{\"type\":\"comment-added\",\"change\":{\"number\":7},\"comment\":\"" + comment + "\"}");

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        ParseOutcome.Parsed.class,
                        parsed -> assertThat(((CommentAdded) parsed.event()).comment())
                                .hasSize(1_000_000));
    }

    @Test
    void statesSwitchedTwiceInOneSecondAreTwoEvents() {
        List<GerritEvent> events = realSession();

        assertThat(events.stream().map(GerritEvent::key).distinct().count()).isEqualTo(events.size());
    }

    @Test
    void theSameEventHasTheSameKeyAndTwoVotesInOneSecondDoNot() {
        String first =
                "{\"type\":\"comment-added\",\"change\":{\"number\":7},\"patchSet\":{\"number\":2,\"ref\":\"refs/changes/07/7/2\"},"
                        + "\"author\":{\"username\":\"ci\"},\"eventCreatedOn\":1700000000}";
        String other = first.replace("\"ci\"", "\"reviewer\"");
        GerritEvent a = ((ParseOutcome.Parsed) parser.parseLine(first)).event();
        GerritEvent again = ((ParseOutcome.Parsed) parser.parseLine(first)).event();
        GerritEvent b = ((ParseOutcome.Parsed) parser.parseLine(other)).event();

        assertThat(a.key()).isEqualTo(again.key()).isNotEqualTo(b.key());
        assertThat(a.key())
                .isEqualTo(new EventKey(
                        "comment-added",
                        7,
                        2,
                        "refs/changes/07/7/2",
                        1700000000,
                        "ci",
                        Integer.toHexString("".hashCode())));
    }
}
