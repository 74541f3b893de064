package org.opencontrail.web.git.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencontrail.web.fixtures.GeneratedRepository;

/** Each entry's last commit is the one {@code git log -1 -- ENTRY} names. */
class LastChangesTest extends HistoryWalkTest {

    @ParameterizedTest(name = "repacked midway: {0}")
    @ValueSource(booleans = {false, true})
    void eachEntryHasTheCommitGitLogNamesFirst(boolean repackMidway) throws Exception {
        Path dir = HistoryRepositories.handWritten(tmp.resolve("work"), repackMidway);
        try (Repository repository = HistoryRepositories.open(dir.resolve(".git"))) {
            for (boolean indexed : List.of(false, true)) {
                if (indexed) {
                    index(repository);
                }
                LastChanges lastChanges = new LastChanges(indexes);
                for (String revision : List.of("master", "master~1", "theirs", "side")) {
                    for (String folder : List.of("", "lib")) {
                        assertThat(actual(lastChanges, repository, revision, folder))
                                .as(revision + ":" + folder)
                                .isEqualTo(expected(dir, revision, folder));
                    }
                }
            }
        }
    }

    @Test
    void foldersOfALargeHistoryAndNotFolders() throws Exception {
        Path bare = GeneratedRepository.create(tmp.resolve("generated.git"), 3_000);
        try (Repository repository = HistoryRepositories.open(bare)) {
            HistoryRepositories.repack(repository);
            index(repository);
            LastChanges lastChanges = new LastChanges(indexes);
            for (String folder : List.of("", "src", "src/module7", "src/bgp")) {
                assertThat(actual(lastChanges, repository, "master", folder))
                        .as(folder)
                        .isEqualTo(expected(bare, "master", folder));
            }
            ObjectId tip = repository.resolve("master");
            assertThat(lastChanges.of(repository, tip, GeneratedRepository.PEER_FILE.getBytes()))
                    .isEmpty();
            assertThat(lastChanges.of(repository, tip, "src/nothing".getBytes()))
                    .isEmpty();
        }
    }

    private static Map<String, String> actual(
            LastChanges lastChanges, Repository repository, String revision, String folder) throws Exception {
        Map<String, String> names = new LinkedHashMap<>();
        lastChanges
                .of(repository, repository.resolve(revision), folder.getBytes(StandardCharsets.UTF_8))
                .orElseThrow()
                .forEach((name, commit) -> names.put(name, commit.name()));
        return names;
    }

    /** Each entry of the folder ({@code git ls-tree}) with {@code git log -1 --format=%H REV -- PATH}. */
    private static Map<String, String> expected(Path dir, String revision, String folder) {
        Map<String, String> names = new LinkedHashMap<>();
        String listing = HistoryRepositories.git(dir, 0, "ls-tree", "--name-only", revision + ":" + folder);
        for (String name :
                Arrays.stream(listing.split("\n")).filter(n -> !n.isBlank()).toList()) {
            String path = folder.isEmpty() ? name : folder + "/" + name;
            names.put(
                    name,
                    HistoryRepositories.log(dir, "-1", revision, "--", path).get(0));
        }
        return names;
    }
}
