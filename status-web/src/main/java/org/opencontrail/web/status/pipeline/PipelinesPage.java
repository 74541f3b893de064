package org.opencontrail.web.status.pipeline;

import io.micronaut.core.annotation.Introspected;
import java.util.List;

/**
 * The pipelines overview, ready to render.
 *
 * @param pipelines    pipelines in Zuul's order
 * @param hasStatus    false until Zuul answered once
 * @param statusAge    how old the status is ("3 s")
 * @param stale        the status could not be refreshed
 * @param zuulVersion  Zuul's version
 * @param message      the operator's banner message, empty when none
 * @param filters      the filters in effect
 * @param shownItems   items shown after filtering
 * @param totalItems   items in all
 * @param totalJobs    jobs in all
 */
@Introspected
public record PipelinesPage(
        List<PipelineRow> pipelines,
        boolean hasStatus,
        String statusAge,
        boolean stale,
        String zuulVersion,
        String message,
        Filters filters,
        int shownItems,
        int totalItems,
        int totalJobs) {}
