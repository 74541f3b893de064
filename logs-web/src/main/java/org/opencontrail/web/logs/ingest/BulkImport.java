package org.opencontrail.web.logs.ingest;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.Progress;
import org.opencontrail.web.logs.store.LogLayout;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.logs.store.Sizes;
import org.opencontrail.web.logs.store.StoreKeys;
import org.opencontrail.web.logs.store.StoredObject;

/**
 * Imports an existing log tree in the logs.openstack.org layout (a copy of a log server's folder):
 * every file goes to the store at its path, each build's record lists its files. A file already
 * stored with the same size is skipped, so an import can be run again after a stop and stores
 * nothing twice. Shows its progress and ends with a summary.
 */
@Singleton
public final class BulkImport {

    /**
     * What an import did.
     *
     * @param stored   files stored
     * @param skipped  files already in the store
     * @param refused  files not stored, with the reason
     * @param bytes    bytes read
     * @param builds   builds whose records were written
     * @param seconds  how long it took
     */
    public record Summary(
            long stored, long skipped, Map<String, String> refused, long bytes, int builds, double seconds) {}

    private final LogStore store;
    private final Uploads uploads;

    BulkImport(LogStore store, Uploads uploads) {
        this.store = store;
        this.uploads = uploads;
    }

    public Summary run(Path dir, PrintStream out, boolean terminal) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(dir + " is not a folder");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
        }
        long totalBytes = 0;
        for (Path file : files) {
            totalBytes += Files.size(file);
        }
        out.println("Importing " + files.size() + " files (" + Sizes.human(totalBytes) + ") from " + root + " into "
                + store.describe());
        Progress progress = new Progress(out, terminal, "import", "files", files.size(), totalBytes);
        long started = System.nanoTime();
        long stored = 0;
        long skipped = 0;
        long bytes = 0;
        long done = 0;
        Map<String, String> refused = new LinkedHashMap<>();
        Map<String, List<BuildRecord.StoredFile>> byBuild = new LinkedHashMap<>();
        Map<String, LogLayout.BuildPath> builds = new LinkedHashMap<>();
        for (Path file : files) {
            String key = root.relativize(file)
                    .toString()
                    .replace(file.getFileSystem().getSeparator(), "/");
            long size = Files.size(file);
            try {
                StoreKeys.check(key);
                Optional<StoredObject> existing = store.head(key);
                StoredObject object;
                if (existing.isPresent()
                        && (existing.get().size() == size || existing.get().storedSize() == size)) {
                    object = existing.get();
                    skipped++;
                } else {
                    try (InputStream in = Files.newInputStream(file)) {
                        object = store.put(key, in, null);
                    }
                    stored++;
                }
                Optional<LogLayout.BuildPath> build =
                        LogLayout.parse(key).filter(b -> !b.path().isEmpty());
                if (build.isPresent()) {
                    builds.putIfAbsent(build.get().root(), build.get());
                    byBuild.computeIfAbsent(build.get().root(), r -> new ArrayList<>())
                            .add(new BuildRecord.StoredFile(build.get().path(), object.size(), object.storedSize()));
                }
            } catch (IllegalArgumentException | IOException e) {
                refused.put(key, e.getMessage());
            }
            bytes += size;
            done++;
            progress.update(done, bytes, false);
        }
        progress.finish(done, bytes);
        byBuild.forEach((buildRoot, list) -> uploads.note(builds.get(buildRoot), list, "import"));
        return new Summary(stored, skipped, refused, bytes, byBuild.size(), (System.nanoTime() - started) / 1e9);
    }
}
