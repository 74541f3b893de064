package org.opencontrail.web.git.browse;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.mirror.Mirror;
import org.opencontrail.web.shared.text.Durations;

/** Branches and tags, newest first; annotated tags with their tagger and message, signed ones said so. */
@Singleton
final class RefsView {

    private final Clock clock;

    RefsView(Clock clock) {
        this.clock = clock;
    }

    /**
     * A branch or tag.
     *
     * @param name      short name
     * @param fullName  full ref name
     * @param commit    the commit it names (a tag peeled)
     * @param url       the commit at that name
     * @param logUrl    its history
     * @param subject   the commit's subject
     * @param time      the commit's (or the annotated tag's) time, ISO-8601
     * @param age       how long ago
     * @param annotated whether it is an annotated tag
     * @param tagger    who tagged it (annotated tags)
     * @param message   the tag's message (annotated tags)
     * @param signed    whether the tag carries a signature
     */
    record RefInfo(
            String name,
            String fullName,
            String commit,
            String url,
            String logUrl,
            String subject,
            String time,
            String age,
            boolean annotated,
            String tagger,
            String message,
            boolean signed) {

        /** What the listing says of it: an annotated tag's message, else its commit's subject. */
        public String description() {
            return annotated ? message : subject;
        }
    }

    /**
     * The refs page.
     *
     * @param branches branches, newest first
     * @param tags     tags, newest first
     */
    record Page(List<RefInfo> branches, List<RefInfo> tags) {}

    Page refs(Mirror mirror) throws IOException {
        Repository repository = mirror.repository();
        Instant now = clock.instant();
        List<RefInfo> branches = new ArrayList<>();
        List<RefInfo> tags = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS, Constants.R_TAGS)) {
                RefInfo info = info(mirror.name(), walk, ref, now);
                if (info != null) {
                    (ref.getName().startsWith(Constants.R_HEADS) ? branches : tags).add(info);
                }
            }
        }
        Comparator<RefInfo> newest =
                Comparator.comparing(RefInfo::time).reversed().thenComparing(RefInfo::name);
        branches.sort(newest);
        tags.sort(newest);
        return new Page(branches, tags);
    }

    static RefInfo info(String project, RevWalk walk, Ref ref, Instant now) throws IOException {
        ObjectId id = ref.getObjectId();
        if (id == null) {
            return null;
        }
        RevObject object = walk.parseAny(id);
        RevTag tag = object instanceof RevTag t ? t : null;
        RevObject peeled = walk.peel(object);
        if (!(peeled instanceof RevCommit commit)) {
            return null;
        }
        walk.parseBody(commit);
        Instant when = tag != null && tag.getTaggerIdent() != null
                ? tag.getTaggerIdent().getWhenAsInstant()
                : commit.getCommitterIdent().getWhenAsInstant();
        String name = Repository.shortenRefName(ref.getName());
        String message = tag == null ? "" : tag.getFullMessage();
        boolean signed = tag != null
                && (tag.getRawGpgSignature() != null
                        || message.contains("-----BEGIN PGP SIGNATURE-----")
                        || message.contains("-----BEGIN SSH SIGNATURE-----"));
        if (signed) {
            int start = message.indexOf("-----BEGIN ");
            message = start >= 0 ? message.substring(0, start).strip() : message;
        }
        return new RefInfo(
                name,
                ref.getName(),
                commit.name(),
                GitLocation.revision(project, ref.getName()).toUrl(),
                GitLocation.log(project, ref.getName()).toUrl(),
                commit.getShortMessage(),
                when.toString(),
                Durations.age(Duration.between(when, now)),
                tag != null,
                tag == null || tag.getTaggerIdent() == null
                        ? ""
                        : tag.getTaggerIdent().getName(),
                message,
                signed);
    }
}
