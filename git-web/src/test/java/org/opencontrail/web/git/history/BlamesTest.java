package org.opencontrail.web.git.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.blame.BlameResult;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencontrail.web.fixtures.GeneratedRepository;

/**
 * Each line's commit, line and name there are those of JGit's own blame (following renames), on
 * merges that took both sides, one side, or kept ours, across a rename, before and after the
 * repository's index is made; and those of git's blame for the lines it tells.
 */
class BlamesTest extends HistoryWalkTest {

    @ParameterizedTest(name = "repacked midway: {0}")
    @ValueSource(booleans = {false, true})
    void blameOfMergedAndRenamedFilesIsJGitsAndGits(boolean repackMidway) throws Exception {
        Path dir = HistoryRepositories.handWritten(tmp.resolve("work"), repackMidway);
        try (Repository repository = HistoryRepositories.open(dir.resolve(".git"))) {
            for (boolean indexed : List.of(false, true)) {
                if (indexed) {
                    index(repository);
                }
                Blames blames = new Blames(indexes);
                for (String revision : List.of("master", "master~1", "master~2", "theirs", "ours-kept", "side")) {
                    for (String path : List.of("b.txt", "a.txt", "lib/x.c", "lib/y.c")) {
                        assertSameAsJGit(blames, repository, revision, path);
                    }
                }
                List<String> lines = lines(blames.of(repository, repository.resolve("master"), "b.txt".getBytes())
                        .orElseThrow());
                assertThat(lines).isEqualTo(gitBlame(dir, "master", "b.txt"));
            }
        }
    }

    @Test
    void blameOfALargeGeneratedHistoryIsJGits() throws Exception {
        Path bare = GeneratedRepository.create(tmp.resolve("generated.git"), 3_000);
        try (Repository repository = HistoryRepositories.open(bare)) {
            HistoryRepositories.repack(repository);
            index(repository);
            Blames blames = new Blames(indexes);
            for (String path : List.of(
                    GeneratedRepository.PEER_FILE,
                    GeneratedRepository.RENAMED_TO,
                    GeneratedRepository.BIG_FILE,
                    "src/module1/file1.cc",
                    "README.md")) {
                assertSameAsJGit(blames, repository, "master", path);
            }
        }
    }

    @Test
    void anEmptyFileHasABlameOfNoLines() throws Exception {
        Path dir = tmp.resolve("empty");
        java.nio.file.Files.createDirectories(dir);
        HistoryRepositories.git(dir, 0, "init", "-q", "-b", "master", ".");
        java.nio.file.Files.writeString(dir.resolve("empty.txt"), "");
        HistoryRepositories.git(dir, 1, "add", "empty.txt");
        HistoryRepositories.git(dir, 1, "commit", "-q", "-m", "An empty file");
        try (Repository repository = HistoryRepositories.open(dir.resolve(".git"))) {
            Blames.Blame blame = new Blames(indexes)
                    .of(repository, repository.resolve("master"), "empty.txt".getBytes())
                    .orElseThrow();
            assertThat(blame.binary()).isFalse();
            assertThat(blame.origins()).isEmpty();
        }
    }

    @Test
    void foldersAndMissingFilesHaveNoBlameAndBinariesNoLines() throws Exception {
        Path bare = GeneratedRepository.create(tmp.resolve("generated.git"), 200);
        try (Repository repository = HistoryRepositories.open(bare)) {
            Blames blames = new Blames(indexes);
            ObjectId tip = repository.resolve("master");
            assertThat(blames.of(repository, tip, "src/bgp".getBytes())).isEmpty();
            assertThat(blames.of(repository, tip, "src/bgp/nothing.cc".getBytes()))
                    .isEmpty();
            assertThat(blames.of(repository, tip, "src/bgp/bgp_peer.cc/deeper".getBytes()))
                    .isEmpty();
            assertThat(blames.of(repository, tip, "docs/logo.png".getBytes())
                            .orElseThrow()
                            .binary())
                    .isTrue();
        }
    }

    private static void assertSameAsJGit(Blames blames, Repository repository, String revision, String path)
            throws Exception {
        ObjectId commit = repository.resolve(revision);
        BlameResult expected = Git.wrap(repository)
                .blame()
                .setStartCommit(commit)
                .setFilePath(path)
                .setFollowFileRenames(true)
                .call();
        var actual = blames.of(repository, commit, path.getBytes(StandardCharsets.UTF_8));
        if (expected == null) {
            assertThat(actual).as(revision + ":" + path).isEmpty();
            return;
        }
        List<String> want = new ArrayList<>();
        for (int i = 0; i < expected.getResultContents().size(); i++) {
            want.add(expected.getSourceCommit(i).name() + " " + expected.getSourcePath(i) + " "
                    + expected.getSourceLine(i));
        }
        List<String> got = actual.orElseThrow().origins().stream()
                .map(o -> o.commit().name() + " " + o.path() + " " + o.line())
                .toList();
        assertThat(got).as(revision + ":" + path).isEqualTo(want);
    }

    private static List<String> lines(Blames.Blame blame) {
        return blame.origins().stream()
                .map(o -> o.commit().name() + " " + (o.line() + 1) + " " + o.path())
                .toList();
    }

    /** Each line's commit, line there and file name there, from {@code git blame --porcelain}. */
    private static List<String> gitBlame(Path dir, String revision, String path) {
        List<String> lines = new ArrayList<>();
        java.util.Map<String, String> names = new java.util.HashMap<>();
        String commit = null;
        String line = null;
        for (String row : HistoryRepositories.git(dir, 0, "blame", "--porcelain", revision, "--", path)
                .split("\n")) {
            if (row.matches("[0-9a-f]{40} \\d+ \\d+( \\d+)?")) {
                String[] parts = row.split(" ");
                commit = parts[0];
                line = parts[1];
            } else if (row.startsWith("filename ")) {
                names.put(commit, row.substring("filename ".length()));
            } else if (row.startsWith("\t")) {
                lines.add(commit + " " + line + " " + names.get(commit));
            }
        }
        return lines;
    }
}
