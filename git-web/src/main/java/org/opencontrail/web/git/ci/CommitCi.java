package org.opencontrail.web.git.ci;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.shared.zuul.ZuulResult;

/**
 * What the CI knows of a commit: the review that merged it, the gate run that tested it, the
 * jobs that ran after it merged, and whether it reached its branch without any review.
 *
 * @param review     the change on the review site, when one holds this commit
 * @param unreviewed whether the review site was asked and no change merged this commit (pushed straight to the branch)
 * @param gate       the last gate run of that change
 * @param post       the jobs that ran on this commit once merged (post pipeline)
 * @param problems   what could not be asked (a source away), to say so rather than guess
 */
public record CommitCi(
        Optional<Review> review, boolean unreviewed, Optional<Run> gate, List<Build> post, List<String> problems) {

    /**
     * A change on the review site.
     *
     * @param number  its number
     * @param status  MERGED, NEW or ABANDONED
     * @param subject its subject
     * @param branch  its branch
     * @param url     its page
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Review(int number, String status, String subject, String branch, String url) {
        public boolean merged() {
            return status.equals("MERGED");
        }
    }

    /**
     * A pipeline's run of a change (a buildset).
     *
     * @param pipeline its pipeline
     * @param passed   whether every voting job succeeded
     * @param jobs     its jobs
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Run(String pipeline, boolean passed, List<Build> jobs) {}

    /**
     * A job's build.
     *
     * @param name     the job
     * @param result   its result (empty while it runs)
     * @param voting   whether its result counts
     * @param duration how long it ran, in words
     * @param logUrl   its logs
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Build(String name, String result, boolean voting, String duration, String logUrl) {
        public boolean passed() {
            return ZuulResult.passed(result);
        }
    }
}
