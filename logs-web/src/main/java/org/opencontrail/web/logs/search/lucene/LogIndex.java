package org.opencontrail.web.logs.search.lucene;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.search.BuildFacts;
import org.opencontrail.web.logs.search.BuildIndexed;
import org.opencontrail.web.logs.search.Catalog;
import org.opencontrail.web.logs.search.FileFacts;
import org.opencontrail.web.logs.search.IndexedBuild;
import org.opencontrail.web.logs.search.LogAnalyzers;
import org.opencontrail.web.logs.search.SearchFields;
import org.opencontrail.web.logs.search.SearchIndex;
import org.opencontrail.web.logs.search.SearchSettings;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.logs.store.LogsSettings;
import org.opencontrail.web.shared.io.Trees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search index of every stored build, on local disk beside the store. A build is indexed by
 * whoever stored it and acknowledged once a commit holds it: commits are grouped (builds indexed
 * within {@code logs.search.commit-interval} share one fsync), so a kill loses nothing that was
 * acknowledged. Searches see a build from that commit on.
 */
@Singleton
@Requires(missingProperty = "logs.search.opensearch.hosts")
public final class LogIndex implements SearchIndex, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogIndex.class);

    private final Path path;
    private final Directory directory;
    private final SearchSettings settings;
    private final BuildIndexer indexer;
    /** The writer with its searchers and commits: opened again when a disk error closed the writer. */
    private volatile Open open;

    private final Catalog catalog;
    private final boolean fresh;
    private final Counter linesIndexed;
    private final Counter charsIndexed;
    private final Timer indexTime;
    private final ApplicationEventPublisher<BuildIndexed> events;
    /** Where the group commits wait their interval. */
    private final TaskScheduler scheduler;

    private final ExecutorService committer;

    LogIndex(
            LogStore store,
            SearchSettings settings,
            LogsSettings logs,
            MeterRegistry meters,
            ApplicationEventPublisher<BuildIndexed> events,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            @Named("index-commit") ExecutorService committer)
            throws IOException {
        this.events = events;
        this.scheduler = scheduler;
        this.committer = committer;
        this.path = settings.indexPath(logs);
        this.directory = openKeepable(path);
        this.fresh = !DirectoryReader.indexExists(directory);
        this.settings = settings;
        this.open = open(directory, settings, fresh, scheduler, committer);
        this.catalog = loadCatalog(open.searchers());
        this.indexer = new BuildIndexer(store, settings);
        linesIndexed = Counter.builder("logs_index_lines")
                .description("log lines indexed")
                .register(meters);
        charsIndexed = Counter.builder("logs_index_chars")
                .description("characters of log text indexed")
                .register(meters);
        indexTime = Timer.builder("logs_index_build_seconds")
                .description("time to index a build, commit included")
                .register(meters);
        Gauge.builder("logs_index_builds", catalog, c -> c.builds().size())
                .description("builds in the search index")
                .register(meters);
        Gauge.builder("logs_index_files", catalog, Catalog::fileCount)
                .description("files in the search index")
                .register(meters);
        LOG.info(
                "Search index at {}: {} builds, {} files{}",
                path,
                catalog.builds().size(),
                catalog.fileCount(),
                fresh ? " (new: every stored build will be indexed)" : "");
    }

    /** A writer, its searchers and its commits. */
    private record Open(IndexWriter writer, SearcherManager searchers, GroupCommit commits) {
        void close() {
            commits.close();
            try {
                searchers.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing the searchers of a closed writer: {}", e.toString());
            }
        }
    }

    private static Open open(
            Directory directory,
            SearchSettings settings,
            boolean fresh,
            TaskScheduler scheduler,
            ExecutorService committer)
            throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(LogAnalyzers.perField(true))
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(settings.ramBufferMb())
                .setUseCompoundFile(
                        false) // compound files cost a copy of every new segment; a log index has few files to hold
                // open
                .setCommitOnClose(true);
        if (config.getMergePolicy() instanceof org.apache.lucene.index.TieredMergePolicy tiered) {
            tiered.setNoCFSRatio(0.0);
        }
        IndexWriter writer = new IndexWriter(directory, config);
        try {
            IndexFormat.stamp(writer);
            if (fresh) {
                writer.commit(); // an empty index, so readers open at once
            }
            SearcherManager searchers = new SearcherManager(writer, null);
            return new Open(
                    writer,
                    searchers,
                    new GroupCommit(writer, searchers, settings.commitInterval(), scheduler, committer));
        } catch (IOException | RuntimeException e) {
            writer.rollback();
            throw e;
        }
    }

    private static Catalog loadCatalog(SearcherManager searchers) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return Catalog.load(searcher);
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * The open writer; when an error Lucene cannot recover from (a full disk while writing a
     * segment) closed it, a new one on the last commit. What was added since that commit is lost
     * from the index only: its builds were not acknowledged, and are indexed again when retried.
     */
    private synchronized Open writable() throws IOException {
        Open current = open;
        if (current.writer().isOpen()) {
            return current;
        }
        LOG.warn(
                "The index writer closed after {}; opening it again on the last commit",
                String.valueOf(current.writer().getTragicException()));
        Open reopened = open(directory, settings, false, scheduler, committer);
        catalog.replaceWith(loadCatalog(reopened.searchers()));
        open = reopened;
        current.close(); // after the swap: a search meanwhile still had the old searchers
        return reopened;
    }

    /** The index's folder, emptied first when its index cannot be kept (another version's, or damaged): it is rebuilt. */
    private static Directory openKeepable(Path path) throws IOException {
        Directory directory = FSDirectory.open(path);
        Optional<String> refusal = IndexFormat.refusal(directory);
        if (refusal.isEmpty()) {
            return directory;
        }
        LOG.warn(
                "The search index at {} is rebuilt from the store: {}. Searches find builds again as they are indexed.",
                path,
                refusal.get());
        directory.close();
        Trees.delete(path);
        return FSDirectory.open(path);
    }

    /** Whether the index was made at this start (none was there, it was lost, or it could not be kept). */
    @Override
    public boolean fresh() {
        return fresh;
    }

    public Path path() {
        return path;
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }

    /**
     * Indexes a build's stored files, replacing what the index had of it, and returns once a commit
     * holds them.
     */
    @Override
    public IndexedBuild index(BuildRecord record) throws IOException {
        long started = System.nanoTime();
        BuildFacts build = BuildFacts.of(record);
        IndexedBuild indexed = add(record);
        await(writable().commits().request());
        events.publishEvent(new BuildIndexed(build, indexed.indexed()));
        linesIndexed.increment((double) indexed.lines());
        charsIndexed.increment((double) indexed.chars());
        indexTime.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        return indexed;
    }

    /**
     * Adds a build's documents without waiting for a commit: for rebuilding the whole index, where
     * one commit at the end (see {@link #commit()}) makes fewer, larger segments than one per build.
     * Nothing added this way is durable or searchable before that commit.
     */
    @Override
    public IndexedBuild add(BuildRecord record) throws IOException {
        BuildFacts build = BuildFacts.of(record);
        IndexWriter writer = writable().writer();
        removeDocuments(writer, build.uuid());
        IndexedBuild indexed = indexer.index(build, writer);
        catalog.put(build, indexed.indexed());
        return indexed;
    }

    /** Commits what was added; returns once it is durable and searchable. */
    @Override
    public void commit() throws IOException {
        await(writable().commits().request());
    }

    /** Removes a build from the index, durably. */
    @Override
    public void remove(String uuid) throws IOException {
        Open current = writable();
        removeDocuments(current.writer(), uuid);
        catalog.remove(uuid);
        await(current.commits().request());
    }

    private void removeDocuments(IndexWriter writer, String uuid) throws IOException {
        List<Term> terms = new ArrayList<>();
        for (FileFacts file : catalog.filesOf(uuid)) {
            terms.add(new Term(SearchFields.FILE, FileFacts.term(file.id())));
        }
        terms.add(new Term(SearchFields.BUILD_UUID, uuid.toLowerCase(Locale.ROOT)));
        writer.deleteDocuments(terms.toArray(Term[]::new));
    }

    private static void await(CompletableFuture<Void> commit) throws IOException {
        try {
            commit.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the index commit", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io
                    ? io
                    : new IOException("the index commit failed: " + e.getCause(), e.getCause());
        }
    }

    /** A searcher of the last commit; give it back with {@link #release}. */
    @SuppressWarnings("ReferenceEquality") // whether the index was reopened: the same Open, not an equal one
    public IndexSearcher acquire() {
        try {
            while (true) {
                Open current = open;
                try {
                    return current.searchers().acquire();
                } catch (org.apache.lucene.store.AlreadyClosedException reopened) {
                    if (open == current) {
                        throw reopened; // the index is closing
                    }
                    // the writer was opened again meanwhile: its searchers answer
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void release(IndexSearcher searcher) {
        try {
            searcher.getIndexReader().decRef(); // what its searcher manager does, whichever manager it came from
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why new builds cannot be indexed now (a full disk), empty when they can. */
    @Override
    public String writeProblem() {
        Open current = open;
        if (!current.writer().isOpen()) {
            return "the index writer closed: " + current.writer().getTragicException();
        }
        return current.commits().lastFailure();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("path", path.toString());
        IndexSearcher searcher = acquire();
        try {
            details.put("documents", searcher.getIndexReader().numDocs());
        } finally {
            release(searcher);
        }
        return details;
    }

    /** The number of documents: lines, files and builds. */
    public int documents() {
        try {
            return writable().writer().getDocStats().numDocs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PreDestroy
    @Override
    public void close() throws IOException {
        Open current = open;
        current.commits().close();
        current.searchers().close();
        if (current.writer().isOpen()) {
            current.writer().close();
        }
        directory.close();
    }
}
