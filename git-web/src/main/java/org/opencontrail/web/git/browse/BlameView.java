package org.opencontrail.web.git.browse;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.RawParseUtils;
import org.opencontrail.web.git.history.Blames;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.location.Revision;
import org.opencontrail.web.git.mirror.Mirror;
import org.opencontrail.web.shared.text.Durations;

/** Who last changed each line of a file at a revision, in runs of lines from the same commit. */
@Singleton
final class BlameView {

    /**
     * A line with its origin; the origin is told on the first line of each run.
     *
     * @param number    the line's number
     * @param text      the line
     * @param first     whether it starts a run of lines from one commit
     * @param commit    the commit's short id (first of a run only)
     * @param url       the commit's page (first of a run only)
     * @param author    its author (first of a run only)
     * @param age       how long ago (first of a run only)
     * @param subject   the commit's subject, for a title
     * @param sourceLine the line's number in that commit, for "blame before this"
     * @param stripe      0 or 1, alternating by run
     */
    record Line(
            int number,
            String text,
            boolean first,
            String commit,
            String url,
            String author,
            String age,
            String subject,
            int sourceLine,
            int stripe) {

        /** Its element's id, which links to the line name. */
        public String id() {
            return LineAnchors.id(number);
        }

        /** A link to the line on the page. */
        public String anchorUrl() {
            return LineAnchors.href(number);
        }

        /** The class that shades its run of lines apart from the next. */
        public String stripeClass() {
            return "stripe" + stripe;
        }
    }

    /**
     * A blame page.
     *
     * @param revision the revision as named
     * @param path     the file
     * @param crumbs   the path as links
     * @param lines    its lines
     * @param binary   whether the file is binary (no lines)
     * @param fileUrl  the file's page
     */
    record Page(
            String revision,
            String path,
            List<TreeView.Crumb> crumbs,
            List<Line> lines,
            boolean binary,
            String fileUrl) {}

    private final Blames blames;

    private final Clock clock;

    BlameView(Blames blames, Clock clock) {
        this.clock = clock;
        this.blames = blames;
    }

    Optional<Page> blame(Mirror mirror, Revision revision, byte[] path) throws IOException {
        String pathText = RawParseUtils.decode(path);
        Optional<Blames.Blame> found = blames.of(mirror.repository(), revision.commit(), path);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RawText text = found.get().text();
        List<TreeView.Crumb> crumbs = TreeView.crumbs(mirror.name(), revision.name(), path);
        String fileUrl = GitLocation.path(mirror.name(), revision.name(), path).toUrl();
        if (found.get().binary()) {
            return Optional.of(new Page(revision.name(), pathText, crumbs, List.of(), true, fileUrl));
        }
        Instant now = clock.instant();
        List<Line> lines = new ArrayList<>(text.size());
        Map<ObjectId, RevCommit> commits = new HashMap<>();
        ObjectId previous = null;
        int stripe = 1;
        try (RevWalk walk = new RevWalk(mirror.repository())) {
            for (int i = 0; i < text.size(); i++) {
                Blames.Origin origin = found.get().origins().get(i);
                boolean first = !origin.commit().equals(previous);
                if (first) {
                    stripe ^= 1;
                }
                String line = text.getString(i);
                if (first) {
                    RevCommit commit = commits.get(origin.commit());
                    if (commit == null) {
                        commit = walk.parseCommit(origin.commit());
                        commits.put(commit, commit);
                    }
                    Instant when = commit.getAuthorIdent().getWhenAsInstant();
                    lines.add(new Line(
                            i + 1,
                            line,
                            true,
                            commit.name().substring(0, 10),
                            GitLocation.revision(mirror.name(), commit.name()).toUrl(),
                            commit.getAuthorIdent().getName(),
                            Durations.age(Duration.between(when, now)),
                            commit.getShortMessage(),
                            origin.line() + 1,
                            stripe));
                } else {
                    lines.add(new Line(i + 1, line, false, "", "", "", "", "", origin.line() + 1, stripe));
                }
                previous = origin.commit();
            }
        }
        return Optional.of(new Page(revision.name(), pathText, crumbs, lines, false, fileUrl));
    }
}
