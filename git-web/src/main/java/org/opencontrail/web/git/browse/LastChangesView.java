package org.opencontrail.web.git.browse;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;
import org.opencontrail.web.git.history.LastChanges;
import org.opencontrail.web.git.location.Revision;
import org.opencontrail.web.git.mirror.Mirror;

/** The last commit of each entry of a folder, for the folder page's "last change" column. */
@Singleton
final class LastChangesView {

    private final LastChanges lastChanges;

    private final Clock clock;

    LastChangesView(LastChanges lastChanges, Clock clock) {
        this.clock = clock;
        this.lastChanges = lastChanges;
    }

    /** Each entry's name and its last commit, or empty when the path is not a folder at the revision. */
    Optional<Map<String, CommitInfo>> of(Mirror mirror, Revision revision, byte[] folder) throws IOException {
        Optional<Map<String, ObjectId>> changes = lastChanges.of(mirror.repository(), revision.commit(), folder);
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        Map<ObjectId, CommitInfo> commits = new HashMap<>();
        Map<String, CommitInfo> entries = new LinkedHashMap<>();
        Instant now = clock.instant();
        try (RevWalk walk = new RevWalk(mirror.repository())) {
            for (Map.Entry<String, ObjectId> change : changes.get().entrySet()) {
                CommitInfo info = commits.get(change.getValue());
                if (info == null) {
                    info = CommitInfo.of(mirror.name(), walk.parseCommit(change.getValue()), Map.of(), now);
                    commits.put(change.getValue(), info);
                }
                entries.put(change.getKey(), info);
            }
        }
        return Optional.of(entries);
    }

    /** The JSON of the answer: the commit, the folder and, by entry name, the commit's id, subject, author, time and page. */
    static GitJson.LastChangesJson json(Revision revision, String path, Map<String, CommitInfo> entries) {
        Map<String, GitJson.LastChange> byName = new LinkedHashMap<>();
        entries.forEach((name, info) -> byName.put(name, GitJson.LastChange.of(info)));
        return new GitJson.LastChangesJson(revision.commit().name(), path, byName);
    }
}
