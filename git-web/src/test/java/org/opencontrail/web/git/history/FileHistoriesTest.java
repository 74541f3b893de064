package org.opencontrail.web.git.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencontrail.web.fixtures.GeneratedRepository;

/** A path's history is git's own (`git log -- PATH`, `--follow` for a file), whatever the walk had to work with. */
class FileHistoriesTest extends HistoryWalkTest {

    @ParameterizedTest(name = "repacked midway: {0}")
    @ValueSource(booleans = {false, true})
    void mergesRenamesAndKeptSidesAreWalkedAsGitDoes(boolean repackMidway) throws Exception {
        Path dir = HistoryRepositories.handWritten(tmp.resolve("work"), repackMidway);
        try (Repository repository = HistoryRepositories.open(dir.resolve(".git"))) {
            ObjectId tip = repository.resolve("master");
            for (boolean indexed : List.of(false, true)) {
                if (indexed) {
                    index(repository);
                }
                FileHistories histories = new FileHistories(indexes);
                assertThat(ids(histories, repository, tip, "b.txt", true))
                        .as("b.txt followed")
                        .isEqualTo(followed(dir, "master", "b.txt", "a.txt"));
                for (String path : List.of("b.txt", "a.txt", "lib", "lib/x.c", "lib/y.c", "nothing/here")) {
                    assertThat(ids(histories, repository, tip, path, false))
                            .as(path)
                            .isEqualTo(HistoryRepositories.log(dir, "--", path));
                }
                for (String odd : List.of("lib//x.c", "/lib/x.c", "lib/", "lib/x.c/")) {
                    assertThat(ids(histories, repository, tip, odd, false))
                            .as("a path with an empty segment names nothing: " + odd)
                            .isEmpty();
                }
            }
        }
    }

    @Test
    void theHistoryOfAFileMadeByARenameGoesOnUnderItsOldName() throws Exception {
        Path dir = HistoryRepositories.handWritten(tmp.resolve("work"), true);
        try (Repository repository = HistoryRepositories.open(dir.resolve(".git"))) {
            List<FileHistories.Change> history =
                    new FileHistories(indexes).of(repository, repository.resolve("master"), "b.txt".getBytes(), true);
            assertThat(history)
                    .extracting(FileHistories.Change::path)
                    .containsSubsequence("b.txt", "a.txt")
                    .endsWith("a.txt");
            assertThat(history.get(history.size() - 1).commit().name())
                    .isEqualTo(
                            HistoryRepositories.log(dir, "--reverse", "master").get(0));
        }
    }

    @Test
    void aLargeGeneratedHistoryIsGitsOwnBeforeAndAfterItsIndexIsMade() throws Exception {
        Path bare = GeneratedRepository.create(tmp.resolve("generated.git"), 3_000);
        try (Repository repository = HistoryRepositories.open(bare)) {
            HistoryRepositories.repack(repository);
            ObjectId tip = repository.resolve("master");
            List<String> paths = List.of(
                    GeneratedRepository.PEER_FILE,
                    GeneratedRepository.BIG_FILE,
                    "src/module7",
                    "src/module3/file3.cc",
                    "src/side",
                    "src",
                    "README.md");
            for (boolean indexed : List.of(false, true)) {
                if (indexed) {
                    index(repository);
                }
                FileHistories histories = new FileHistories(indexes);
                for (String path : paths) {
                    assertThat(ids(histories, repository, tip, path, false))
                            .as(path + (indexed ? " indexed" : ""))
                            .isEqualTo(HistoryRepositories.log(bare, "master", "--", path));
                }
                assertThat(ids(histories, repository, tip, GeneratedRepository.RENAMED_TO, true))
                        .as("renamed")
                        .isEqualTo(followed(
                                bare, "master", GeneratedRepository.RENAMED_TO, GeneratedRepository.RENAMED_FROM));
            }
        }
    }

    /**
     * A renamed file's history as the site means it: git's simplified history of the new name down
     * to the rename, then the old name's from the commit before it (git's own {@code --follow}
     * gives up simplification, and shows commits of branches whose change was dropped by a merge).
     */
    private static List<String> followed(Path dir, String tip, String path, String oldPath) {
        List<String> newer = HistoryRepositories.log(dir, tip, "--", path);
        String rename = newer.get(newer.size() - 1);
        List<String> all = new java.util.ArrayList<>(newer);
        all.addAll(HistoryRepositories.log(dir, rename + "^", "--", oldPath));
        return all;
    }

    private static List<String> ids(
            FileHistories histories, Repository repository, ObjectId tip, String path, boolean follow)
            throws Exception {
        return histories.of(repository, tip, path.getBytes(StandardCharsets.UTF_8), follow).stream()
                .map(c -> c.commit().name())
                .toList();
    }
}
