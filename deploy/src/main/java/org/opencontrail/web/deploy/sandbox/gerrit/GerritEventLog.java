package org.opencontrail.web.deploy.sandbox.gerrit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every event the sandbox's Gerrit has emitted, in order, as the events-log plugin keeps them:
 * what a client that lost its stream asks for to fill the gap.
 */
public final class GerritEventLog {

    /** One stored event. */
    public record Entry(Instant createdOn, String type, String json) {}

    private final List<Entry> entries = new ArrayList<>();

    public synchronized void append(Instant createdOn, String type, String json) {
        entries.add(new Entry(createdOn, type, json));
    }

    /** Events created at or after {@code from}, oldest first. */
    public synchronized List<Entry> since(Instant from) {
        return entries.stream().filter(e -> !e.createdOn().isBefore(from)).toList();
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized List<Entry> all() {
        return List.copyOf(new ArrayList<>(entries));
    }
}
