package org.opencontrail.web.status.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.status.facts.ChangeFacts;

/** What the change page shows is made by its model: signs, short ids, safe links, sizes, each patch set's votes. */
class ChangePageModelTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private static ChangeFacts.Change change(String url, List<ChangeFacts.PatchSetFacts> patchSets) {
        Map<String, Integer> votes = new TreeMap<>(Map.of("Code-Review", 2, "Verified", -1, "Workflow", 0));
        return new ChangeFacts.Change(
                41234,
                "I0123",
                "Juniper/contrail-controller",
                "master",
                "Add BGPaaS knob",
                "Dev One",
                "NEW",
                "",
                url,
                patchSets,
                votes,
                List.of(
                        new ChangeFacts.Vote(1, "Verified", -1, "CI", NOW.minus(Duration.ofHours(5))),
                        new ChangeFacts.Vote(2, "Verified", 1, "CI", NOW.minus(Duration.ofHours(1))),
                        new ChangeFacts.Vote(2, "Code-Review", 2, "Core", NOW.minus(Duration.ofMinutes(30)))),
                List.of(),
                NOW);
    }

    private static ChangeFacts.PatchSetFacts patchSet(int number, String revision, Instant at, int added, int removed) {
        return new ChangeFacts.PatchSetFacts(number, revision, List.of(), "Dev One", at, "REWORK", added, removed);
    }

    private static ChangePage page(ChangeFacts.Change change) {
        return ChangePage.of(
                change.number(),
                Optional.of(change),
                List.of(),
                List.of(),
                new DependencyGroup(List.of(), List.of()),
                NOW);
    }

    @Test
    void aChangesPageIsDescribedByItsNumberSubjectAndProject() {
        assertThat(page(change("https://review.example.org/41234", List.of())).description())
                .startsWith("Change 41234: Add BGPaaS knob (Juniper/contrail-controller). ");
        assertThat(ChangePage.of(
                                41235,
                                Optional.empty(),
                                List.of(),
                                List.of(),
                                new DependencyGroup(List.of(), List.of()),
                                NOW)
                        .description())
                .as("a change Gerrit has said nothing of")
                .startsWith("Change 41235. ");
    }

    @Test
    void votesCarryTheirSignAsGerritWritesThem() {
        ChangePage.Facts facts = page(change("https://review.example.org/41234", List.of()))
                .facts()
                .orElseThrow();

        assertThat(facts.votes())
                .containsExactly(
                        new ChangePage.Vote("Code-Review", "+2"),
                        new ChangePage.Vote("Verified", "-1"),
                        new ChangePage.Vote("Workflow", "0"));
        assertThat(facts.projectUrl()).isEqualTo("/project/Juniper/contrail-controller");
    }

    @Test
    void onlyAnHttpReviewAddressBecomesALink() {
        assertThat(page(change("https://review.example.org/41234", List.of()))
                        .facts()
                        .orElseThrow()
                        .reviewUrl())
                .isEqualTo("https://review.example.org/41234");
        assertThat(page(change("javascript:alert(1)", List.of()))
                        .facts()
                        .orElseThrow()
                        .reviewUrl())
                .isEmpty();
        assertThat(page(change("", List.of())).facts().orElseThrow().reviewUrl())
                .isEmpty();
    }

    @Test
    void eachPatchSetShowsItsShortIdItsSizeAndTheVotesCastOnIt() {
        ChangePage.Facts facts = page(change(
                        "https://review.example.org/41234",
                        List.of(
                                patchSet(
                                        1,
                                        "0123456789abcdef0123456789abcdef01234567",
                                        NOW.minus(Duration.ofDays(1)),
                                        12,
                                        3),
                                patchSet(2, "abc1", Instant.EPOCH, 0, 0))))
                .facts()
                .orElseThrow();

        ChangePage.PatchSet first = facts.patchSets().get(0);
        assertThat(first.revision()).isEqualTo("0123456789");
        assertThat(first.size()).isEqualTo("+12 \u22123");
        assertThat(first.createdAgo()).isEqualTo("1 d ago");
        assertThat(first.votes())
                .extracting(ChangePage.CastVote::label, ChangePage.CastVote::value, ChangePage.CastVote::by)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Verified", "-1", "CI"));

        ChangePage.PatchSet second = facts.patchSets().get(1);
        assertThat(second.revision()).isEqualTo("abc1");
        assertThat(second.size()).isEmpty();
        assertThat(second.createdAgo()).as("Gerrit did not say when").isEmpty();
        assertThat(second.votes())
                .extracting(v -> v.label() + " " + v.value())
                .containsExactly("Verified +1", "Code-Review +2");
        assertThat(facts.patchSet()).isEqualTo(2);
    }

    @Test
    void theGroupMarksTheChangeItselfSignsVotesAndLinksOnlyHttpReferences() {
        DependencyGroup group = new DependencyGroup(
                List.of(
                        new DependencyGroup.Member(
                                41234, "p", "master", "s", "NEW", "", "this change", List.of(), "", 1, 2),
                        new DependencyGroup.Member(
                                41000, "", "", "", "", "", "needed by 41234", List.of(), "check: FAILURE", -1, 0)),
                List.of("https://other.example.org/c/9", "I0000000000000000000000000000000000000000"));

        ChangePage page = ChangePage.of(41234, Optional.empty(), List.of(), List.of(), group, NOW);

        assertThat(page.group().alone()).isFalse();
        assertThat(page.group().members())
                .extracting(
                        ChangePage.Member::css,
                        ChangePage.Member::pageUrl,
                        ChangePage.Member::status,
                        ChangePage.Member::verified,
                        ChangePage.Member::review)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("member self", "/change/41234", "NEW", "V +1", "CR +2"),
                        org.assertj.core.groups.Tuple.tuple("member", "/change/41000", "unknown", "V -1", ""));
        assertThat(page.group().unresolved())
                .containsExactly(
                        new ChangePage.Reference("https://other.example.org/c/9", "https://other.example.org/c/9"),
                        new ChangePage.Reference("I0000000000000000000000000000000000000000", ""));
    }

    @Test
    void aRunWithoutAResultIsRunningAndTimesAreSaidRelativeToThePage() {
        PipelineRuns.Run running = new PipelineRuns.Run(
                "check", 2, "item2", NOW.minus(Duration.ofHours(3)), Optional.empty(), Optional.empty(), List.of());
        PipelineRuns.Run failed = new PipelineRuns.Run(
                "gate", 1, "item1", NOW.minus(Duration.ofDays(2)), Optional.of(NOW), Optional.of("FAILURE"), List.of());

        ChangePage page = ChangePage.of(
                41234,
                Optional.empty(),
                List.of(),
                List.of(running, failed),
                new DependencyGroup(List.of(), List.of()),
                NOW);

        assertThat(page.runs())
                .extracting(ChangePage.Run::result, r -> r.mark().css(), ChangePage.Run::enqueuedAgo)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("running", "result-running", "3 h ago"),
                        org.assertj.core.groups.Tuple.tuple("FAILURE", "result-failure", "2 d ago"));
        assertThat(page.serverNow()).isEqualTo(NOW.toEpochMilli());
        assertThat(page.subject()).isEmpty();
        assertThat(page.facts()).isEmpty();
    }
}
