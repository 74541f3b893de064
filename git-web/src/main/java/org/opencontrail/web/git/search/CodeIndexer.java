package org.opencontrail.web.git.search;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.opencontrail.web.git.mirror.Mirror;
import org.opencontrail.web.git.mirror.MirrorUpdated;
import org.opencontrail.web.git.mirror.Mirrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the code search index in step with the mirrors, on one thread of its own ({@code
 * code-index}): after each {@link MirrorUpdated}, the refs of the project that moved are diffed
 * from the commit they were indexed at to the one they are at now, and only the files that
 * changed are read. A force-push or a deleted branch is a diff like any other; a project no
 * longer mirrored is dropped. At start, every mirror is brought up to date the same way.
 */
@Singleton
public final class CodeIndexer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CodeIndexer.class);

    private final CodeIndex index;
    private final TextCache texts;
    private final Mirrors mirrors;
    private final SearchSettings settings;
    private final RefGlobs globs;
    private final ExecutorService worker;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Counter filesRead;
    private final Counter bytesRead;
    private final Timer updates;
    private final Counter cpu;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final AtomicLong failures = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();

    CodeIndexer(
            CodeIndex index,
            TextCache texts,
            Mirrors mirrors,
            SearchSettings settings,
            MeterRegistry meters,
            @Named("code-index") ExecutorService worker) {
        this.index = index;
        this.texts = texts;
        this.mirrors = mirrors;
        this.settings = settings;
        this.globs = new RefGlobs(settings.refs());
        this.worker = worker;
        this.filesRead = Counter.builder("git_code_search_files_read")
                .description("files read into the code search index")
                .register(meters);
        this.bytesRead = Counter.builder("git_code_search_bytes_read")
                .description("bytes of files read into the code search index")
                .register(meters);
        this.updates = Timer.builder("git_code_search_update")
                .description("how long bringing one project's index up to date takes")
                .register(meters);
        // the processor time, apart from the time waited (for the disk, or for a core another thread has)
        this.cpu = Counter.builder("git_code_search_update_cpu_seconds")
                .description("processor time spent bringing projects' indexes up to date")
                .register(meters);
        Gauge.builder("git_code_search_behind", this, CodeIndexer::behind)
                .description("projects whose code search index waits to be brought up to date")
                .register(meters);
        Gauge.builder("git_code_search_bytes", index, CodeIndex::bytesOnDisk)
                .description("size of the code search index on disk")
                .register(meters);
    }

    @EventListener
    void onStartup(StartupEvent started) {
        if (!settings.enabled()) {
            return;
        }
        Set<String> projects = new LinkedHashSet<>(index.projects());
        mirrors.all().forEach(m -> projects.add(m.name()));
        projects.forEach(this::queue);
    }

    @EventListener
    void onMirrorUpdated(MirrorUpdated updated) {
        if (settings.enabled()) {
            queue(updated.project());
        }
    }

    /** Projects waiting to be brought up to date, or being brought. */
    int behind() {
        return queued.size() + running.get();
    }

    /** Updates that failed since start (the project is then indexed again from nothing). */
    long failures() {
        return failures.get();
    }

    private void queue(String project) {
        if (!queued.add(project)) {
            return; // already waiting: that update will see the newest refs
        }
        try {
            worker.execute(() -> {
                running.incrementAndGet();
                queued.remove(project);
                try {
                    update(project);
                } finally {
                    running.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException stopping) {
            queued.remove(project);
        }
    }

    private void update(String project) {
        Optional<Mirror> mirror = mirrors.find(project);
        try {
            if (mirror.isEmpty()) {
                if (!index.indexedRefs(project).isEmpty()) {
                    index.dropProject(project);
                    LOG.info("Code search: {} is no longer mirrored, dropped from the index", project);
                }
                return;
            }
            if (!mirror.get().ready()) {
                return; // its first fetch will say when it is
            }
            long started = System.nanoTime();
            long startedCpu = threads.getCurrentThreadCpuTime();
            Repository repository = mirror.get().repository();
            Map<String, String> wanted = globs.of(repository);
            Map<String, String> had = index.indexedRefs(project);
            if (wanted.equals(had)) {
                return;
            }
            int changed = apply(project, repository, had, wanted);
            index.commit(project, wanted);
            updates.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            cpu.increment((threads.getCurrentThreadCpuTime() - startedCpu) / 1e9);
            LOG.info(
                    "Code search: {} brought up to date ({} refs, {} files changed) in {} ms",
                    project,
                    wanted.size(),
                    changed,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            // a commit indexed before may be gone (a force-push, then a repack): start the project again from nothing
            failures.incrementAndGet();
            boolean had = !index.indexedRefs(project).isEmpty();
            LOG.warn(
                    "Code search: {} could not be brought up to date, indexed again from nothing: {}",
                    project,
                    e.toString());
            try {
                index.dropProject(project);
                if (had) {
                    queue(project);
                }
            } catch (IOException | RuntimeException again) {
                LOG.warn("Code search: {} could not be dropped either: {}", project, again.toString());
            }
        }
    }

    /** A document touched by an update: the refs it had, and has now. */
    private static final class Touched {
        final String path;
        final String blob;
        final Optional<Set<String>> before;
        final Set<String> refs;

        Touched(String path, String blob, Optional<Set<String>> before) {
            this.path = path;
            this.blob = blob;
            this.before = before;
            this.refs = new LinkedHashSet<>(before.orElse(Set.of()));
        }
    }

    /** Writes what changed between the refs indexed and the refs now; the number of documents touched. */
    private int apply(String project, Repository repository, Map<String, String> had, Map<String, String> wanted)
            throws IOException {
        Map<String, Touched> touched = new HashMap<>();
        boolean fresh = had.isEmpty(); // nothing of it in the index: no document to look up
        Set<String> refs = new LinkedHashSet<>(had.keySet());
        refs.addAll(wanted.keySet());
        try (ObjectReader reader = repository.newObjectReader();
                RevWalk walk = new RevWalk(reader)) {
            for (String ref : refs) {
                String from = had.get(ref);
                String to = wanted.get(ref);
                if (Objects.equals(from, to)) {
                    continue;
                }
                try (TreeWalk diff = new TreeWalk(reader)) {
                    diff.addTree(tree(walk, reader, from));
                    diff.addTree(tree(walk, reader, to));
                    diff.setRecursive(true);
                    diff.setFilter(TreeFilter.ANY_DIFF);
                    while (diff.next()) {
                        // the path's bytes as they are (a name need not be UTF-8), one char per byte
                        String path = new String(diff.getRawPath(), StandardCharsets.ISO_8859_1);
                        if (isFile(diff.getFileMode(0))) {
                            touch(touched, project, path, diff.getObjectId(0), fresh)
                                    .refs
                                    .remove(ref);
                        }
                        if (isFile(diff.getFileMode(1))) {
                            touch(touched, project, path, diff.getObjectId(1), fresh)
                                    .refs
                                    .add(ref);
                        }
                    }
                }
            }
            for (Map.Entry<String, Touched> entry : touched.entrySet()) {
                write(reader, project, entry.getKey(), entry.getValue());
            }
        }
        return touched.size();
    }

    private Touched touch(Map<String, Touched> touched, String project, String path, ObjectId blob, boolean fresh)
            throws IOException {
        String key = CodeIndex.key(project, path, blob.name());
        Touched found = touched.get(key);
        if (found == null) {
            found = new Touched(path, blob.name(), fresh ? Optional.empty() : index.refsOf(key));
            touched.put(key, found);
        }
        return found;
    }

    private void write(ObjectReader reader, String project, String key, Touched file) throws IOException {
        if (file.before.isPresent()) {
            if (file.refs.isEmpty()) {
                index.delete(key);
            } else if (!file.refs.equals(file.before.get())) {
                index.setRefs(key, file.refs);
            }
            return;
        }
        if (file.refs.isEmpty()) {
            return;
        }
        ObjectId blob = ObjectId.fromString(file.blob);
        ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
        long size = loader.getSize();
        Optional<String> reason =
                LeftOut.bySize(size, settings.maxFileSize()).or(() -> LeftOut.byName(CodeIndex.decodePath(file.path)));
        Optional<String> text = Optional.empty();
        if (reason.isEmpty()) {
            byte[] bytes = loader.getCachedBytes(Integer.MAX_VALUE);
            reason = LeftOut.byContent(bytes);
            if (reason.isEmpty()) {
                text = Optional.of(new String(bytes, StandardCharsets.UTF_8));
                texts.put(blob, text.get()); // the first searches find it in memory
                filesRead.increment();
                bytesRead.increment(bytes.length);
            }
        }
        index.add(new CodeIndex.NewFile(project, file.path, file.blob, file.refs, size, text, reason.orElse("")));
    }

    private static boolean isFile(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }

    private static AbstractTreeIterator tree(RevWalk walk, ObjectReader reader, String commit) throws IOException {
        if (commit == null) {
            return new EmptyTreeIterator();
        }
        return new CanonicalTreeParser(
                null, reader, walk.parseCommit(ObjectId.fromString(commit)).getTree());
    }

    /** Waits until every update asked for so far is done (tests, benchmarks). */
    void awaitIdle() throws InterruptedException {
        try {
            while (!queued.isEmpty()) {
                worker.submit(() -> {}).get();
            }
            worker.submit(() -> {}).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
