package org.opencontrail.web.shared.gerrit.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.shared.gerrit.event.Approval;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.ChangeMerged;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.CommentAdded;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.PatchSetCreated;
import org.opencontrail.web.shared.testing.GerritChangesServer;

/** The REST backfill against a real Gerrit 3.11 answer, served on loopback as Gerrit served it. */
class RestChangesBackfillTest {

    private final GerritChangesServer server =
            new GerritChangesServer("/gerrit/real-gerrit-3.11.0/rest/changes-query-acme-widgets.json");

    @AfterEach
    void stop() {
        server.close();
    }

    private RestChangesBackfill backfill() {
        return new RestChangesBackfill(server.url(), Duration.ofSeconds(5));
    }

    @Test
    void turnsChangesBackIntoTheirEvents() throws Exception {
        List<GerritEvent> events = backfill().since(Instant.parse("2026-11-24T08:00:00Z"));

        assertThat(server.queries())
                .singleElement()
                .satisfies(query -> assertThat(query)
                        .contains("q=after%3A%222026-11-24+08%3A00%3A00%22")
                        .contains("o=MESSAGES")
                        .contains("o=ALL_REVISIONS"));
        // The answer holds the current revision only (patch set 4, made by the cherry-pick submit).
        assertThat(events)
                .extracting(GerritEvent::type)
                .containsExactly("comment-added", "comment-added", "patchset-created", "change-merged");
        assertThat(events).isSortedAccordingTo(Comparator.comparing(GerritEvent::createdOn));

        PatchSetCreated created = (PatchSetCreated) events.get(2);
        assertThat(created.patchSet().orElseThrow().number()).isEqualTo(4);
        assertThat(created.change().number()).isEqualTo(154);
        assertThat(created.change().project()).isEqualTo("acme/widgets");
        assertThat(created.change().topic()).hasValue("core-v1");
        assertThat(created.change().url()).endsWith("/c/acme/widgets/+/154");

        CommentAdded veto = (CommentAdded) events.get(0);
        assertThat(veto.author().username()).isEqualTo("bob");
        assertThat(veto.approvals()).containsExactly(new Approval("Code-Review", "Code-Review", -1, Optional.empty()));
        assertThat(((CommentAdded) events.get(1)).approvals())
                .extracting(Approval::value)
                .containsExactly(2);

        ChangeMerged merged = (ChangeMerged) events.get(3);
        assertThat(merged.submitter().username()).isEqualTo("alice");
        assertThat(merged.createdOn()).isEqualTo(Instant.parse("2026-11-24T08:11:29Z"));
        assertThat(merged.newRev()).isNotBlank();
    }

    @Test
    void openChangesAreAskedWithTheirWholeHistory() throws Exception {
        List<GerritEvent> events = backfill().openChanges();

        assertThat(server.queries())
                .singleElement()
                .satisfies(query -> assertThat(query)
                        .contains("q=status%3Aopen")
                        .contains("o=MESSAGES")
                        .contains("o=ALL_REVISIONS")
                        .contains("o=ALL_COMMITS"));
        assertThat(events)
                .extracting(GerritEvent::type)
                .containsExactly("comment-added", "comment-added", "patchset-created", "change-merged");
    }

    @Test
    void keepsOnlyWhatHappenedSinceTheGap() throws Exception {
        List<GerritEvent> events = backfill().since(Instant.parse("2026-11-24T08:11:29Z"));

        assertThat(events).extracting(GerritEvent::type).containsExactly("patchset-created", "change-merged");
    }

    @Test
    void anErrorAnswerIsAnErrorNotAnEmptyGap() {
        server.failNext(Integer.MAX_VALUE, 503);
        assertThatThrownBy(() -> backfill().since(Instant.EPOCH))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("503");
    }

    @Test
    void timesAreKeptToTheSecondAsTheStreamGivesThem() {
        assertThat(RestChangesBackfill.time("2026-11-24 08:11:29.734000000"))
                .isEqualTo(Instant.parse("2026-11-24T08:11:29Z"));
        assertThat(RestChangesBackfill.time("not a time")).isEqualTo(Instant.EPOCH);
    }

    @Test
    void votesAreReadFromTheReviewMessage() {
        assertThat(RestChangesBackfill.votes("Patch Set 2: Code-Review+2 Verified-1 Workflow+1\n\nship it"))
                .extracting(Approval::type, Approval::value)
                .containsExactly(tuple("Code-Review", 2), tuple("Verified", -1), tuple("Workflow", 1));
        assertThat(RestChangesBackfill.votes("Patch Set 2:\n\n(3 comments)")).isEmpty();
        assertThat(RestChangesBackfill.votes("recheck")).isEmpty();
    }
}
