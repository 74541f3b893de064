package org.opencontrail.web.shared.gerrit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.opencontrail.web.shared.testing.Mutations;

/** Whatever comes down Gerrit's stream, the parser answers an outcome: never an exception, never a hang. */
class GerritEventParserFuzzTest {

    private static final Duration BOUND = Duration.ofSeconds(2);
    private final GerritEventParser parser = new GerritEventParser();

    @Provide
    Arbitrary<String> lines() {
        List<String> samples =
                new ArrayList<>(Mutations.resource("/gerrit/real-gerrit-3.11.0/stream/session-demo-hello.jsonl")
                        .lines()
                        .toList());
        Stream.of(
                        "change-abandoned",
                        "change-merged",
                        "change-restored",
                        "comment-added",
                        "draft-published",
                        "merge-failed",
                        "patchset-created",
                        "ref-updated",
                        "reviewer-added",
                        "topic-changed",
                        "unhandled",
                        "user-defined")
                .map(name -> Mutations.resource("/gerrit/pygerrit-testdata/" + name + "-event.txt")
                        .replace("\n", " "))
                .forEach(samples::add);
        return Arbitraries.oneOf(Mutations.ofJson(samples), Mutations.ofText(samples), Mutations.anyText());
    }

    @Property
    void everyLineIsParsedMalformedOrBlankAndNothingEscapes(@ForAll("lines") String line) {
        ParseOutcome outcome = assertTimeoutPreemptively(BOUND, () -> parser.parseLine(line));

        assertThat(outcome).isNotNull();
        if (outcome instanceof ParseOutcome.Malformed malformed) {
            assertThat(malformed.reason()).isNotBlank();
            assertThat(malformed.excerpt().length()).isLessThanOrEqualTo(line.length() + 200);
        }
        if (outcome instanceof ParseOutcome.Parsed parsed) {
            assertThat(parsed.event()).isNotNull();
        }
    }

    @Property
    void aDocumentOfManyValuesIsReadUpToItsFirstBrokenOneAndNothingEscapes(
            @ForAll("lines") String first, @ForAll("lines") String second) {
        List<ParseOutcome> outcomes =
                assertTimeoutPreemptively(BOUND, () -> parser.parseDocument(new StringReader(first + "\n" + second)));

        assertThat(outcomes).doesNotContainNull();
        for (int i = 0; i < outcomes.size() - 1; i++) {
            if (outcomes.get(i) instanceof ParseOutcome.Malformed malformed) {
                assertThat(malformed.reason())
                        .as("reading stops at broken JSON")
                        .doesNotStartWith("invalid JSON");
            }
        }
    }
}
