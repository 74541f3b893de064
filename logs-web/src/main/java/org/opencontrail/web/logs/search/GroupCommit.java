package org.opencontrail.web.logs.search;

import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.SearcherManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Commits the index for everyone who asked since the last commit, at most once an interval: one
 * fsync serves every build indexed meanwhile. A request is answered after a commit that began after
 * it, so whatever the caller added before asking is durable and searchable when it returns.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final long intervalMillis;
    private final Thread thread;
    private CompletableFuture<Void> next;
    private boolean closed;
    private volatile String lastFailure = "";

    GroupCommit(IndexWriter writer, SearcherManager searchers, Duration interval) {
        this.writer = writer;
        this.searchers = searchers;
        this.intervalMillis = Math.max(0, interval.toMillis());
        this.thread = new Thread(this::loop, "index-commit");
        thread.setDaemon(true);
        thread.start();
    }

    synchronized CompletableFuture<Void> request() {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the index is closed"));
        }
        if (next == null) {
            next = new CompletableFuture<>();
            notifyAll();
        }
        return next;
    }

    private void loop() {
        while (true) {
            CompletableFuture<Void> batch;
            try {
                synchronized (this) {
                    while (next == null && !closed) {
                        wait();
                    }
                    if (next == null) {
                        return;
                    }
                }
                Thread.sleep(intervalMillis); // let the builds indexed meanwhile share this commit
                synchronized (this) {
                    batch = next;
                    next = null;
                }
            } catch (InterruptedException e) {
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
    }

    /** Why the last commit failed, empty when it did not. */
    String lastFailure() {
        return lastFailure;
    }

    @Override
    public void close() {
        CompletableFuture<Void> last;
        synchronized (this) {
            closed = true;
            last = next;
            notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (last != null && !last.isDone()) {
            last.completeExceptionally(new IllegalStateException("the index closed before this commit"));
        }
    }
}
