package org.opencontrail.web.deploy.sandbox.ci;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The simulation's clock: the wall clock, with every simulated delay and duration shortened
 * {@code speed} times, so that what the sandbox reports (times, ages, durations) agrees with the
 * clock of whoever watches it. Actions run on the driver thread, one at a time, under the world's lock.
 */
final class SimClock {

    private record Scheduled(Instant at, long sequence, Runnable action) {}

    private final double speed;
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>((a, b) -> {
        int byTime = a.at().compareTo(b.at());
        return byTime != 0 ? byTime : Long.compare(a.sequence(), b.sequence());
    });
    private long sequence;
    /** When the world was made to stand still, while it does. */
    private Instant heldSince;

    private final Clock wall;

    SimClock(double speed) {
        this(speed, Clock.systemUTC());
    }

    SimClock(double speed, Clock wall) {
        this.speed = speed;
        this.wall = wall;
    }

    Instant now() {
        return wall.instant();
    }

    /** A simulated duration as it passes on the wall clock. */
    Duration scaled(Duration simulated) {
        return Duration.ofMillis(Math.max(1, (long) (simulated.toMillis() / speed)));
    }

    synchronized void at(Instant when, Runnable action) {
        queue.add(new Scheduled(when, sequence++, action));
    }

    /** Runs the action after a simulated delay. */
    void after(Duration delay, Runnable action) {
        at(now().plus(scaled(delay)), action);
    }

    /** Stops the world: nothing is due until {@link #release()}. */
    synchronized void hold() {
        if (heldSince == null) {
            heldSince = now();
        }
    }

    /** Starts the world again where it stood: everything scheduled moves later by as long as it stood still. */
    synchronized void release() {
        if (heldSince == null) {
            return;
        }
        Duration held = Duration.between(heldSince, now());
        heldSince = null;
        List<Scheduled> moved = new ArrayList<>(queue.size());
        for (Scheduled scheduled : queue) {
            moved.add(new Scheduled(scheduled.at().plus(held), scheduled.sequence(), scheduled.action()));
        }
        queue.clear();
        queue.addAll(moved);
    }

    /** The next action due now, if any. */
    synchronized Runnable nextDue() {
        if (heldSince != null) {
            return null;
        }
        Scheduled head = queue.peek();
        if (head != null && !head.at().isAfter(now())) {
            return queue.poll().action();
        }
        return null;
    }

    /** How long the driver may sleep before the next action is due, in real time. */
    synchronized Duration untilNext() {
        Scheduled head = queue.peek();
        if (head == null || heldSince != null) {
            return Duration.ofMillis(200);
        }
        return Duration.ofMillis(Math.max(
                0, Math.min(200, Duration.between(now(), head.at()).toMillis())));
    }
}
