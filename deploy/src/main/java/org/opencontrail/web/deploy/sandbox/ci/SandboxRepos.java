package org.opencontrail.web.deploy.sandbox.ci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The sandbox's git repositories (bare, JGit): patch sets written under refs/changes, merges and
 * direct pushes that move branches, as Gerrit would do them.
 */
public final class SandboxRepos implements AutoCloseable {

    private final Path root;
    private final Map<String, Repository> repos = new ConcurrentHashMap<>();

    public SandboxRepos(Path root) {
        this.root = root;
    }

    /** The bare repository of a project, created with a first commit on each branch. */
    public Repository repository(String project) {
        return repos.computeIfAbsent(project, this::open);
    }

    public Optional<Repository> existing(String project) {
        return Optional.ofNullable(repos.get(project));
    }

    private Repository open(String project) {
        try {
            Path dir = root.resolve(project + ".git");
            boolean fresh = !Files.isDirectory(dir);
            Repository repo = new FileRepositoryBuilder()
                    .setGitDir(dir.toFile())
                    .setBare()
                    .build();
            if (fresh) {
                repo.create(true);
                repo.getConfig().setBoolean("uploadpack", null, "allowReachableSHA1InWant", true);
                repo.getConfig().save();
            }
            return repo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commit a branch points at, creating the branch with a first commit when it has none. */
    public ObjectId tip(String project, String branch, Instant when) {
        Repository repo = repository(project);
        try {
            ObjectId tip = repo.resolve(Constants.R_HEADS + branch);
            if (tip != null) {
                return tip;
            }
            ObjectId first = commit(
                    repo,
                    null,
                    "README.md",
                    "# " + project + "\n",
                    "Initial import of " + project + "\n",
                    new PersonIdent(
                            "Contrail CI",
                            "ci@opencontrail.org",
                            java.util.Date.from(when),
                            TimeZone.getTimeZone(ZoneOffset.UTC)));
            move(repo, Constants.R_HEADS + branch, null, first);
            if (repo.exactRef(Constants.HEAD) == null
                    || repo.exactRef(Constants.HEAD).getTarget().getObjectId() == null) {
                repo.updateRef(Constants.HEAD).link(Constants.R_HEADS + branch);
            }
            return first;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a commit on top of {@code parent} that sets one file, without moving any ref. */
    public ObjectId commit(
            String project, ObjectId parent, String path, String content, String message, PersonIdent author) {
        try {
            return commit(repository(project), parent, path, content, message, author);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points a ref at a commit; returns the previous id (zero when the ref is new). */
    public ObjectId setRef(String project, String ref, ObjectId to) {
        Repository repo = repository(project);
        try {
            ObjectId old = Optional.ofNullable(repo.resolve(ref)).orElse(ObjectId.zeroId());
            move(repo, ref, old.equals(ObjectId.zeroId()) ? null : old, to);
            return old;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content of a file at a commit, empty when absent. */
    public String read(String project, ObjectId commit, String path) {
        Repository repo = repository(project);
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(commit);
            try (TreeWalk tree = TreeWalk.forPath(repo, path, c.getTree())) {
                return tree == null
                        ? ""
                        : new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectId commit(
            Repository repo, ObjectId parent, String path, String content, String message, PersonIdent author)
            throws IOException {
        try (ObjectInserter inserter = repo.newObjectInserter();
                RevWalk walk = new RevWalk(repo)) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            if (parent != null) {
                RevCommit parentCommit = walk.parseCommit(parent);
                try (TreeWalk tree = new TreeWalk(repo)) {
                    tree.addTree(parentCommit.getTree());
                    tree.setRecursive(true);
                    while (tree.next()) {
                        if (!tree.getPathString().equals(path)) {
                            DirCacheEntry entry = new DirCacheEntry(tree.getPathString());
                            entry.setFileMode(tree.getFileMode(0));
                            entry.setObjectId(tree.getObjectId(0));
                            builder.add(entry);
                        }
                    }
                }
            }
            DirCacheEntry file = new DirCacheEntry(path);
            file.setFileMode(FileMode.REGULAR_FILE);
            file.setObjectId(inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8)));
            builder.add(file);
            builder.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            if (parent != null) {
                commit.setParentId(parent);
            }
            commit.setAuthor(author);
            commit.setCommitter(author);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    private static void move(Repository repo, String ref, ObjectId expected, ObjectId to) throws IOException {
        RefUpdate update = repo.updateRef(ref);
        update.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected);
        update.setNewObjectId(to);
        update.setForceUpdate(true);
        RefUpdate.Result result = update.update();
        if (result != RefUpdate.Result.NEW
                && result != RefUpdate.Result.FORCED
                && result != RefUpdate.Result.FAST_FORWARD
                && result != RefUpdate.Result.NO_CHANGE) {
            throw new IOException("cannot move " + ref + ": " + result);
        }
    }

    @Override
    public void close() {
        repos.values().forEach(Repository::close);
    }
}
