package org.opencontrail.web.logs.database;

import java.util.List;
import java.util.Optional;

/**
 * Which buildsets to list, as Zuul's buildsets API asks (see {@link BuildFilter} for the meaning of
 * each list); the ref fields are the buildset's.
 */
public record BuildsetFilter(
        List<String> projects,
        List<String> pipelines,
        List<Integer> changes,
        List<String> branches,
        List<Integer> patchSets,
        List<String> refs,
        List<String> newrevs,
        List<String> uuids,
        List<String> results,
        Optional<Boolean> complete,
        Optional<Long> idMin,
        Optional<Long> idMax,
        List<String> excludeResults,
        List<String> hiddenProjects) {

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
                .equal("result", results)
                .present("result", complete)
                .atLeast("id", idMin)
                .atMost("id", idMax)
                .notEqual("result", excludeResults)
                .notEqual("project", hiddenProjects);
    }

    /** The same filter, never listing buildsets of these projects. */
    public BuildsetFilter hiding(List<String> projects) {
        return new BuildsetFilter(
                this.projects,
                pipelines,
                changes,
                branches,
                patchSets,
                refs,
                newrevs,
                uuids,
                results,
                complete,
                idMin,
                idMax,
                excludeResults,
                List.copyOf(projects));
    }
}
