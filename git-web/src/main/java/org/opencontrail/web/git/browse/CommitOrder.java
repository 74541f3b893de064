package org.opencontrail.web.git.browse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The whole history of a commit in log order (newest first), kept per tip: a log page at an
 * offset ({@code ofs=}, cgit's paging) then starts where it should without walking the commits
 * before it again. One walk over the commit-graph makes it; a tip's history never changes.
 */
@Singleton
final class CommitOrder {

    /** Histories kept; each is 20 bytes a commit, as ids. */
    private final Cache<ObjectId, List<ObjectId>> histories = Caffeine.newBuilder()
            .maximumWeight(64L * 1024 * 1024)
            .weigher((ObjectId tip, List<ObjectId> ids) -> 64 + ids.size() * 40)
            .build();

    /** The tip's history, newest first. */
    List<ObjectId> of(Repository repository, ObjectId tip) throws IOException {
        try {
            return histories.get(tip.copy(), t -> {
                try (RevWalk walk = new RevWalk(repository)) {
                    walk.setRetainBody(false);
                    walk.sort(RevSort.COMMIT_TIME_DESC);
                    walk.markStart(walk.parseCommit(t));
                    List<ObjectId> ids = new ArrayList<>();
                    for (RevCommit commit : walk) {
                        ids.add(commit.copy());
                    }
                    return List.copyOf(ids);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
