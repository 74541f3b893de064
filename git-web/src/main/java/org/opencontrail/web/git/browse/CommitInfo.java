package org.opencontrail.web.git.browse;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.shared.gerrit.footer.CommitFooters;
import org.opencontrail.web.shared.text.Durations;

/**
 * A commit as a line of a list.
 *
 * @param id          full id
 * @param shortId     the first 10 characters
 * @param subject     the first line of its message
 * @param author      the author's name
 * @param email       the author's email
 * @param time        when it was authored (ISO-8601)
 * @param age         how long ago, in words
 * @param url         its page
 * @param refs        branches and tags that point at it
 * @param merge       whether it has more than one parent
 * @param parents     its parents' ids
 * @param changeId    its Change-Id, empty when it has none
 */
public record CommitInfo(
        String id,
        String shortId,
        String subject,
        String author,
        String email,
        String time,
        String age,
        String url,
        List<String> refs,
        boolean merge,
        List<String> parents,
        String changeId) {

    static CommitInfo of(String project, RevCommit commit, Map<ObjectId, List<String>> decorations, Instant now) {
        PersonIdent author = commit.getAuthorIdent();
        Instant when = author.getWhenAsInstant();
        List<String> parents =
                java.util.Arrays.stream(commit.getParents()).map(ObjectId::name).toList();
        return new CommitInfo(
                commit.name(),
                commit.name().substring(0, 10),
                commit.getShortMessage(),
                author.getName(),
                author.getEmailAddress(),
                when.toString(),
                Durations.age(Duration.between(when, now)),
                GitLocation.revision(project, commit.name()).toUrl(),
                decorations.getOrDefault(commit, List.of()),
                parents.size() > 1,
                parents,
                CommitFooters.of(commit.getFullMessage()).changeId().orElse(""));
    }
}
