package org.opencontrail.web.git.ci;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Locale;
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

        /** Its status as the page's badge says it: "merged", "new", "abandoned". */
        public String statusWord() {
            return status.toLowerCase(Locale.ROOT);
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
    public record Run(String pipeline, boolean passed, List<Build> jobs) {

        /** Whether it passed, in a word. */
        public String verdict() {
            return passed ? "passed" : "failed";
        }

        /** The class of its verdict. */
        public String css() {
            return passed ? "status-ok" : "status-fail";
        }
    }

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

        /** Its result as the page shows it: "running" until it has one. */
        public String shownResult() {
            return result.isBlank() ? "running" : result;
        }

        /**
         * The class of its result, from what the result means: passed, failed (the change's fault), the CI's own
         * trouble, or not run at all; a job still running has none of those colours.
         */
        public String css() {
            return ZuulResult.of(result)
                    .map(known -> switch (known.tone()) {
                        case PASSED -> "status-ok";
                        case FAILED -> "status-fail";
                        case TROUBLE -> "status-warn";
                        case NOT_RUN -> "muted";
                    })
                    .orElse("muted");
        }
    }
}
