package org.opencontrail.web.git.browse;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.location.Revision;
import org.opencontrail.web.git.mirror.Mirror;
import org.opencontrail.web.shared.gerrit.footer.CommitFooters;

/**
 * A commit: who and when, its parents, its message with links, and its diff against its first
 * parent (the empty tree for a root commit), or the diff between two revisions for a compare.
 */
@Singleton
final class CommitView {

    /**
     * A commit page.
     *
     * @param id          the commit's id
     * @param shortId     its short id
     * @param author      its author
     * @param committer   its committer
     * @param parents     its parents' links
     * @param message     its message, cut into text and links
     * @param subject     its first line
     * @param changeId    its Change-Id, empty when none
     * @param reviewUrl   its review: by Change-Id, or by commit when it has none
     * @param reviewedOn  the review URLs its message gives
     * @param treeUrl     its files
     * @param logUrl      the history up to it
     * @param tarUrl      an archive of its files
     * @param zipUrl      the same as zip
     * @param patchUrl    its diff as a patch (Gitiles' format=TEXT)
     * @param diff        its diff
     * @param note        what the diff is against, when that needs saying (a merge, a root commit)
     * @param ciUrl       its review, gate run and post jobs (asked when the page is viewed, not kept with it)
     */
    record Page(
            String id,
            String shortId,
            Person author,
            Person committer,
            List<Link> parents,
            List<MessageText.Part> message,
            String subject,
            String changeId,
            String reviewUrl,
            List<String> reviewedOn,
            String treeUrl,
            String logUrl,
            String tarUrl,
            String zipUrl,
            String patchUrl,
            Diffs.Diff diff,
            String note,
            String ciUrl) {

        /** What the link to its review says: its Change-Id, or that it is found by the commit. */
        public String reviewLabel() {
            return changeId.isEmpty() ? "Find its change" : changeId;
        }

        /** The part of the CI page the commit page fills in when it is viewed. */
        public String ciFragmentUrl() {
            return ciUrl + "?fragment=1";
        }
    }

    /**
     * A named link.
     *
     * @param id   the commit's id
     * @param text what it says
     * @param url  where it goes
     */
    record Link(String id, String text, String url) {}

    private final SiteLinks links;

    private final Clock clock;

    CommitView(SiteLinks links, Clock clock) {
        this.clock = clock;
        this.links = links;
    }

    /** A commit's page, its diff limited to the files at or under {@code path} (all files for an empty path). */
    Page commit(Mirror mirror, ObjectId id, boolean all, byte[] path) throws IOException {
        Repository repository = mirror.repository();
        String project = mirror.name();
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(id);
            List<Link> parents = new ArrayList<>();
            for (RevCommit parent : commit.getParents()) {
                walk.parseHeaders(parent); // its tree must be known before the diff, or the diff is against nothing
                parents.add(new Link(
                        parent.name(),
                        parent.name().substring(0, 10),
                        GitLocation.revision(project, parent.name()).toUrl()));
            }
            ObjectId base =
                    commit.getParentCount() == 0 ? null : commit.getParent(0).getTree();
            String note = commit.getParentCount() == 0
                    ? "The first commit: every file is new."
                    : commit.getParentCount() > 1 ? "A merge: the diff is against its first parent." : "";
            Diffs.Diff diff = Diffs.between(repository, base, commit.getTree(), project, commit.name(), all, path);
            CommitFooters footers = CommitFooters.of(commit.getFullMessage());
            String changeId = footers.changeId().orElse("");
            return new Page(
                    commit.name(),
                    commit.name().substring(0, 10),
                    Person.of(commit.getAuthorIdent()),
                    Person.of(commit.getCommitterIdent()),
                    parents,
                    MessageText.parts(commit.getFullMessage(), project, links),
                    commit.getShortMessage(),
                    changeId,
                    changeId.isEmpty() ? links.reviewCommit(commit.name()) : links.reviewChangeId(changeId),
                    footers.reviewedOn(),
                    GitLocation.tree(project, commit.name()).toUrl(),
                    GitLocation.log(project, commit.name()).toUrl(),
                    GitLocation.archive(project, commit.name(), new byte[0], GitLocation.TAR_GZ)
                            .toUrl(),
                    GitLocation.archive(project, commit.name(), new byte[0], GitLocation.ZIP)
                            .toUrl(),
                    GitLocation.diff(project, commit.name()).toUrl() + "?format=TEXT",
                    diff,
                    note,
                    GitLocation.ci(project, commit.name()).toUrl());
        }
    }

    /**
     * Two revisions compared: the commits in {@code to} and not in {@code from}, and the diff of their trees.
     *
     * @param from    the base
     * @param to      the tip
     * @param commits the commits between
     * @param diff    the diff of the trees
     */
    record Compare(String from, String to, List<CommitInfo> commits, Diffs.Diff diff) {

        public List<LogGraph.Row> graph() {
            return LogGraph.of(commits);
        }
    }

    /** Two revisions compared; with a path, only the commits that changed it and the diff of the files at or under it. */
    Compare compare(Mirror mirror, Revision from, Revision to, boolean all, byte[] path) throws IOException {
        Repository repository = mirror.repository();
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit a = walk.parseCommit(from.commit());
            RevCommit b = walk.parseCommit(to.commit());
            var decorations = Decorations.of(repository);
            List<CommitInfo> commits = new ArrayList<>();
            try (RevWalk between = new RevWalk(repository)) {
                between.markStart(between.parseCommit(b));
                between.markUninteresting(between.parseCommit(a));
                if (path.length > 0) {
                    between.setTreeFilter(org.eclipse.jgit.treewalk.filter.AndTreeFilter.create(
                            new RawPathFilter(path), org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF));
                }
                java.time.Instant now = clock.instant();
                for (RevCommit c : between) {
                    commits.add(CommitInfo.of(mirror.name(), c, decorations, now));
                    if (commits.size() == LogQuery.MOST) {
                        break;
                    }
                }
            }
            return new Compare(
                    from.name(),
                    to.name(),
                    commits,
                    Diffs.between(repository, a.getTree(), b.getTree(), mirror.name(), b.name(), all, path));
        }
    }

    /** A commit's diff against its first parent as a patch, what {@code git format-patch} would hold after the header. */
    byte[] patch(Mirror mirror, ObjectId id, byte[] path) throws IOException {
        Repository repository = mirror.repository();
        try (RevWalk walk = new RevWalk(repository);
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                org.eclipse.jgit.diff.DiffFormatter formatter = new org.eclipse.jgit.diff.DiffFormatter(out)) {
            RevCommit commit = walk.parseCommit(id);
            RevCommit parent = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0));
            formatter.setRepository(repository);
            formatter.setDetectRenames(true);
            if (path.length > 0) {
                formatter.setPathFilter(new RawPathFilter(path));
            }
            formatter.format(parent == null ? null : parent.getTree(), commit.getTree());
            formatter.flush();
            return out.toByteArray();
        }
    }
}
