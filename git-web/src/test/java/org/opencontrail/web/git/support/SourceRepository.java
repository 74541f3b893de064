package org.opencontrail.web.git.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.TimeZone;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;

/** A repository with a work tree that tests commit to, push to by force, tag and prune: the source a mirror follows. */
public final class SourceRepository implements AutoCloseable {

    private final Git git;
    private final Path dir;
    private long clock = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();

    private SourceRepository(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    public static SourceRepository create(Path dir) {
        try {
            Files.createDirectories(dir);
            return new SourceRepository(
                    Git.init()
                            .setDirectory(dir.toFile())
                            .setInitialBranch("master")
                            .call(),
                    dir);
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A URL JGit and git fetch from. */
    public String url() {
        return dir.toUri().toString();
    }

    public Git git() {
        return git;
    }

    /** Writes the files and commits them on the current branch. */
    public RevCommit commit(String message, Map<String, String> files) {
        return commit(
                message,
                files,
                new PersonIdent(
                        "Ada Lovelace",
                        "ada@example.org",
                        Date.from(Instant.ofEpochSecond(clock += 60)),
                        TimeZone.getTimeZone(ZoneOffset.UTC)));
    }

    public RevCommit commit(String message, Map<String, String> files, PersonIdent author) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
                git.add().addFilepattern(file.getKey()).call();
            }
            return git.commit()
                    .setMessage(message)
                    .setAuthor(author)
                    .setCommitter(author)
                    .setAllowEmpty(true)
                    .call();
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Points a branch at a commit, whatever it pointed at (a force push). */
    public void force(String branch, ObjectId to) {
        try {
            RefUpdate update = git.getRepository().updateRef("refs/heads/" + branch);
            update.setNewObjectId(to);
            update.setForceUpdate(true);
            update.update();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void branch(String name, ObjectId at) {
        try {
            git.branchCreate().setName(name).setStartPoint(at.name()).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public void deleteBranch(String name) {
        try {
            git.branchDelete().setBranchNames(name).setForce(true).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public void tag(String name, ObjectId at, String message) {
        try (var walk = new org.eclipse.jgit.revwalk.RevWalk(git.getRepository())) {
            git.tag()
                    .setName(name)
                    .setObjectId(walk.parseCommit(at))
                    .setMessage(message)
                    .setAnnotated(message != null)
                    .call();
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
