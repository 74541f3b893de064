package org.opencontrail.web.git.browse;

import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.git.support.SourceRepository;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DiffsTest {

    @Test
    void pastTheReadingBudgetFilesAreListedButNotComparedUnlessAllIsAsked(@TempDir Path temp) throws Exception {
        try (SourceRepository source = SourceRepository.create(temp.resolve("repo"))) {
            source.commit("First\n", Map.of("keep.txt", "x\n"));
            RevCommit wide = source.commit("Three files of ten lines\n", Map.of("a.txt", "a\n".repeat(10), "b.txt", "b\n".repeat(10),
                    "c.txt", "c\n".repeat(10)));
            var repository = source.git().getRepository();
            RevCommit parent = repository.parseCommit(wide.getParent(0));
            Diffs.Diff limited = Diffs.between(repository, parent.getTree(), wide.getTree(), "p", wide.name(), false, 5);
            assertThat(limited.files()).extracting(FileDiff::path).containsExactly("a.txt", "b.txt", "c.txt");
            assertThat(limited.files()).extracting(FileDiff::compared).containsExactly(true, false, false);
            assertThat(limited.omitted()).isTrue();
            assertThat(limited.added()).isEqualTo(10);
            Diffs.Diff all = Diffs.between(repository, parent.getTree(), wide.getTree(), "p", wide.name(), true, 5);
            assertThat(all.files()).allMatch(FileDiff::compared);
            assertThat(all.added()).isEqualTo(30);
            assertThat(all.omitted()).isFalse();
        }
    }
}
