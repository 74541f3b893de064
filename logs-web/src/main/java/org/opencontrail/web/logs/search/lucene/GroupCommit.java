package org.opencontrail.web.logs.search.lucene;

import io.micronaut.scheduling.TaskScheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.SearcherManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the index for everyone who asked since the last commit, at most once an interval: one
 * fsync serves every build indexed meanwhile. A request is answered after a commit that began after
 * it, so whatever the caller added before asking is durable and searchable when it returns. The
 * interval is waited on the app's scheduler; the commit runs on the {@code index-commit} executor.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final Duration LAST_COMMIT_WAIT = Duration.ofSeconds(10);

    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Duration interval;
    private final TaskScheduler scheduler;
    /** Commits run here, one at a time, never on the app's scheduler, where others wait for them. */
    private final Executor committer;

    private CompletableFuture<Void> next;
    private boolean closed;
    private volatile String lastFailure = "";

    GroupCommit(
            IndexWriter writer,
            SearcherManager searchers,
            Duration interval,
            TaskScheduler scheduler,
            Executor committer) {
        this.writer = writer;
        this.searchers = searchers;
        this.interval = interval.isNegative() ? Duration.ZERO : interval;
        this.scheduler = scheduler;
        this.committer = committer;
    }

    /** A commit after this request, shared by every request until it begins (an interval later). */
    synchronized CompletableFuture<Void> request() {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the index is closed"));
        }
        if (next == null) {
            CompletableFuture<Void> batch = new CompletableFuture<>();
            try {
                // let the builds indexed meanwhile share this commit
                var unused = scheduler.schedule(interval, this::handOver);
            } catch (RejectedExecutionException stopping) {
                return CompletableFuture.failedFuture(new IllegalStateException("the index is closing", stopping));
            }
            next = batch;
        }
        return next;
    }

    private void handOver() {
        try {
            committer.execute(this::commit);
        } catch (RejectedExecutionException stopping) {
            commit(); // the app stops: this last commit is made here rather than lost
        }
    }

    private void commit() {
        CompletableFuture<Void> batch;
        synchronized (this) {
            batch = next;
            next = null;
        }
        if (batch == null) {
            return;
        }
        try {
            writer.commit();
            searchers.maybeRefreshBlocking();
            lastFailure = "";
            batch.complete(null);
        } catch (Exception | Error e) {
            lastFailure = e.toString();
            LOG.error("The index commit failed: {}", e.toString());
            batch.completeExceptionally(e);
        }
    }

    /** Why the last commit failed, empty when it did not. */
    String lastFailure() {
        return lastFailure;
    }

    /** Takes no more requests; waits a while for the commit already asked for. */
    @Override
    public void close() {
        CompletableFuture<Void> last;
        synchronized (this) {
            closed = true;
            last = next;
        }
        if (last == null) {
            return;
        }
        try {
            last.get(LAST_COMMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // said below, or already said by the commit
        }
        if (!last.isDone()) {
            last.completeExceptionally(new IllegalStateException("the index closed before this commit"));
        }
    }
}
