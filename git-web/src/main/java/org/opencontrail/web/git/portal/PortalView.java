package org.opencontrail.web.git.portal;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.CommitTimeRevFilter;
import org.opencontrail.web.git.browse.FeedView;
import org.opencontrail.web.git.browse.SiteLinks;
import org.opencontrail.web.git.ci.DirectPushes;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.mirror.Mirror;
import org.opencontrail.web.git.mirror.Mirrors;
import org.opencontrail.web.shared.text.Durations;

/**
 * Every public project at a glance, grouped by the part of its name before the last slash: its
 * description, default branch, last commit, activity over 30 days, CI badge and links to its
 * reviews, status and logs.
 */
@Singleton
final class PortalView {

    static final Duration ACTIVITY = Duration.ofDays(30);
    static final int MERGES = 50;

    /**
     * A project's line.
     *
     * @param name          its name
     * @param description   one line about it
     * @param url           its summary page
     * @param defaultBranch its default branch, empty before the first fetch or when empty
     * @param lastCommit    when its default branch last moved (ISO-8601), empty when unknown
     * @param lastAge       how long ago, in words
     * @param lastSubject   that commit's subject
     * @param commits30d    commits on the default branch in the last 30 days
     * @param badgeUrl      its CI badge on the status site
     * @param reviewUrl     its changes on the review site
     * @param statusUrl     its page on the status site
     * @param logsUrl       its logs on the logs site
     * @param readOnly      whether Gerrit says it is read-only (retired)
     * @param mirrorError   why its mirror fails to fetch, while it does
     * @param pushedPastReview branch moves past review seen since start
     */
    record ProjectLine(
            String name,
            String description,
            String url,
            String defaultBranch,
            String lastCommit,
            String lastAge,
            String lastSubject,
            int commits30d,
            String badgeUrl,
            String reviewUrl,
            String statusUrl,
            String logsUrl,
            boolean readOnly,
            String mirrorError,
            int pushedPastReview) {

        /** The pushes past review on its summary page. */
        public String pushesUrl() {
            return url + "#pushes";
        }
    }

    /**
     * Projects that share a prefix.
     *
     * @param prefix   the part before the last slash (empty for names without one)
     * @param projects the projects, by name
     */
    record Group(String prefix, List<ProjectLine> projects) {

        /** Its heading: the prefix, or "Projects" for names without one. */
        public String title() {
            return prefix.isEmpty() ? "Projects" : prefix;
        }
    }

    private final Mirrors mirrors;
    private final SiteLinks links;
    private final DirectPushes pushes;

    private final Clock clock;

    PortalView(Mirrors mirrors, SiteLinks links, DirectPushes pushes, Clock clock) {
        this.clock = clock;
        this.mirrors = mirrors;
        this.links = links;
        this.pushes = pushes;
    }

    List<Group> groups() {
        Map<String, List<ProjectLine>> groups = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (Mirror mirror : mirrors.all()) {
            String name = mirror.name();
            int slash = name.lastIndexOf('/');
            groups.computeIfAbsent(slash < 0 ? "" : name.substring(0, slash), k -> new ArrayList<>())
                    .add(line(mirror, now));
        }
        return groups.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new Group(e.getKey(), e.getValue()))
                .toList();
    }

    private ProjectLine line(Mirror mirror, Instant now) {
        String name = mirror.name();
        String branch = "";
        String last = "";
        String age = "";
        String subject = "";
        int activity = 0;
        try {
            Repository repository = mirror.repository();
            Ref head = repository.exactRef(Constants.HEAD);
            if (head != null && head.getObjectId() != null) {
                branch = Repository.shortenRefName(head.getTarget().getName());
                try (RevWalk walk = new RevWalk(repository)) {
                    RevCommit tip = walk.parseCommit(head.getObjectId());
                    Instant when = tip.getCommitterIdent().getWhenAsInstant();
                    last = when.toString();
                    age = Durations.age(Duration.between(when, now));
                    subject = tip.getShortMessage();
                    walk.markStart(tip);
                    walk.setRevFilter(CommitTimeRevFilter.after(Date.from(now.minus(ACTIVITY))));
                    for (RevCommit ignored : walk) {
                        activity++;
                    }
                }
            }
        } catch (IOException e) {
            age = "unreadable";
        }
        return new ProjectLine(
                name,
                mirror.project().description(),
                GitLocation.summary(name).toUrl(),
                branch,
                last,
                age,
                subject,
                activity,
                links.badge(name, branch.isEmpty() ? "master" : branch),
                links.reviewProject(name),
                links.statusProject(name),
                links.logsProject(name),
                mirror.project().state().equals("READ_ONLY"),
                mirror.status().lastError().orElse(""),
                pushes.of(name).size());
    }

    /** The last commits that reached each project's default branch, newest first, as an Atom feed. */
    String merges(String site) throws IOException {
        List<FeedView.Entry> entries = new ArrayList<>();
        for (Mirror mirror : mirrors.all()) {
            Repository repository = mirror.repository();
            Ref head = repository.exactRef(Constants.HEAD);
            if (head == null || head.getObjectId() == null) {
                continue;
            }
            try (RevWalk walk = new RevWalk(repository)) {
                walk.sort(RevSort.COMMIT_TIME_DESC);
                walk.setFirstParent(true);
                walk.markStart(walk.parseCommit(head.getObjectId()));
                int taken = 0;
                for (RevCommit commit : walk) {
                    entries.add(new FeedView.Entry(
                            commit.name(),
                            mirror.name() + ": " + commit.getShortMessage(),
                            commit.getAuthorIdent().getName(),
                            commit.getCommitterIdent().getWhenAsInstant().toString(),
                            site
                                    + GitLocation.revision(mirror.name(), commit.name())
                                            .toUrl(),
                            commit.getFullMessage()));
                    if (++taken == MERGES) {
                        break;
                    }
                }
            }
        }
        entries.sort(Comparator.comparing(FeedView.Entry::updated).reversed());
        List<FeedView.Entry> newest = entries.subList(0, Math.min(MERGES, entries.size()));
        return FeedView.feed("Recent merges", site + "/", site + "/merges.atom", newest);
    }
}
