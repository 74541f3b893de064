package org.opencontrail.web.shared.gerrit.projects;

import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.source.EventListener;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResult;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Stands between a source and one listener so that nothing of a project the site may not show
 * reaches it: an event about such a project is dropped, a status snapshot loses its items. What
 * was held back only because the project list was not yet read is announced as a gap once it is,
 * so the listener fetches it again (a backfill, a resynchronization).
 *
 * @param <T> the event type
 */
public final class VisibleOnly<T> implements EventListener<T> {

    private final EventListener<T> listener;
    private final PublicProjects projects;
    private final BiFunction<T, Predicate<String>, Optional<T>> narrow;
    // Touched only by the listener's own delivery thread.
    private boolean heldBackUndecided;

    private VisibleOnly(EventListener<T> listener, PublicProjects projects, BiFunction<T, Predicate<String>, Optional<T>> narrow) {
        this.listener = listener;
        this.projects = projects;
        this.narrow = narrow;
    }

    /** Gerrit events about a project not shown are dropped; those about none (dropped-output) pass. */
    public static EventListener<GerritEvent> gerrit(EventListener<GerritEvent> listener, PublicProjects projects) {
        return new VisibleOnly<>(listener, projects,
                (event, shown) -> event.projects().stream().allMatch(shown) ? Optional.of(event) : Optional.empty());
    }

    /** A buildset's result is dropped when its project is not shown. */
    public static EventListener<BuildsetResult> results(EventListener<BuildsetResult> listener, PublicProjects projects) {
        return new VisibleOnly<>(listener, projects,
                (result, shown) -> shown.test(result.project()) ? Optional.of(result) : Optional.empty());
    }

    /** A snapshot keeps the items of shown projects only. */
    public static EventListener<ZuulSnapshot> status(EventListener<ZuulSnapshot> listener, PublicProjects projects) {
        return new VisibleOnly<>(listener, projects, (snapshot, shown) -> Optional.of(snapshot.only(shown)));
    }

    @Override
    public void onEvent(T event) {
        Optional<T> visible = narrow.apply(event, this::shown);
        if (heldBackUndecided && projects.decided()) {
            heldBackUndecided = false;
            listener.onGap(0);
        }
        visible.ifPresent(listener::onEvent);
    }

    private boolean shown(String project) {
        Visibility visibility = projects.of(project);
        if (visibility == Visibility.UNKNOWN) {
            heldBackUndecided = true;
        }
        return visibility == Visibility.SHOWN;
    }

    @Override
    public void onGap(long dropped) {
        listener.onGap(dropped);
    }

    @Override
    public String listenerName() {
        return listener.listenerName();
    }
}
