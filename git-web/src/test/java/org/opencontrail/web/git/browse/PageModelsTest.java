package org.opencontrail.web.git.browse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the repository pages show beyond plain fields is made by their models: anchors, classes, words, numbers. */
class PageModelsTest {

    @Test
    void aRepositorysPagesAreDescribedByItsNameAndItsLineOrWhatItHolds() {
        ProjectHeader described =
                new ProjectHeader("Juniper/contrail-controller", "The SDN controller", "", "", "", "", "", "", "log");
        ProjectHeader bare = new ProjectHeader("Juniper/contrail-build", " ", "", "", "", "", "", "", "tree");

        assertThat(described.pageDescription()).isEqualTo("Juniper/contrail-controller: The SDN controller");
        assertThat(bare.pageDescription()).isEqualTo("Juniper/contrail-build: its files, history, branches and tags");
    }

    @Test
    void aFilesAndABlamesLinesAreNamedAlikeSoThatOneLinkReachesBoth() {
        BlameView.Line blamed =
                new BlameView.Line(12, "int a;", true, "0123456789", "/p/+/0123", "Dev", "2 days", "s", 9, 1);
        TreeView.NumberedLine shown = new TreeView.NumberedLine(12, "int a;");

        assertThat(blamed.id()).isEqualTo("L12").isEqualTo(shown.id());
        assertThat(blamed.anchorUrl()).isEqualTo("#L12").isEqualTo(shown.anchorUrl());
        assertThat(blamed.stripeClass()).isEqualTo("stripe1");
    }

    @Test
    void aFilesLinesAreNumberedFromOne() {
        TreeView.File file = new TreeView.File(
                "master",
                "0123",
                "a.c",
                List.of(),
                12,
                "regular",
                false,
                false,
                false,
                "c",
                List.of("int a;", "", "int b;"),
                "",
                "",
                "",
                "",
                "",
                "");

        assertThat(file.numberedLines())
                .containsExactly(
                        new TreeView.NumberedLine(1, "int a;"),
                        new TreeView.NumberedLine(2, ""),
                        new TreeView.NumberedLine(3, "int b;"));
    }

    @Test
    void aFolderListsNoSizeForFoldersAndSubmodules() {
        assertThat(new TreeView.Entry("a.c", "blob", "100644", 12, "/p/+/m/a.c").sizeText())
                .isEqualTo("12");
        assertThat(new TreeView.Entry("src", "tree", "040000", -1, "/p/+/m/src/").sizeText())
                .isEmpty();
    }

    @Test
    void aCommitsReviewLinkSaysItsChangeIdOrThatItFindsTheChange() {
        CommitView.Page withId = commit("I0123456789abcdef0123456789abcdef01234567");
        CommitView.Page without = commit("");

        assertThat(withId.reviewLabel()).isEqualTo("I0123456789abcdef0123456789abcdef01234567");
        assertThat(without.reviewLabel()).isEqualTo("Find its change");
        assertThat(withId.ciFragmentUrl()).isEqualTo("/Juniper/contrail-controller/+ci/0123?fragment=1");
    }

    private static CommitView.Page commit(String changeId) {
        return new CommitView.Page(
                "0123",
                "0123",
                null,
                null,
                List.of(),
                List.of(),
                "Subject",
                changeId,
                "https://review/q/x",
                List.of(),
                "",
                "",
                "",
                "",
                "",
                null,
                "",
                "/Juniper/contrail-controller/+ci/0123");
    }

    @Test
    void aTagSaysItsMessageWhenAnnotatedElseItsCommitsSubject() {
        assertThat(tag(true).description()).isEqualTo("Release 5.1");
        assertThat(tag(false).description()).isEqualTo("Bump version");
    }

    private static RefsView.RefInfo tag(boolean annotated) {
        return new RefsView.RefInfo(
                "v5.1",
                "refs/tags/v5.1",
                "0123",
                "/p/+/v5.1",
                "/p/+log/v5.1",
                "Bump version",
                "",
                "1 day",
                annotated,
                annotated ? "Release Manager" : "",
                annotated ? "Release 5.1" : "",
                false);
    }

    @Test
    void aDiffsFileSaysItsChangeInAWordAndLinksToItsSection() {
        FileDiff file = new FileDiff("MODIFY", "a.c", "a.c", "diff-a.c", 0, false, 1, 1, List.of(), false, "");

        assertThat(file.changeWord()).isEqualTo("modify");
        assertThat(file.anchorUrl()).isEqualTo("#diff-a.c");
    }

    @Test
    void aSideBySideRowLeavesAnEmptySideEmpty() {
        FileDiff.Row replaced =
                new FileDiff.Row(new FileDiff.Line('-', 3, 0, "old"), new FileDiff.Line('+', 0, 3, "new"));
        FileDiff.Row added = new FileDiff.Row(null, new FileDiff.Line('+', 0, 4, "more"));

        assertThat(List.of(replaced.leftNumber(), replaced.leftClass(), replaced.leftText()))
                .containsExactly("3", "del", "old");
        assertThat(List.of(replaced.rightNumber(), replaced.rightClass(), replaced.rightText()))
                .containsExactly("3", "add", "new");
        assertThat(List.of(added.leftNumber(), added.leftClass(), added.leftText()))
                .containsExactly("", "empty", "");
        assertThat(added.rightNumber()).isEqualTo("4");
        assertThat(new FileDiff.Row(new FileDiff.Line(' ', 0, 0, "note"), null).leftNumber())
                .as("a line without a number in the old file")
                .isEmpty();
    }
}
