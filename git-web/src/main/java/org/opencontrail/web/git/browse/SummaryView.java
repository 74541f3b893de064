package org.opencontrail.web.git.browse;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.location.Revision;
import org.opencontrail.web.git.location.Revisions;
import org.opencontrail.web.git.mirror.Mirror;

/** A repository at a glance: its latest branches and tags, its last commits and its README. */
@Singleton
final class SummaryView {

    static final int SHOWN = 10;

    /**
     * The summary page.
     *
     * @param defaultBranch the branch HEAD names (short), empty in an empty repository
     * @param branches      the newest branches
     * @param branchCount   how many branches there are
     * @param tags          the newest tags
     * @param tagCount      how many tags there are
     * @param commits       the last commits of the default branch
     * @param readme        the README rendered, empty when none
     * @param readmeName    its file name
     * @param tarUrl        an archive of the default branch
     * @param atomUrl       the default branch's feed
     */
    record Page(
            String defaultBranch,
            List<RefsView.RefInfo> branches,
            int branchCount,
            List<RefsView.RefInfo> tags,
            int tagCount,
            List<CommitInfo> commits,
            String readme,
            String readmeName,
            String tarUrl,
            String atomUrl) {

        public List<LogGraph.Row> graph() {
            return LogGraph.of(commits);
        }
    }

    private final RefsView refs;
    private final TreeView trees;

    private final Clock clock;

    SummaryView(RefsView refs, TreeView trees, Clock clock) {
        this.clock = clock;
        this.refs = refs;
        this.trees = trees;
    }

    Page summary(Mirror mirror) throws IOException {
        Repository repository = mirror.repository();
        RefsView.Page all = refs.refs(mirror);
        Optional<String> branch = Revisions.defaultBranch(repository);
        List<CommitInfo> commits = new ArrayList<>();
        String readme = "";
        String readmeName = "";
        if (branch.isPresent()) {
            Revision head = Revisions.resolve(repository, branch.get()).orElseThrow();
            var decorations = Decorations.of(repository);
            Instant now = clock.instant();
            try (RevWalk walk = new RevWalk(repository)) {
                walk.sort(RevSort.COMMIT_TIME_DESC);
                walk.markStart(walk.parseCommit(head.commit()));
                for (RevCommit commit : walk) {
                    commits.add(CommitInfo.of(mirror.name(), commit, decorations, now));
                    if (commits.size() == SHOWN) {
                        break;
                    }
                }
            }
            Optional<TreeView.Shown> root = trees.show(mirror, head, new byte[0]);
            if (root.isPresent() && root.get() instanceof TreeView.Folder folder) {
                readme = folder.readme();
                readmeName = folder.readmeName();
            }
        }
        String name = branch.orElse("");
        return new Page(
                name,
                all.branches().subList(0, Math.min(SHOWN, all.branches().size())),
                all.branches().size(),
                all.tags().subList(0, Math.min(SHOWN, all.tags().size())),
                all.tags().size(),
                commits,
                readme,
                readmeName,
                name.isEmpty()
                        ? ""
                        : GitLocation.archive(mirror.name(), name, new byte[0], GitLocation.TAR_GZ)
                                .toUrl(),
                name.isEmpty() ? "" : GitLocation.atom(mirror.name(), name).toUrl());
    }
}
