package org.opencontrail.web.shared.feeds;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.projects.PublicProjects;
import org.opencontrail.web.shared.source.EventListener;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResult;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot;

/**
 * Stands between a source and one listener so that nothing of a project the site may not show
 * reaches it: an event about such a project is dropped, a status snapshot loses its items. Until
 * the project list is first read, events are held back (a bounded number; of snapshots, the
 * newest) and handed on, narrowed, as soon as it is: nothing is shown before it can be decided, and
 * nothing is lost meanwhile. Past the bound, the listener is told of a gap instead. Made by
 * {@link VisibleFeeds}.
 *
 * @param <T> the event type
 */
public final class VisibleOnly<T> implements EventListener<T> {

    /** Events held back while the project list is not read yet, per listener. */
    static final int HELD_EVENTS = 10_000;

    private final EventListener<T> listener;
    private final PublicProjects projects;
    private final BiFunction<T, Predicate<String>, Optional<T>> narrow;
    private final int holding;
    private final Deque<T> held = new ArrayDeque<>();
    private boolean overflowed;

    private VisibleOnly(
            EventListener<T> listener,
            PublicProjects projects,
            BiFunction<T, Predicate<String>, Optional<T>> narrow,
            int holding) {
        this.listener = listener;
        this.projects = projects;
        this.narrow = narrow;
        this.holding = holding;
    }

    /** Gerrit events about a project not shown are dropped; those about none (dropped-output) pass. */
    static VisibleOnly<GerritEvent> gerrit(EventListener<GerritEvent> listener, PublicProjects projects) {
        return new VisibleOnly<>(
                listener,
                projects,
                (event, shown) -> event.projects().stream().allMatch(shown) ? Optional.of(event) : Optional.empty(),
                HELD_EVENTS);
    }

    /** A buildset's result is dropped when its project is not shown. */
    static VisibleOnly<BuildsetResult> results(EventListener<BuildsetResult> listener, PublicProjects projects) {
        return new VisibleOnly<>(
                listener,
                projects,
                (result, shown) -> shown.test(result.project()) ? Optional.of(result) : Optional.empty(),
                HELD_EVENTS);
    }

    /** A snapshot keeps the items of shown projects only; while undecided, only the newest is held. */
    static VisibleOnly<ZuulSnapshot> status(EventListener<ZuulSnapshot> listener, PublicProjects projects) {
        return new VisibleOnly<>(listener, projects, (snapshot, shown) -> Optional.of(snapshot.only(shown)), 1);
    }

    // Synchronized: the source's delivery thread and, once, the thread that read the project list hand events on.
    @Override
    public synchronized void onEvent(T event) {
        if (!projects.decided()) {
            if (holding == 1) {
                held.clear(); // a state: the newest says all
            } else if (held.size() >= holding) {
                overflowed = true;
                return;
            }
            held.add(event);
            return;
        }
        handOnHeld();
        handOn(event);
    }

    /** Hands on what was held while visibility was undecided; {@link VisibleFeeds} calls it when it is decided. */
    synchronized void handOnHeld() {
        while (!held.isEmpty()) {
            handOn(held.poll());
        }
        if (overflowed) {
            overflowed = false;
            listener.onGap(0);
        }
    }

    private void handOn(T event) {
        narrow.apply(event, projects::shows).ifPresent(listener::onEvent);
    }

    @Override
    public synchronized void onGap(long dropped) {
        listener.onGap(dropped);
    }

    @Override
    public String listenerName() {
        return listener.listenerName();
    }
}
