package org.opencontrail.web.logs.ingest;

import jakarta.inject.Singleton;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.store.LogLayout;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.logs.store.StoreKeys;
import org.opencontrail.web.logs.store.StoreLimitException;
import org.opencontrail.web.logs.store.StoredObject;
import org.opencontrail.web.shared.http.BadRequest;
import org.opencontrail.web.shared.zuul.builds.Build;

/**
 * What publishers push: one file at its path, or a build's files as a tar.gz under the build's
 * folder. Entries that are not plain files (links, devices) or whose names would leave the folder
 * are refused one by one with the reason; the rest is stored (an absolute name is taken as relative
 * to the folder, as tar itself does). When the path is a build's folder in
 * the layout, the build's record lists what came.
 */
@Singleton
public final class Uploads {

    /**
     * What an archive brought.
     *
     * @param root    the folder it went to
     * @param stored  the files stored
     * @param refused entries not stored, with the reason
     */
    public record Outcome(String root, List<BuildRecord.StoredFile> stored, Map<String, String> refused) {}

    private final LogStore store;
    private final BuildRecords records;
    private final IngestQueue queue;
    private final IngestSettings settings;
    private final Clock clock;

    Uploads(LogStore store, BuildRecords records, IngestQueue queue, IngestSettings settings, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.records = records;
        this.queue = queue;
        this.settings = settings;
    }

    /** The store's folder of build records is the site's own: nothing is uploaded into it. */
    private static String notTheSitesOwn(String key) {
        if (key.startsWith(BuildRecords.STORE_FOLDER) || (key + "/").equals(BuildRecords.STORE_FOLDER)) {
            throw new BadRequest(
                    BuildRecords.STORE_FOLDER + " holds the site's build records: nothing is uploaded there");
        }
        return key;
    }

    /** Stores one file at {@code key}. */
    public StoredObject file(String key, InputStream body, String contentType) throws IOException {
        StoredObject stored = store.put(notTheSitesOwn(StoreKeys.check(key)), body, contentType);
        LogLayout.parse(key)
                .filter(build -> !build.path().isEmpty())
                .ifPresent(build -> note(
                        build,
                        List.of(new BuildRecord.StoredFile(build.path(), stored.size(), stored.storedSize())),
                        "upload"));
        return stored;
    }

    /** Stores every plain file of a tar.gz (or plain tar) under {@code folder}. */
    public Outcome archive(String folder, InputStream body) throws IOException {
        String root = notTheSitesOwn(StoreKeys.folder(folder));
        if (root.isEmpty()) {
            throw new BadRequest("an archive goes under a folder: /api/upload/FOLDER");
        }
        List<BuildRecord.StoredFile> stored = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        long[] bytes = {0};
        BufferedInputStream in = new BufferedInputStream(body, 64 * 1024);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(gzip ? new GzipCompressorInputStream(in, true) : in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                while (name.startsWith("./")) {
                    name = name.substring(2);
                }
                if (entry.isDirectory() || name.isEmpty()) {
                    continue;
                }
                if (entry.isSymbolicLink() || entry.isLink()) {
                    refused.put(name, "a link: only plain files are stored");
                    continue;
                }
                if (!entry.isFile() || entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                    refused.put(name, "not a plain file");
                    continue;
                }
                String key;
                try {
                    key = StoreKeys.check(root + name);
                } catch (IllegalArgumentException e) {
                    refused.put(name, e.getMessage());
                    continue;
                }
                if (stored.size() >= settings.maxFiles()) {
                    throw new StoreLimitException("the archive holds more than " + settings.maxFiles()
                            + " files; the first " + stored.size() + " were stored under " + root);
                }
                try {
                    StoredObject object = store.put(key, counting(tar, bytes), null);
                    stored.add(new BuildRecord.StoredFile(name, object.size(), object.storedSize()));
                } catch (StoreLimitException e) {
                    if (e.getMessage().startsWith("the archive")) {
                        throw e;
                    }
                    refused.put(name, e.getMessage());
                } catch (ArchiveUnreadable e) {
                    throw e;
                } catch (IOException e) {
                    if (e.getMessage() != null && e.getMessage().startsWith("not a whole gzip file")) {
                        refused.put(name, e.getMessage()); // the entry is a broken .gz: the archive goes on
                        continue;
                    }
                    throw new StoreFailure(e);
                }
            }
        } finally {
            LogLayout.parse(root).ifPresent(build -> note(build, stored, "upload"));
        }
        return new Outcome(root, List.copyOf(stored), refused);
    }

    private InputStream counting(InputStream in, long[] bytes) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n;
                try {
                    n = super.read(buffer, offset, length);
                } catch (IOException e) {
                    throw new ArchiveUnreadable(e);
                }
                bytes[0] += Math.max(0, n);
                if (bytes[0] > settings.maxBytes()) {
                    throw new StoreLimitException("the archive holds more than " + settings.maxBytes() + " bytes");
                }
                return n;
            }

            @Override
            public void close() {
                // the archive goes on after this entry
            }
        };
    }

    /** The archive itself could not be read further (truncated, not tar). */
    static final class ArchiveUnreadable extends IOException {
        ArchiveUnreadable(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The store failed while an upload was being written (not the upload's fault). */
    public static final class StoreFailure extends RuntimeException {
        StoreFailure(IOException cause) {
            super("the store failed: " + cause.getMessage(), cause);
        }
    }

    /**
     * Adds stored files to the record of the build whose folder they are in (made when missing), and
     * has the build indexed again.
     */
    synchronized void note(LogLayout.BuildPath build, List<BuildRecord.StoredFile> files, String source) {
        if (files.isEmpty()) {
            return;
        }
        Optional<BuildRecord> known = records.all().stream()
                .filter(r -> r.root().equals(build.root()))
                .findFirst();
        BuildRecord record = known.orElseGet(() -> {
            Build zuul = new Build(
                    build.shortUuid(),
                    build.job(),
                    Optional.empty(),
                    true,
                    build.pipeline(),
                    build.context(),
                    "",
                    build.change() > 0 ? Optional.of(build.change()) : Optional.empty(),
                    build.patchSet() > 0 ? Optional.of(build.patchSet()) : Optional.empty(),
                    "",
                    build.newrev(),
                    "",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    "",
                    "",
                    "");
            return new BuildRecord(
                    zuul,
                    build.root(),
                    source,
                    IngestState.INDEXING,
                    "",
                    0,
                    List.of(),
                    clock.instant(),
                    clock.instant());
        });
        Map<String, BuildRecord.StoredFile> merged = new LinkedHashMap<>();
        record.files().forEach(f -> merged.put(f.path(), f));
        files.forEach(f -> merged.put(f.path(), f));
        boolean fetching = record.state() == IngestState.QUEUED
                || record.state() == IngestState.FETCHING
                || record.state() == IngestState.STORING;
        records.save(new BuildRecord(
                record.build(),
                record.root(),
                record.source(),
                fetching ? record.state() : IngestState.INDEXING,
                record.reason(),
                record.attempts(),
                List.copyOf(merged.values()),
                record.received(),
                clock.instant()));
        if (!fetching) {
            queue.indexStored(record.build().uuid());
        }
    }
}
