package org.opencontrail.web.logs.database;

import java.time.Instant;
import java.util.List;

/**
 * A known-failures comment due on a failed buildset's change.
 *
 * @param buildsetUuid the buildset
 * @param revision     the patch set's commit, as Zuul reported it (empty: the patch set's number is used)
 * @param reported     when Zuul reported the buildset
 * @param builds       its failed voting builds, in the order Zuul reported them
 * @param attempts     how many times Gerrit was asked to take it
 */
public record ReviewCommentRow(
        String buildsetUuid,
        String project,
        String pipeline,
        String branch,
        int change,
        int patchSet,
        String revision,
        Instant reported,
        List<FailedBuild> builds,
        int attempts) {

    public ReviewCommentRow {
        builds = List.copyOf(builds);
    }

    /** A failed voting build the comment speaks of. */
    public record FailedBuild(String uuid, String job) {}

    /** How a comment ended: it stays waiting until it does. */
    public enum Outcome {
        POSTED("posted"),
        /** Gerrit answered 400 or 409: asking again would get the same answer. */
        REFUSED("refused"),
        /** Gerrit could not take it for {@code logs.review.retry-for}. */
        GIVEN_UP("given-up");

        private final String word;

        Outcome(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }
}
