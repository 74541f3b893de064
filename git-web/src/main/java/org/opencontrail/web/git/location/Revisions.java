package org.opencontrail.web.git.location;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Finds where the revision ends in {@code REV/PATH}: the longest run of leading segments that
 * names a commit ({@code refs/heads/feature/x/src/a.c} is branch {@code feature/x}, file
 * {@code src/a.c}), as Gitiles does. Names are ref names as git resolves them ({@code master},
 * {@code tags/v1.0}, {@code refs/heads/master}: see {@link #findRef}), ids (full or abbreviated)
 * and git's {@code ~N} / {@code ^N} suffixes. Every revision the site reads goes through
 * {@link #resolve}.
 */
public final class Revisions {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{4,40}");
    private static final Pattern FULL_ID = Pattern.compile("[0-9a-f]{40}");
    /** Git's names of refs at the top of the repository: HEAD, FETCH_HEAD, ORIG_HEAD... */
    private static final Pattern ROOT_REF = Pattern.compile("(?:[A-Z_]*_)?HEAD");
    /** Longer revision names than this many segments are not tried: a URL cannot make us try them all. */
    private static final int MOST_SEGMENTS = 12;

    /**
     * A revision and the path after it.
     *
     * @param revision the revision
     * @param pathFrom the index of the first segment after it (the path)
     */
    public record Found(Revision revision, int pathFrom) {}

    private Revisions() {}

    /** The revision at the start of the segments, and where the path starts; empty when none resolves. */
    public static Optional<Found> find(Repository repository, List<byte[]> segments) throws IOException {
        int most = Math.min(segments.size(), MOST_SEGMENTS);
        StringBuilder name = new StringBuilder();
        String[] names = new String[most];
        for (int i = 0; i < most; i++) {
            if (i > 0) {
                name.append('/');
            }
            name.append(new String(segments.get(i), StandardCharsets.UTF_8));
            names[i] = name.toString();
        }
        for (int i = most - 1; i >= 0; i--) {
            Optional<Revision> revision = resolve(repository, names[i]);
            if (revision.isPresent()) {
                return Optional.of(new Found(revision.get(), i + 1));
            }
        }
        return Optional.empty();
    }

    /**
     * A revision, a range or a commit against its first parent, and the path after it, as Gitiles
     * reads them: {@code REV/PATH}, {@code A..B/PATH} ({@code A} may itself be {@code X^}) and
     * {@code REV^!/PATH}. A {@code ..} or {@code ^!} that does not make a range of known revisions
     * is taken as part of a name or path ({@code docs/a..b.txt}).
     *
     * @param revision the revision shown (the range's end)
     * @param old      the range's start, or the first parent for {@code ^!}; null when none
     * @param pathFrom the index of the first segment of the path
     * @param parentOnly whether it was written {@code REV^!} (a commit against its first parent) rather than as a range
     */
    public record Range(Revision revision, Revision old, int pathFrom, boolean parentOnly) {

        Range(Revision revision, Revision old, int pathFrom) {
            this(revision, old, pathFrom, false);
        }
    }

    public static Optional<Range> findRange(Repository repository, List<byte[]> segments) throws IOException {
        int most = Math.min(segments.size(), MOST_SEGMENTS);
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < most; i++) {
            String part = new String(segments.get(i), StandardCharsets.UTF_8);
            int dots = part.indexOf("..");
            if (part.length() > 2 && part.endsWith("^!")) {
                Optional<Revision> revision = resolve(repository, prefix + part.substring(0, part.length() - 2));
                if (revision.isPresent()) {
                    return Optional.of(new Range(revision.get(), firstParent(repository, revision.get()), i + 1, true));
                }
            } else if (dots > 0 && dots + 2 < part.length()) {
                Optional<Revision> old = resolve(repository, prefix + part.substring(0, dots));
                if (old.isPresent()) {
                    List<byte[]> after = new ArrayList<>(segments.subList(i, segments.size()));
                    after.set(0, part.substring(dots + 2).getBytes(StandardCharsets.UTF_8));
                    Optional<Found> to = find(repository, after);
                    if (to.isPresent()) {
                        return Optional.of(new Range(
                                to.get().revision(), old.get(), i + to.get().pathFrom()));
                    }
                }
            }
            prefix.append(part).append('/');
        }
        Optional<Found> plain = find(repository, segments);
        return plain.map(found -> new Range(found.revision(), null, found.pathFrom()));
    }

    /** A commit's first parent, named {@code REV^}; its commit is null for a root commit. */
    public static Revision firstParent(Repository repository, Revision revision) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(revision.commit());
            return new Revision(
                    revision.name() + "^",
                    commit.getParentCount() == 0 ? null : commit.getParent(0).copy(),
                    false);
        }
    }

    /**
     * The name of the branch HEAD points at, when there is one: short, unless that short name
     * names another ref first (a tag of the same name), then full.
     */
    public static Optional<String> defaultBranch(Repository repository) throws IOException {
        Ref head = repository.exactRef(Constants.HEAD);
        if (head == null || head.getObjectId() == null) {
            return Optional.empty();
        }
        return Optional.of(
                head.isSymbolic() ? shortName(repository, head.getTarget().getName()) : Constants.HEAD);
    }

    /** A ref's short name when that names the ref itself in git's order, else its full name. */
    private static String shortName(Repository repository, String fullName) throws IOException {
        String shortName = Repository.shortenRefName(fullName);
        Ref found = findRef(repository, shortName);
        return found != null && found.getName().equals(fullName) ? shortName : fullName;
    }

    /**
     * The ref a name stands for, in {@code git rev-parse}'s order: {@code NAME} (a full name, or
     * HEAD and the like), {@code refs/NAME}, {@code refs/tags/NAME}, {@code refs/heads/NAME},
     * {@code refs/remotes/NAME}, {@code refs/remotes/NAME/HEAD}; null when none. So
     * {@code tags/v1.0} is the tag, and a tag wins over a branch of the same name.
     */
    public static Ref findRef(Repository repository, String name) throws IOException {
        // Only well-formed names reach the ref database: a loose ref is a file, and a name is a path to it.
        if (name.isEmpty() || !Repository.isValidRefName(Constants.R_REFS + name)) {
            return null;
        }
        List<String> candidates = new ArrayList<>(6);
        // Full names, and HEAD and its kin; other files at the top (config, description...) are not refs.
        if (name.startsWith(Constants.R_REFS) || ROOT_REF.matcher(name).matches()) {
            candidates.add(name);
        }
        candidates.add(Constants.R_REFS + name);
        candidates.add(Constants.R_TAGS + name);
        candidates.add(Constants.R_HEADS + name);
        candidates.add(Constants.R_REMOTES + name);
        candidates.add(Constants.R_REMOTES + name + "/" + Constants.HEAD);
        return repository.getRefDatabase().firstExactRef(candidates.toArray(String[]::new));
    }

    /**
     * A single revision name, peeled to its commit: a ref by {@link #findRef}, else a full or
     * abbreviated id (a full id before any ref, as git reads it), then git's {@code ~N},
     * {@code ^N} and {@code ^{...}} suffixes.
     */
    public static Optional<Revision> resolve(Repository repository, String name) throws IOException {
        if (name.isEmpty() || name.contains("..") || name.contains("@{") || name.indexOf(':') >= 0) {
            return Optional.empty();
        }
        // A ref name holds neither ~ nor ^, so the first of them starts the suffixes.
        int suffixAt = firstSuffix(name);
        String base = name.substring(0, suffixAt);
        ObjectId id = null;
        if (FULL_ID.matcher(base).matches()) {
            id = ObjectId.fromString(base);
        } else {
            Ref ref = findRef(repository, base);
            if (ref != null) {
                id = ref.getObjectId();
            } else if (HEX.matcher(base).matches()) {
                id = abbreviated(repository, base);
            }
        }
        if (id == null) {
            return Optional.empty();
        }
        if (suffixAt < name.length()) {
            try {
                id = repository.resolve(id.name() + name.substring(suffixAt));
            } catch (RevisionSyntaxException
                    | org.eclipse.jgit.errors.AmbiguousObjectException
                    | IncorrectObjectTypeException
                    | MissingObjectException e) {
                return Optional.empty(); // ^ or ~ after a file's or a folder's id names nothing
            }
            if (id == null) {
                return Optional.empty();
            }
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevObject object = walk.peel(walk.parseAny(id));
            if (!(object instanceof RevCommit commit)) {
                return Optional.empty();
            }
            return Optional.of(
                    new Revision(name, commit.copy(), FULL_ID.matcher(name).matches()));
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            return Optional.empty();
        }
    }

    private static int firstSuffix(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '~' || c == '^') {
                return i;
            }
        }
        return name.length();
    }

    /** The one object an abbreviated id names; null when none or several. */
    private static ObjectId abbreviated(Repository repository, String hex) throws IOException {
        try (ObjectReader reader = repository.newObjectReader()) {
            Collection<ObjectId> ids = reader.resolve(AbbreviatedObjectId.fromString(hex.toLowerCase(Locale.ROOT)));
            return ids.size() == 1 ? ids.iterator().next() : null;
        }
    }
}
