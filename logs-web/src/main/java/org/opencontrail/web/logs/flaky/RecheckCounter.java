package org.opencontrail.web.logs.flaky;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.Deque;
import org.opencontrail.web.logs.database.DatabaseException;
import org.opencontrail.web.logs.database.RecheckRow;
import org.opencontrail.web.logs.database.RecheckRows;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.stream.GerritEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notes every "recheck" comment of Gerrit's stream (only the projects this site shows reach it) in
 * the builds database. While the database is away the comments wait here, at most
 * {@link #MOST_WAITING}, and are written again every half minute.
 */
@Singleton
final class RecheckCounter implements GerritEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(RecheckCounter.class);
    static final int MOST_WAITING = 10_000;

    private final RecheckRows rows;
    private final Deque<RecheckRow> waiting = new ArrayDeque<>();

    RecheckCounter(RecheckRows rows) {
        this.rows = rows;
    }

    @Override
    public void onEvent(GerritEvent event) {
        if (!(event instanceof GerritEvent.CommentAdded comment)
                || comment.patchSet().isEmpty()) {
            return;
        }
        RecheckComment.of(comment.comment())
                .ifPresent(recheck -> keep(new RecheckRow(
                        comment.change().project(),
                        comment.change().number(),
                        comment.patchSet().get().number(),
                        comment.author().displayName(),
                        comment.createdOn(),
                        recheck.kind(),
                        recheck.reason())));
    }

    private synchronized void keep(RecheckRow row) {
        if (!waiting.isEmpty()) {
            queue(row);
            return;
        }
        try {
            rows.add(row);
        } catch (DatabaseException e) {
            LOG.warn(
                    "A recheck of {},{} waits for the builds database: {}",
                    row.change(),
                    row.patchSet(),
                    e.getMessage());
            queue(row);
        }
    }

    private void queue(RecheckRow row) {
        if (waiting.size() == MOST_WAITING) {
            waiting.removeFirst(); // the oldest: the newest weeks are the ones people look at
        }
        waiting.addLast(row);
    }

    @Scheduled(fixedDelay = "30s", initialDelay = "30s")
    synchronized void writeWaiting() {
        while (!waiting.isEmpty()) {
            try {
                rows.add(waiting.peekFirst());
                waiting.removeFirst();
            } catch (DatabaseException e) {
                return;
            }
        }
    }
}
