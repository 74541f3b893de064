package org.opencontrail.web.shared.feeds;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.projects.PublicProjects;
import org.opencontrail.web.shared.source.EventListener;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResult;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a {@link VisibleOnly} filter between each source and each listener, and when Gerrit's
 * project list is first read ({@link PublicProjects.Decided}) has every filter hand on what it held
 * meanwhile, without waiting for the source's next event.
 */
@Singleton
public final class VisibleFeeds {

    private static final Logger LOG = LoggerFactory.getLogger(VisibleFeeds.class);

    private final PublicProjects projects;
    private final List<VisibleOnly<?>> filters = new CopyOnWriteArrayList<>();

    public VisibleFeeds(PublicProjects projects) {
        this.projects = projects;
    }

    /** Gerrit events about a project not shown are dropped; those about none pass. */
    public EventListener<GerritEvent> gerrit(EventListener<GerritEvent> listener) {
        return kept(VisibleOnly.gerrit(listener, projects));
    }

    /** A buildset's result is dropped when its project is not shown. */
    public EventListener<BuildsetResult> results(EventListener<BuildsetResult> listener) {
        return kept(VisibleOnly.results(listener, projects));
    }

    /** A snapshot keeps the items of shown projects only. */
    public EventListener<ZuulSnapshot> status(EventListener<ZuulSnapshot> listener) {
        return kept(VisibleOnly.status(listener, projects));
    }

    private <T> VisibleOnly<T> kept(VisibleOnly<T> filter) {
        filters.add(filter);
        return filter;
    }

    @io.micronaut.runtime.event.annotation.EventListener
    public void onDecided(PublicProjects.Decided decided) {
        for (VisibleOnly<?> filter : filters) {
            try {
                filter.handOnHeld();
            } catch (RuntimeException e) {
                // one listener's failure must not keep the others' events held
                LOG.error("Handing on held events to {} failed", filter.listenerName(), e);
            }
        }
    }
}
