package org.opencontrail.web.shared.source;

/**
 * A subscriber to a source's events. Each listener gets its own bounded queue and thread, so a
 * slow one delays nobody else; when it falls so far behind that its queue overflows, it is told
 * through {@link #onGap(long)} how many events it missed, and should resynchronize.
 *
 * @param <T> the event type
 */
public interface EventListener<T> {

    void onEvent(T event);

    /**
     * Some events may be missing for this listener: {@code dropped} were dropped because it could
     * not keep up, or 0 when the source itself lost its connection and came back (what a backfill
     * could recover it delivered; what it cannot, such as direct pushes, a listener resynchronizes).
     */
    default void onGap(long dropped) {}

    /** The name of this subscriber in logs and metrics. */
    default String listenerName() {
        return getClass().getSimpleName();
    }
}
