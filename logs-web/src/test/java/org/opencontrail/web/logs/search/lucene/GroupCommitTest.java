package org.opencontrail.web.logs.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.scheduling.ScheduledExecutorTaskScheduler;
import io.micronaut.scheduling.TaskScheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commits wait their interval on the app's scheduler and commit on their own executor; while
 * the app stops, a commit asked for is made or refused at once, never left to hang its callers.
 */
class GroupCommitTest {

    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService committer = Executors.newSingleThreadExecutor();
    private IndexWriter writer;
    private SearcherManager searchers;

    private GroupCommit commits(TaskScheduler scheduler, ExecutorService commitsOn) throws Exception {
        writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()));
        writer.commit();
        searchers = new SearcherManager(writer, null);
        return new GroupCommit(writer, searchers, Duration.ofMillis(20), scheduler, commitsOn);
    }

    @AfterEach
    void close() throws Exception {
        searchers.close();
        writer.close();
        timer.shutdownNow();
        committer.shutdownNow();
    }

    private void add(String id) throws Exception {
        Document document = new Document();
        document.add(new StringField("id", id, Field.Store.NO));
        writer.addDocument(document);
    }

    @Test
    void whatWasAddedBeforeTheRequestIsDurableWhenItIsAnswered() throws Exception {
        GroupCommit commits = commits(new ScheduledExecutorTaskScheduler(timer), committer);
        add("a");
        add("b");

        commits.request().get(5, TimeUnit.SECONDS);

        try (DirectoryReader committed = DirectoryReader.open(directory)) {
            assertThat(committed.numDocs()).isEqualTo(2);
        }
    }

    @Test
    void aStoppedCommitExecutorCommitsInPlaceRatherThanHangingTheCaller() throws Exception {
        committer.shutdown();
        GroupCommit commits = commits(new ScheduledExecutorTaskScheduler(timer), committer);
        add("a");

        commits.request().get(5, TimeUnit.SECONDS);

        try (DirectoryReader committed = DirectoryReader.open(directory)) {
            assertThat(committed.numDocs()).isEqualTo(1);
        }
    }

    @Test
    void aStoppedSchedulerRefusesTheRequestAndTheNextOneIsNotStuckBehindIt() throws Exception {
        timer.shutdown();
        GroupCommit commits = commits(new ScheduledExecutorTaskScheduler(timer), committer);

        CompletableFuture<Void> refused = commits.request();
        CompletableFuture<Void> again = commits.request();

        assertThatThrownBy(() -> refused.get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(again).isNotSameAs(refused).isCompletedExceptionally();
        long started = System.nanoTime();
        commits.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("no commit left to wait for")
                .isLessThan(Duration.ofSeconds(5));
    }
}
