package org.opencontrail.web.status.home;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import org.opencontrail.web.status.pipeline.Filters;

/** The overview's query parameters, bound by Micronaut. */
@Introspected
record FilterParams(
        @Nullable @QueryValue String project,
        @Nullable @QueryValue String branch,
        @Nullable @QueryValue String pipeline,
        @Nullable @QueryValue String queue,
        @Nullable @QueryValue String owner,
        @Nullable @QueryValue String change,
        @Nullable @QueryValue String q) {

    Filters toFilters() {
        return new Filters(project, branch, pipeline, queue, owner, change, q);
    }
}
