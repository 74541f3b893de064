package org.opencontrail.web.git.browse;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.AndRevFilter;
import org.eclipse.jgit.revwalk.filter.AuthorRevFilter;
import org.eclipse.jgit.revwalk.filter.CommitterRevFilter;
import org.eclipse.jgit.revwalk.filter.MessageRevFilter;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.ChangedPathTreeFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.opencontrail.web.git.history.FileHistories;
import org.opencontrail.web.git.history.Renames;
import org.opencontrail.web.git.location.Revision;
import org.opencontrail.web.git.mirror.Mirror;

/**
 * A page of history: from a revision (or a range {@code A..B}), of the whole tree or of one path
 * (a file's history follows its renames), filtered by author, committer or message, paged by a
 * cursor ({@code s=}, as Gitiles) or an offset ({@code ofs=}, as cgit).
 */
@Singleton
final class LogView {

    /**
     * A log page.
     *
     * @param revision  the revision as named
     * @param path      the path, empty for the whole tree
     * @param commits   the commits of this page
     * @param next      the commit the next page starts from, empty on the last
     * @param nextPath  the path the next page follows (the file's older name, past a rename)
     * @param range     whether this is the log of a range
     * @param query     the filters
     */
    record Page(
            String revision,
            String path,
            List<CommitInfo> commits,
            String next,
            String nextPath,
            boolean range,
            LogQuery query) {

        /** The next page's query (its start and the same filters), empty on the last. */
        public String nextQuery() {
            return next.isEmpty() ? "" : query.from(next);
        }

        /** The graph of merges beside the commits, when the page is the whole history (a path or filter leaves gaps it cannot draw). */
        public List<LogGraph.Row> graph() {
            return path.isEmpty() && !query.filtered() ? LogGraph.of(commits) : List.of();
        }
    }

    private final Clock clock;
    private final CommitOrder order;
    private final FileHistories histories;

    LogView(CommitOrder order, FileHistories histories, Clock clock) {
        this.clock = clock;
        this.order = order;
        this.histories = histories;
    }

    Page log(Mirror mirror, Revision revision, Optional<ObjectId> exclude, byte[] path, LogQuery query)
            throws IOException {
        Repository repository = mirror.repository();
        String pathText = new String(path, StandardCharsets.UTF_8);
        Map<ObjectId, List<String>> decorations = Decorations.of(repository);
        if (query.offset() > 0
                && query.start().isEmpty()
                && path.length == 0
                && exclude.isEmpty()
                && !query.filtered()) {
            return atOffset(mirror, revision, query, decorations);
        }
        boolean raw = path.length > 0 && !utf8(path);
        boolean follow = path.length > 0 && !raw && isFile(repository, revision.commit(), path);
        if (path.length > 0 && exclude.isEmpty() && !query.filtered()) {
            Optional<Page> page = fromHistory(mirror, revision, path, follow, query, decorations);
            if (page.isPresent()) {
                return page.get();
            }
        }
        ObjectId from = query.start().isEmpty() ? revision.commit() : resolveStart(repository, query.start(), revision);
        List<CommitInfo> commits = new ArrayList<>();
        int skip = query.start().isEmpty() ? query.offset() : 0;
        String next = "";
        String current = pathText;
        String nextPath = pathText;
        // A file's history is walked with the commit-graph's changed-path filters (most commits are
        // passed over without reading a tree); where the file was added by a rename, the walk goes on
        // from there under its old name.
        while (from != null) {
            ObjectId renameParent = null;
            String renamedFrom = null;
            try (RevWalk walk = new RevWalk(repository)) {
                walk.setRetainBody(false); // commits skipped over are never parsed whole
                walk.setRewriteParents(false); // a commit's parents as they are, not the previous commits of the path
                walk.sort(RevSort.COMMIT_TIME_DESC);
                walk.markStart(walk.parseCommit(from));
                if (exclude.isPresent()) {
                    walk.markUninteresting(walk.parseCommit(exclude.get()));
                }
                if (raw) {
                    walk.setTreeFilter(AndTreeFilter.create(new RawPathFilter(path), TreeFilter.ANY_DIFF));
                } else if (path.length > 0) {
                    walk.setTreeFilter(
                            AndTreeFilter.create(ChangedPathTreeFilter.create(current), TreeFilter.ANY_DIFF));
                }
                walk.setRevFilter(filter(query));
                for (RevCommit commit : walk) {
                    if (skip > 0) {
                        skip--;
                    } else if (commits.size() == query.size()) {
                        next = commit.name();
                        nextPath = current;
                        break;
                    } else {
                        walk.parseBody(commit);
                        commits.add(CommitInfo.of(mirror.name(), commit, decorations, clock.instant()));
                    }
                    if (follow) {
                        renamedFrom = renamedFrom(repository, walk, commit, current);
                        if (renamedFrom != null) {
                            renameParent = commit.getParent(0);
                            break;
                        }
                    }
                }
            }
            if (!next.isEmpty() || renamedFrom == null) {
                break;
            }
            current = renamedFrom;
            from = renameParent;
        }
        return new Page(revision.name(), pathText, commits, next, nextPath, exclude.isPresent(), query);
    }

