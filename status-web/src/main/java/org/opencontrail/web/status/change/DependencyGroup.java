package org.opencontrail.web.status.change;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The changes that go together with one change: what it depends on and what depends on it, across
 * repositories, through Depends-On footers, a shared topic, git parentage and Zuul's own queues.
 *
 * @param members    every change of the group, the change itself first
 * @param unresolved Depends-On values that name nothing this site knows (another server, an unknown change)
 */
@Introspected
public record DependencyGroup(List<Member> members, List<String> unresolved) {

    /** True when the change stands alone. */
    public boolean alone() {
        return members.size() <= 1 && unresolved.isEmpty();
    }

    /**
     * One change of the group.
     *
     * @param number   change number
     * @param project  project, empty when only a reference names it
     * @param branch   branch
     * @param subject  subject
     * @param status   NEW, MERGED, ABANDONED; empty when unknown
     * @param url      review page
     * @param reason   how it is related ("this change", "depends on it: 41002", "same topic feature-x", ...)
     * @param now      where it is in the pipelines now ("gate: succeeding"), empty when in none
     * @param lastRun  the result of its newest finished pipeline run ("check: FAILURE"), empty when none
     * @param verified its newest Verified vote, 0 when none
     * @param review   its newest Code-Review vote, 0 when none
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Member(
            int number,
            String project,
            String branch,
            String subject,
            String status,
            String url,
            String reason,
            List<String> now,
            String lastRun,
            int verified,
            int review) {}
}
