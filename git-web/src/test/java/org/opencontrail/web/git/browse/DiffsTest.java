package org.opencontrail.web.git.browse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.git.support.SourceRepository;

class DiffsTest {

    @Test
    void pastTheReadingBudgetFilesAreListedButNotComparedUnlessAllIsAsked(@TempDir Path temp) throws Exception {
        try (SourceRepository source = SourceRepository.create(temp.resolve("repo"))) {
            source.commit("First\n", Map.of("keep.txt", "x\n"));
            RevCommit wide = source.commit(
                    "Three files of ten lines\n",
                    Map.of("a.txt", "a\n".repeat(10), "b.txt", "b\n".repeat(10), "c.txt", "c\n".repeat(10)));
            var repository = source.git().getRepository();
            RevCommit parent = repository.parseCommit(wide.getParent(0));
            Diffs.Diff limited = Diffs.between(
                    repository, parent.getTree(), wide.getTree(), "p", wide.name(), false, 5, new byte[0]);
            assertThat(limited.files()).extracting(FileDiff::path).containsExactly("a.txt", "b.txt", "c.txt");
            assertThat(limited.files()).extracting(FileDiff::compared).containsExactly(true, false, false);
            assertThat(limited.omitted()).isTrue();
            assertThat(limited.added()).isEqualTo(10);
            Diffs.Diff all =
                    Diffs.between(repository, parent.getTree(), wide.getTree(), "p", wide.name(), true, 5, new byte[0]);
            assertThat(all.files()).allMatch(FileDiff::compared);
            assertThat(all.added()).isEqualTo(30);
            assertThat(all.omitted()).isFalse();
        }
    }

    @Test
    void unifiedRowsAreEscapedTextWithTheirNumbers() {
        FileDiff.Hunk hunk = new FileDiff.Hunk(
                "@@ -1,2 +1,2 @@",
                List.of(
                        new FileDiff.Line(' ', 1, 1, "int a = 1;"),
                        new FileDiff.Line('-', 2, 0, "<script>alert('x')</script> & \"q\""),
                        new FileDiff.Line('+', 0, 2, "caf\u00e9 <b>"),
                        new FileDiff.Line('\\', 0, 0, "No newline at end of file")));
        org.jsoup.nodes.Document rows =
                org.jsoup.Jsoup.parseBodyFragment("<table><tbody>" + hunk.unifiedRows() + "</tbody></table>");
        assertThat(rows.select("script")).isEmpty();
        assertThat(rows.select("b")).isEmpty();
        assertThat(rows.select("tr").eachAttr("class")).containsExactly("ctx", "del", "add", "note");
        assertThat(rows.select("tr.del td.code span:eq(1)").text()).isEqualTo("<script>alert('x')</script> & \"q\"");
        assertThat(rows.select("tr.add td.code span:eq(1)").text()).isEqualTo("caf\u00e9 <b>");
        assertThat(rows.select("tr.del td.ln").stream()
                        .map(org.jsoup.nodes.Element::text)
                        .toList())
                .containsExactly("2", "");
        assertThat(rows.select("tr.add td.ln").stream()
                        .map(org.jsoup.nodes.Element::text)
                        .toList())
                .containsExactly("", "2");
        assertThat(rows.select("tr.add span.mark").text()).isEqualTo("+");
    }
}