    /**
     * A page of a path's history, a slice of the whole history kept for the revision; empty when the
     * cursor is not in it (a cursor from another revision's pages), which the walk below answers.
     */
    private Optional<Page> fromHistory(
            Mirror mirror,
            Revision revision,
            byte[] path,
            boolean follow,
            LogQuery query,
            Map<ObjectId, List<String>> decorations)
            throws IOException {
        List<FileHistories.Change> history = histories.of(mirror.repository(), revision.commit(), path, follow);
        int from = query.offset();
        if (!query.start().isEmpty()) {
            if (!ObjectId.isId(query.start())) {
                return Optional.empty();
            }
            ObjectId start = ObjectId.fromString(query.start());
            from = -1;
            for (int i = 0; i < history.size() && from < 0; i++) {
                if (history.get(i).commit().equals(start)) {
                    from = i;
                }
            }
            if (from < 0) {
                return Optional.empty();
            }
        }
        from = Math.min(from, history.size());
        int to = Math.min(from + query.size(), history.size());
        List<CommitInfo> commits = new ArrayList<>(to - from);
        try (RevWalk walk = new RevWalk(mirror.repository())) {
            for (FileHistories.Change change : history.subList(from, to)) {
                commits.add(
                        CommitInfo.of(mirror.name(), walk.parseCommit(change.commit()), decorations, clock.instant()));
            }
        }
        String pathText = new String(path, StandardCharsets.UTF_8);
        String next = to < history.size() ? history.get(to).commit().name() : "";
        String nextPath = to < history.size() ? history.get(to).path() : pathText;
        return Optional.of(new Page(revision.name(), pathText, commits, next, nextPath, false, query));
    }

    /** A page of the whole history at an offset, from the tip's kept order. */
    private Page atOffset(Mirror mirror, Revision revision, LogQuery query, Map<ObjectId, List<String>> decorations)
            throws IOException {
        List<ObjectId> history = order.of(mirror.repository(), revision.commit());
        int from = Math.min(query.offset(), history.size());
        int to = Math.min(from + query.size(), history.size());
        List<CommitInfo> commits = new ArrayList<>(to - from);
        try (RevWalk walk = new RevWalk(mirror.repository())) {
            for (ObjectId id : history.subList(from, to)) {
                commits.add(CommitInfo.of(mirror.name(), walk.parseCommit(id), decorations, clock.instant()));
            }
        }
        String next = to < history.size() ? history.get(to).name() : "";
        return new Page(revision.name(), "", commits, next, "", false, query);
    }

    /** The file's old name when this commit made it by renaming another (it is absent from the first parent). */
    private static String renamedFrom(Repository repository, RevWalk walk, RevCommit commit, String path)
            throws IOException {
        if (commit.getParentCount() == 0) {
            return null;
        }
        RevCommit parent = walk.parseCommit(commit.getParent(0));
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (TreePaths.find(walk.getObjectReader(), parent.getTree(), name).isPresent()) {
            return null;
        }
        walk.parseHeaders(commit);
        return Renames.oldName(
                walk.getObjectReader(), repository.getConfig(), parent.getTree(), commit.getTree(), path);
    }

    /** The cursor must be an id of this repository; anything else starts at the revision. */
    private static ObjectId resolveStart(Repository repository, String start, Revision revision) throws IOException {
        if (!ObjectId.isId(start)) {
            return revision.commit();
        }
        ObjectId id = ObjectId.fromString(start);
        return repository.getObjectDatabase().has(id) ? id : revision.commit();
    }

    private static boolean utf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isFile(Repository repository, ObjectId commitId, byte[] path) throws IOException {
        try (RevWalk commits = new RevWalk(repository)) {
            return TreePaths.find(
                            commits.getObjectReader(),
                            commits.parseCommit(commitId).getTree(),
                            path)
                    .filter(f -> !f.tree())
                    .isPresent();
        }
    }

    private static RevFilter filter(LogQuery query) {
        List<RevFilter> filters = new ArrayList<>();
        if (!query.author().isEmpty()) {
            filters.add(AuthorRevFilter.create(java.util.regex.Pattern.quote(query.author())));
        }
        if (!query.committer().isEmpty()) {
            filters.add(CommitterRevFilter.create(java.util.regex.Pattern.quote(query.committer())));
        }
        if (!query.grep().isEmpty()) {
            filters.add(MessageRevFilter.create("(?i)" + java.util.regex.Pattern.quote(query.grep())));
        }
        if (query.noMerges()) {
            filters.add(RevFilter.NO_MERGES);
        }
        return filters.isEmpty() ? RevFilter.ALL : filters.size() == 1 ? filters.get(0) : AndRevFilter.create(filters);
    }
}
