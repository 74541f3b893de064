package org.opencontrail.web.logs.database;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which builds to list, as Zuul's builds API asks: each list holds the values one parameter was
 * given (any of them matches), empty when it was not; {@code *} is a wildcard in projects,
 * pipelines, branches and jobs.
 *
 * @param changes        change numbers
 * @param patchSets      patch set numbers
 * @param isFinal        final (not retried) builds only, or retried ones only
 * @param complete       builds with a result, or without one
 * @param idMin          the lowest {@code _id}, inclusive
 * @param idMax          the highest {@code _id}, inclusive
 * @param excludeResults results not wanted (a build without a result is left out too, as in SQL)
 * @param endedAfter     builds that ended then or later (build times)
 * @param endedBefore    builds that ended then or earlier (build times)
 * @param hiddenProjects projects whose builds are never listed (not public)
 */
public record BuildFilter(
        List<String> projects,
        List<String> pipelines,
        List<Integer> changes,
        List<String> branches,
        List<Integer> patchSets,
        List<String> refs,
        List<String> newrevs,
        List<String> uuids,
        List<String> jobs,
        List<Boolean> voting,
        List<String> nodesets,
        List<String> results,
        Optional<Boolean> isFinal,
        List<Boolean> held,
        Optional<Boolean> complete,
        Optional<Long> idMin,
        Optional<Long> idMax,
        List<String> excludeResults,
        Optional<Instant> endedAfter,
        Optional<Instant> endedBefore,
        List<String> hiddenProjects) {

    /** Every build. */
    public static BuildFilter all() {
        return new BuildFilter(
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                List.of());
    }

    /** The same filter for one project and one job only (empty for any), as one read of a page asks. */
    BuildFilter narrowed(List<String> project, List<String> job) {
        return new BuildFilter(
                project,
                pipelines,
                changes,
                branches,
                patchSets,
                refs,
                newrevs,
                uuids,
                job,
                voting,
                nodesets,
                results,
                isFinal,
                held,
                complete,
                idMin,
                idMax,
                excludeResults,
                endedAfter,
                endedBefore,
                hiddenProjects);
    }

    /** The same filter, never listing builds of these projects. */
    public BuildFilter hiding(List<String> projects) {
        return new BuildFilter(
                this.projects,
                pipelines,
                changes,
                branches,
                patchSets,
                refs,
                newrevs,
                uuids,
                jobs,
                voting,
                nodesets,
                results,
                isFinal,
                held,
                complete,
                idMin,
                idMax,
                excludeResults,
                endedAfter,
                endedBefore,
                List.copyOf(projects));
    }

    Where where() {
        return new Where()
                .like("project", projects)
                .like("pipeline", pipelines)
                .equal("change_number", changes)
                .like("branch", branches)
                .equal("patchset", patchSets)
                .equal("ref", refs)
                .equal("newrev", newrevs)
                .equal("uuid", uuids)
                .like("job_name", jobs)
                .equal("voting", voting)
                .equal("nodeset", nodesets)
                .equal("result", results)
                .is("final", isFinal)
                .equal("held", held)
                .present("result", complete)
                .atLeast("id", idMin)
                .atMost("id", idMax)
                .notEqual("result", excludeResults)
                .atLeast("end_time", endedAfter)
                .atMost("end_time", endedBefore)
                .notEqual("project", hiddenProjects);
    }
}
