package org.opencontrail.web.deploy.sandbox.ci;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * Simulated time that runs {@code speed} times faster than the wall clock, and the actions
 * scheduled on it. Every action runs on the driver thread, one at a time, holding the world's lock.
 */
final class SimClock {

    private record Scheduled(Instant at, long sequence, Runnable action) {
    }

    private final Instant realStart;
    private final Instant simStart;
    private final double speed;
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>((a, b) -> {
        int byTime = a.at().compareTo(b.at());
        return byTime != 0 ? byTime : Long.compare(a.sequence(), b.sequence());
    });
    private long sequence;

    SimClock(Instant realStart, double speed) {
        this.realStart = realStart;
        this.simStart = realStart;
        this.speed = speed;
    }

    /** The simulated present. */
    Instant now() {
        long realMillis = Duration.between(realStart, Instant.now()).toMillis();
        return simStart.plusMillis((long) (realMillis * speed));
    }

    synchronized void at(Instant when, Runnable action) {
        queue.add(new Scheduled(when, sequence++, action));
    }

    void after(Duration delay, Runnable action) {
        at(now().plus(delay), action);
    }

    /** The next action due now, if any. */
    synchronized Runnable nextDue() {
        Scheduled head = queue.peek();
        if (head != null && !head.at().isAfter(now())) {
            return queue.poll().action();
        }
        return null;
    }

    /** How long the driver may sleep before the next action is due, in real time. */
    synchronized Duration untilNext() {
        Scheduled head = queue.peek();
        if (head == null) {
            return Duration.ofMillis(200);
        }
        long simMillis = Duration.between(now(), head.at()).toMillis();
        return Duration.ofMillis(Math.max(0, Math.min(200, (long) (simMillis / speed))));
    }
}
