package org.opencontrail.web.logs.builds;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.logs.store.LogsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every build's record, on local disk ({@code logs.dir/builds/UUID.json}): the ingest queue is these
 * records, so a build is durable once {@link #save} returns (written beside, synced, moved in), and
 * whatever was not finished when the app stopped, even by {@code kill -9}, is found again at start.
 * A finished build's record is also kept in the store beside the logs ({@code _records/UUID.json}),
 * which is the system of record: records lost with a disk come back from it at the next start.
 */
@Singleton
public final class BuildRecords {

    private static final Logger LOG = LoggerFactory.getLogger(BuildRecords.class);

    /** The store's folder of finished builds' records. */
    public static final String STORE_FOLDER = "_records/";

    private static final String RESTORED_MARKER = "restored-from-store";

    private final Path dir;
    private final LogStore store;
    private final BuildJson json;
    private final Map<String, BuildRecord> byUuid = new ConcurrentHashMap<>();
    private final ApplicationEventPublisher<BuildSaved> saved;
    private volatile String writeProblem = "";

    BuildRecords(
            LogsSettings settings, LogStore store, JsonMapper mapper, ApplicationEventPublisher<BuildSaved> saved) {
        this.json = new BuildJson(mapper);
        this.saved = saved;
        this.dir = Path.of(settings.dir(), "builds");
        this.store = store;
        try {
            Files.createDirectories(dir);
            load();
            restore();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build records in " + dir, e);
        }
    }

    /**
     * On a disk that was never restored (a new one, or one lost with its records), the finished
     * builds' records missing here come back from the store, and those the store lacks (kept
     * before records went to the store) are copied there, once: a marker file says it was done.
     * A store that cannot be read is said loudly and tried again at the next start.
     */
    private void restore() throws IOException {
        Path marker = dir.resolve(RESTORED_MARKER);
        if (Files.exists(marker)) {
            return;
        }
        List<String> keys;
        try {
            keys = storedKeys();
        } catch (IOException | RuntimeException e) {
            LOG.error(
                    "The build records kept in {} cannot be listed ({}): builds stored before are missing from this site "
                            + "until a start that reaches the store",
                    store.describe(),
                    e.toString());
            return;
        }
        Set<String> inStore = new HashSet<>(keys);
        keys.removeIf(
                key -> byUuid.containsKey(key.substring(STORE_FOLDER.length()).replaceFirst("\\.json$", "")));
        if (!keys.isEmpty()) {
            LOG.info("Restoring {} build records from {} into {}", keys.size(), store.describe(), dir);
        }
        long started = System.nanoTime();
        long reported = started;
        int restored = 0;
        int failed = 0;
        for (String key : keys) {
            try {
                BuildRecord record = readStored(key);
                writeLocal(record);
                byUuid.put(record.build().uuid(), record);
                restored++;
            } catch (IOException | RuntimeException e) {
                failed++;
                LOG.warn("Build record {} in the store cannot be restored: {}", key, e.toString());
            }
            if (System.nanoTime() - reported > 5_000_000_000L) {
                reported = System.nanoTime();
                LOG.info("Restoring build records: {} of {}", restored, keys.size());
            }
        }
        if (!keys.isEmpty()) {
            LOG.info(
                    "Restored {} build records from the store in {} ms",
                    restored,
                    (System.nanoTime() - started) / 1_000_000);
        }
        // and the other way, once: finished builds recorded before records were kept in the store
        for (BuildRecord record : List.copyOf(byUuid.values())) {
            String key = STORE_FOLDER + record.build().uuid() + ".json";
            if (record.state().finished() && !inStore.contains(key)) {
                try {
                    store.put(key, new ByteArrayInputStream(json.bytes(record)), "application/json");
                } catch (IOException | RuntimeException e) {
                    failed++;
                    LOG.warn(
                            "Cannot copy the record of build {} to the store: {}",
                            record.build().uuid(),
                            e.toString());
                }
            }
        }
        if (failed == 0) {
            Files.writeString(marker, "build records restored from " + store.describe() + "\n");
        }
    }

    /** The keys of the finished builds' records the store keeps ({@code _records/UUID.json}). */
    public List<String> storedKeys() throws IOException {
        List<String> keys = new ArrayList<>();
        store.walk(STORE_FOLDER, object -> keys.add(object.key()));
        return keys;
    }

    /** A record the store keeps, by its key. */
    public BuildRecord readStored(String key) throws IOException {
        try (InputStream in = store.open(key).orElseThrow(() -> new IOException(key + " is gone from the store"))) {
            return json.read(in.readAllBytes());
        }
    }

    private void load() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                if (file.getFileName().toString().endsWith(".tmp")) {
                    Files.deleteIfExists(file); // half written when the app stopped: its save never returned
                    continue;
                }
                if (!file.getFileName().toString().endsWith(".json")) {
                    continue;
                }
                try {
                    BuildRecord record = json.read(Files.readAllBytes(file));
                    byUuid.put(record.build().uuid(), record);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Unreadable build record {} set aside: {}", file.getFileName(), e.toString());
                    Files.move(
                            file,
                            file.resolveSibling(file.getFileName() + ".unreadable"),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    public Optional<BuildRecord> get(String uuid) {
        return Optional.ofNullable(byUuid.get(uuid));
    }

    public Collection<BuildRecord> all() {
        return List.copyOf(byUuid.values());
    }

    /** Builds not finished, oldest first. */
    public List<BuildRecord> pending() {
        List<BuildRecord> pending = new ArrayList<>(
                byUuid.values().stream().filter(r -> !r.state().finished()).toList());
        pending.sort(java.util.Comparator.comparing(BuildRecord::received));
        return pending;
    }

    /** Drops the record of a build never to be kept (its project is not public); it was never stored. */
    public void forget(String uuid) {
        synchronized (this) {
            if (byUuid.remove(uuid) != null) {
                try {
                    Files.deleteIfExists(dir.resolve(uuid + ".json"));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove the record of build " + uuid, e);
                }
            }
        }
    }

    /** Writes the record durably, then makes it visible; a finished build's record is copied to the store. */
    public void save(BuildRecord record) {
        String uuid = checkedUuid(record);
        synchronized (this) {
            writeLocal(record);
            byUuid.put(uuid, record);
        }
        saved.publishEvent(new BuildSaved(record));
        if (record.state().finished()) {
            try {
                store.put(
                        STORE_FOLDER + uuid + ".json",
                        new ByteArrayInputStream(json.bytes(record)),
                        "application/json");
            } catch (IOException | RuntimeException e) {
                // the record stays on disk: only a lost disk, before the next save of this build, would lose it
                LOG.warn("Cannot copy the record of build {} to the store: {}", uuid, e.toString());
            }
        }
    }

    /**
     * Keeps a record another replica finished (its logs and its record are in the shared store
     * already), on disk here and not copied to the store again; false when the one here is as new.
     */
    public boolean adopt(BuildRecord record) {
        String uuid = checkedUuid(record);
        synchronized (this) {
            BuildRecord known = byUuid.get(uuid);
            if (known != null && !known.updated().isBefore(record.updated())) {
                return false;
            }
            writeLocal(record);
            byUuid.put(uuid, record);
        }
        saved.publishEvent(new BuildSaved(record));
        return true;
    }

    /**
     * The record the shared store keeps of a finished build, if it keeps one: a replica that is
     * handed a build another has finished learns so here, before it fetches anything.
     */
    public Optional<BuildRecord> finishedInStore(String uuid) throws IOException {
        try (InputStream in = store.open(STORE_FOLDER + uuid + ".json").orElse(null)) {
            return in == null ? Optional.empty() : Optional.of(json.read(in.readAllBytes()));
        }
    }

    /** The record's uuid, which names its file: anything else is refused. */
    private static String checkedUuid(BuildRecord record) {
        String uuid = record.build().uuid();
        if (!uuid.matches("[0-9a-fA-F-]{7,64}")) {
            throw new IllegalArgumentException("not a build uuid: " + uuid);
        }
        return uuid;
    }

    /** Why the last write of a record failed (a full or failing disk), empty once one succeeds again. */
    public String writeProblem() {
        return writeProblem;
    }

    private void writeLocal(BuildRecord record) {
        String uuid = record.build().uuid();
        Path file = dir.resolve(uuid + ".json");
        try {
            writeAtomically(record, file);
            writeProblem = "";
        } catch (IOException e) {
            writeProblem = "cannot write build records under " + dir.getFileName() + ": " + e.getMessage();
            throw new UncheckedIOException("cannot write the record of build " + uuid, e);
        }
    }

    private void writeAtomically(BuildRecord record, Path file) throws IOException {
        Path temp = Files.createTempFile(dir, "record-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(json.bytes(record)));
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp); // left only when the write failed
        }
    }

    public BuildJson json() {
        return json;
    }
}
