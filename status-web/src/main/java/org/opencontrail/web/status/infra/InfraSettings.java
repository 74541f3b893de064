package org.opencontrail.web.status.infra;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * What counts as a CI problem on {@code /infra}, in {@code /health} and in the banner.
 *
 * @param stallAfter       a queue with jobs waiting and no job started or finished for this long has stopped moving
 * @param eventQueueWarn   Zuul's trigger or management event queue this long is a backlog
 * @param resultQueueWarn  Zuul's result event queue this long is a backlog
 * @param gerritSilentAfter no Gerrit event for this long is worth saying (a busy review site is never this quiet)
 * @param nodesUrl         a node list to show capacity from: Zuul's {@code /api/tenant/T/nodes} or nodepool's
 *                         {@code /node-list}; empty: Zuul's own nodes endpoint when {@code zuul.tenant} is set, else none
 * @param nodesPoll        how often to read the node list
 */
@ConfigurationProperties("status.infra")
public record InfraSettings(
        @Bindable(defaultValue = "30m") Duration stallAfter,
        @Bindable(defaultValue = "100") int eventQueueWarn,
        @Bindable(defaultValue = "100") int resultQueueWarn,
        @Bindable(defaultValue = "2h") Duration gerritSilentAfter,
        @Bindable(defaultValue = "") String nodesUrl,
        @Bindable(defaultValue = "60s") Duration nodesPoll) {}
