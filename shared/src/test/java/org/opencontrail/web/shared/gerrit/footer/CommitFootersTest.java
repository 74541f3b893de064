package org.opencontrail.web.shared.gerrit.footer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommitFootersTest {

    @Test
    void readsTheFootersOfTheLastParagraphOnly() {
        String message = """
                Fix vrouter flow aging

                Depends-On: I0000000000000000000000000000000000000000 in the body is prose, not a footer.

                Closes-Bug: #1712345
                depends-on: I1234567890abcdef1234567890abcdef12345678
                Depends-On: https://review.opencontrail.org/c/Juniper/contrail-common/+/41234
                Change-Id: Iabcdefabcdefabcdefabcdefabcdefabcdefabcd
                Reviewed-on: https://review.opencontrail.org/41240
                """;
        CommitFooters footers = CommitFooters.of(message);
        assertThat(footers.changeId()).contains("Iabcdefabcdefabcdefabcdefabcdefabcdefabcd");
        assertThat(footers.dependsOn())
                .containsExactly(
                        "I1234567890abcdef1234567890abcdef12345678",
                        "https://review.opencontrail.org/c/Juniper/contrail-common/+/41234");
        assertThat(footers.reviewedOn()).containsExactly("https://review.opencontrail.org/41240");
    }

    @Test
    void aMessageOfOneParagraphHasNoFooters() {
        assertThat(CommitFooters.of("Change-Id: I1234567890abcdef1234567890abcdef12345678")
                        .changeId())
                .isEmpty();
        assertThat(CommitFooters.of("").dependsOn()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "https://review.opencontrail.org/41234, 41234",
        "https://review.opencontrail.org/41234/, 41234",
        "https://review.opencontrail.org/#/c/41234/, 41234",
        "https://review.opencontrail.org/#/c/41234/3, 41234",
        "https://review.opencontrail.org/c/41234, 41234",
        "https://review.opencontrail.org/c/Juniper/contrail-controller/+/41234, 41234",
        "https://review.opencontrail.org/c/Juniper/contrail-controller/+/41234/2/, 41234",
        "https://review.example.org/r/c/tungstenfabric/tf-common/+/77, 77",
    })
    void readsTheChangeNumberOfEveryGerritUrlStyle(String url, int number) {
        assertThat(CommitFooters.changeNumber(url)).hasValue(number);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://github.com/tungstenfabric/tf-common/pull/",
                "not a url",
                "https://review.opencontrail.org/"
            })
    void otherUrlsNameNoChange(String url) {
        assertThat(CommitFooters.changeNumber(url)).isEmpty();
    }

    @Test
    void knowsAChangeIdFromAUrl() {
        assertThat(CommitFooters.isChangeId("I1234567890abcdef1234567890abcdef12345678"))
                .isTrue();
        assertThat(CommitFooters.isChangeId("https://review.opencontrail.org/41234"))
                .isFalse();
    }
}
