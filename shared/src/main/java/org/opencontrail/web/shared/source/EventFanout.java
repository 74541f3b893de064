package org.opencontrail.web.shared.source;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events from one reader to many listeners without ever blocking the reader: each listener
 * has a bounded queue drained by its own thread; a full queue drops the event for that listener
 * only, counts it and tells the listener of the gap.
 *
 * @param <T> the event type
 */
public final class EventFanout<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventFanout.class);

    private final String name;
    private final int capacity;
    private final List<Subscription<T>> subscriptions = new CopyOnWriteArrayList<>();

    public EventFanout(String name, int capacity) {
        this.name = name;
        this.capacity = capacity;
    }

    public void subscribe(EventListener<T> listener) {
        Subscription<T> subscription = new Subscription<>(name, listener, capacity);
        subscriptions.add(subscription);
        subscription.start();
    }

    /** Offers the event to every listener; returns at once whatever they are doing. */
    public void publish(T event) {
        for (Subscription<T> subscription : subscriptions) {
            subscription.offer(event);
        }
    }

    /** Tells every listener, after the events already queued for it, that the source had a gap ({@code onGap(0)}). */
    public void gap() {
        for (Subscription<T> subscription : subscriptions) {
            subscription.sourceGap.set(true);
        }
    }

    /** Events queued and not yet handled, over all listeners. */
    public long backlog() {
        return subscriptions.stream().mapToLong(s -> s.queue.size()).sum();
    }

    /** Events dropped because a listener's queue was full, over all listeners. */
    public long dropped() {
        return subscriptions.stream().mapToLong(s -> s.dropped.get()).sum();
    }

    @Override
    public void close() {
        subscriptions.forEach(Subscription::stop);
        subscriptions.clear();
    }

    private static final class Subscription<T> implements Runnable {

        private final EventListener<T> listener;
        private final BlockingQueue<T> queue;
        private final AtomicLong dropped = new AtomicLong();
        private final AtomicLong unreportedDrops = new AtomicLong();
        private final AtomicBoolean sourceGap = new AtomicBoolean();
        private final Thread thread;
        private volatile boolean running = true;

        Subscription(String source, EventListener<T> listener, int capacity) {
            this.listener = listener;
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.thread = new Thread(this, source + "-" + listener.listenerName());
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() {
            running = false;
            thread.interrupt();
        }

        void offer(T event) {
            if (!queue.offer(event)) {
                dropped.incrementAndGet();
                unreportedDrops.incrementAndGet();
            }
        }

        @Override
        public void run() {
            while (running) {
                try {
                    long gap = unreportedDrops.getAndSet(0);
                    if (gap > 0) {
                        listener.onGap(gap);
                    }
                    if (queue.isEmpty() && sourceGap.getAndSet(false)) {
                        listener.onGap(0);
                    }
                    T event = queue.poll(250, TimeUnit.MILLISECONDS);
                    if (event != null) {
                        listener.onEvent(event);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Listener {} failed on an event; it keeps receiving the next ones",
                            listener.listenerName(),
                            e);
                }
            }
        }
    }
}
