package org.opencontrail.web.logs.ingest;

import jakarta.inject.Singleton;
import org.opencontrail.web.logs.store.LogsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Every build's record, on local disk ({@code logs.dir/builds/UUID.json}): the ingest queue is these
 * records, so a build is durable once {@link #save} returns (written beside, synced, moved in), and
 * whatever was not finished when the app stopped, even by {@code kill -9}, is found again at start.
 */
@Singleton
public final class BuildRecords {

    private static final Logger LOG = LoggerFactory.getLogger(BuildRecords.class);

    private final Path dir;
    private final BuildJson json = new BuildJson();
    private final Map<String, BuildRecord> byUuid = new ConcurrentHashMap<>();

    BuildRecords(LogsSettings settings) {
        this.dir = Path.of(settings.dir(), "builds");
        try {
            Files.createDirectories(dir);
            load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build records in " + dir, e);
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
                    Files.move(file, file.resolveSibling(file.getFileName() + ".unreadable"), StandardCopyOption.REPLACE_EXISTING);
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
        List<BuildRecord> pending = new ArrayList<>(byUuid.values().stream().filter(r -> !r.state().finished()).toList());
        pending.sort(java.util.Comparator.comparing(BuildRecord::received));
        return pending;
    }

    /** Writes the record durably, then makes it visible. */
    public synchronized void save(BuildRecord record) {
        String uuid = record.build().uuid();
        if (!uuid.matches("[0-9a-fA-F-]{7,64}")) {
            throw new IllegalArgumentException("not a build uuid: " + uuid);
        }
        Path file = dir.resolve(uuid + ".json");
        try {
            Path temp = Files.createTempFile(dir, "record-", ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(json.bytes(record)));
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the record of build " + uuid, e);
        }
        byUuid.put(uuid, record);
    }

    BuildJson json() {
        return json;
    }
}
