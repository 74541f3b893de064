package org.opencontrail.web.git.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.opencontrail.web.git.support.GitCli;

/**
 * Repositories for the history tests: one written by hand with the git client (true merges, a
 * merge that kept one side, a rename, commits made after the last repack), and how to read them.
 */
final class HistoryRepositories {

    private HistoryRepositories() {}

    /** Opens a repository as the mirrors do (commit-graph read). */
    static Repository open(Path gitDir) throws IOException {
        Repository repository = new FileRepositoryBuilder()
                .setGitDir(gitDir.toFile())
                .setMustExist(true)
                .build();
        StoredConfig config = repository.getConfig();
        config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_COMMIT_GRAPH, true);
        config.setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_WRITE_COMMIT_GRAPH, true);
        config.setBoolean(
                ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_WRITE_CHANGED_PATHS, true);
        config.save();
        return repository;
    }

    /** Repacks as a mirror is repacked: a commit-graph with changed-path filters. */
    static void repack(Repository repository) throws Exception {
        Git.wrap(repository).gc().call();
    }

    /**
     * A work tree whose history has what simplification and blame must get right: {@code a.txt}
     * edited on two branches and merged, renamed to {@code b.txt}, a merge that kept our side
     * ({@code -s ours}) and one that took theirs, a folder {@code lib} changed beside it. With
     * {@code repackMidway} the commits up to the first merge are repacked (in the commit-graph) and
     * the later ones are not, as on a mirror between repacks.
     */
    static Path handWritten(Path dir, boolean repackMidway) throws Exception {
        Files.createDirectories(dir);
        git(dir, 0, "init", "-q", "-b", "master", ".");
        write(dir, "a.txt", lines("line", 1, 12));
        write(dir, "lib/x.c", lines("x", 1, 5));
        commit(dir, 1, "Add a and x");
        git(dir, 2, "checkout", "-q", "-b", "side");
        edit(dir, "a.txt", 2, "side two");
        edit(dir, "a.txt", 3, "side three");
        commit(dir, 3, "Side edits 2 and 3");
        git(dir, 4, "checkout", "-q", "master");
        edit(dir, "a.txt", 9, "master nine");
        write(dir, "lib/y.c", lines("y", 1, 3));
        commit(dir, 5, "Master edits 9, adds y");
        git(dir, 6, "merge", "-q", "--no-edit", "side");
        if (repackMidway) {
            try (Repository repository = open(dir.resolve(".git"))) {
                repack(repository);
            }
        }
        git(dir, 7, "mv", "a.txt", "b.txt");
        commit(dir, 8, "Rename a to b");
        edit(dir, "b.txt", 5, "master five");
        commit(dir, 9, "Edit b 5");
        git(dir, 10, "checkout", "-q", "-b", "ours-kept");
        edit(dir, "b.txt", 1, "discarded one");
        commit(dir, 11, "Edit b 1 (to be discarded)");
        git(dir, 12, "checkout", "-q", "master");
        edit(dir, "lib/x.c", 2, "x two");
        commit(dir, 13, "Edit x 2");
        git(dir, 14, "merge", "-q", "--no-edit", "-s", "ours", "ours-kept");
        git(dir, 15, "checkout", "-q", "-b", "theirs");
        edit(dir, "b.txt", 11, "theirs eleven");
        commit(dir, 16, "Edit b 11 on theirs");
        git(dir, 17, "checkout", "-q", "master");
        edit(dir, "lib/x.c", 4, "x four");
        commit(dir, 18, "Edit x 4");
        git(dir, 19, "merge", "-q", "--no-edit", "theirs");
        edit(dir, "b.txt", 12, "last twelve");
        commit(dir, 20, "Edit b 12");
        return dir;
    }

    static String lines(String word, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i <= to; i++) {
            text.append(word).append(' ').append(i).append('\n');
        }
        return text.toString();
    }

    private static void write(Path dir, String name, String text) throws IOException {
        Files.createDirectories(dir.resolve(name).getParent());
        Files.writeString(dir.resolve(name), text);
    }

    private static void edit(Path dir, String name, int line, String text) throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(dir.resolve(name)));
        lines.set(line - 1, text);
        Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private static void commit(Path dir, int minute, String message) {
        git(dir, minute, "add", "-A");
        git(dir, minute, "commit", "-q", "-m", message);
    }

    /** Runs git with author and committer dates {@code minute} minutes into the history, so commits have distinct times. */
    static String git(Path dir, int minute, String... args) {
        String date = (1_500_000_000L + minute * 60L) + " +0000";
        Map<String, String> env = Map.of(
                "GIT_AUTHOR_DATE",
                date,
                "GIT_COMMITTER_DATE",
                date,
                "GIT_AUTHOR_NAME",
                "Ada",
                "GIT_AUTHOR_EMAIL",
                "ada@example.org",
                "GIT_COMMITTER_NAME",
                "Ada",
                "GIT_COMMITTER_EMAIL",
                "ada@example.org");
        return GitCli.run(dir, env, args).ok().output();
    }

    /** What {@code git log --format=%H} prints, as a list. */
    static List<String> log(Path dir, String... args) {
        String[] command = new String[args.length + 2];
        command[0] = "log";
        command[1] = "--format=%H";
        System.arraycopy(args, 0, command, 2, args.length);
        return Arrays.stream(git(dir, 0, command).split("\n"))
                .filter(line -> !line.isBlank())
                .toList();
    }
}
