package org.opencontrail.web.logs.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.opencontrail.web.shared.http.BadRequest;

/**
 * The store in a local folder, the embedded default: {@code objects/KEY} holds each file's gzip
 * bytes and {@code meta/KEY} its size and type. Files are written beside their place and moved in
 * at once, so a reader or a crash never sees half a file.
 */
public final class LocalLogStore implements LogStore {

    private final Path root;
    private final Path objects;
    private final Path meta;
    private final Path spoolDir;
    private final GzipSpool spool;

    public LocalLogStore(Path root, StoreLimits limits) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.objects = this.root.resolve("objects");
        this.meta = this.root.resolve("meta");
        this.spoolDir = this.root.resolve("spool");
        this.spool = new GzipSpool(limits);
        Files.createDirectories(objects);
        Files.createDirectories(meta);
        Files.createDirectories(spoolDir);
    }

    private Path inside(Path base, String key) {
        Path path = base.resolve(StoreKeys.check(key)).normalize();
        if (!path.startsWith(base) || path.equals(base)) {
            throw new BadRequest("key outside the store: " + key);
        }
        return path;
    }

    @Override
    public StoredObject put(String key, InputStream content, String contentType) throws IOException {
        Path target = inside(objects, key);
        Path metaFile = inside(meta, key);
        String type = contentType == null || contentType.isBlank() ? ContentTypes.guess(key) : contentType;
        GzipSpool.Spooled spooled = spool.spool(content, spoolDir);
        try {
            Files.createDirectories(target.getParent());
            move(spooled.file(), target);
            Properties properties = new Properties();
            properties.setProperty("size", Long.toString(spooled.size()));
            properties.setProperty("contentType", type);
            Files.createDirectories(metaFile.getParent());
            Path metaTemp = Files.createTempFile(spoolDir, "meta-", ".properties");
            try (OutputStream out = Files.newOutputStream(metaTemp)) {
                properties.store(out, null);
            }
            move(metaTemp, metaFile);
        } finally {
            Files.deleteIfExists(spooled.file());
        }
        return new StoredObject(
                key,
                spooled.size(),
                spooled.storedSize(),
                type,
                Files.getLastModifiedTime(target).toInstant());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public Optional<StoredObject> head(String key) throws IOException {
        Path file = inside(objects, key);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(describe(key, file));
    }

    private StoredObject describe(String key, Path file) throws IOException {
        BasicFileAttributes attributes =
                Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Properties properties = new Properties();
        Path metaFile = inside(meta, key);
        if (Files.isRegularFile(metaFile)) {
            try (InputStream in = Files.newInputStream(metaFile)) {
                properties.load(in);
            }
        }
        long size = Long.parseLong(properties.getProperty("size", "-1"));
        String type = properties.getProperty("contentType", ContentTypes.guess(key));
        return new StoredObject(
                key,
                size,
                attributes.size(),
                type,
                attributes.lastModifiedTime().toInstant());
    }

    @Override
    public Optional<InputStream> openStored(String key) throws IOException {
        Path file = inside(objects, key);
        try {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    ? Optional.of(Files.newInputStream(file))
                    : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty(); // deleted between the check and the open
        }
    }

    @Override
    public Listing list(String prefix) throws IOException {
        String folder = StoreKeys.folder(prefix);
        Path dir = folder.isEmpty() ? objects : inside(objects, folder.substring(0, folder.length() - 1));
        List<String> folders = new ArrayList<>();
        List<StoredObject> files = new ArrayList<>();
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                        folders.add(name + "/");
                    } else if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                        files.add(describe(folder + name, entry));
                    }
                }
            }
        }
        folders.sort(Comparator.naturalOrder());
        files.sort(Comparator.comparing(StoredObject::key));
        return new Listing(folder, List.copyOf(folders), List.copyOf(files));
    }

    @Override
    public void walk(String prefix, Consumer<StoredObject> visitor) throws IOException {
        String folder = StoreKeys.folder(prefix);
        Path dir = folder.isEmpty() ? objects : inside(objects, folder.substring(0, folder.length() - 1));
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> found;
        try (Stream<Path> paths = Files.walk(dir)) {
            found = paths.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                    .toList();
        }
        // Listed first, visited after: a visitor may delete what it sees.
        for (Path path : found) {
            String key = objects.relativize(path)
                    .toString()
                    .replace(path.getFileSystem().getSeparator(), "/");
            try {
                BasicFileAttributes attributes =
                        Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                visitor.accept(new StoredObject(
                        key,
                        -1,
                        attributes.size(),
                        "",
                        attributes.lastModifiedTime().toInstant()));
            } catch (NoSuchFileException gone) {
                // deleted meanwhile
            }
        }
    }

    @Override
    public int delete(String keyOrFolder) throws IOException {
        if (keyOrFolder.endsWith("/") || keyOrFolder.isEmpty()) {
            String folder = StoreKeys.folder(keyOrFolder);
            Path objectDir = folder.isEmpty() ? objects : inside(objects, folder.substring(0, folder.length() - 1));
            Path metaDir = folder.isEmpty() ? meta : inside(meta, folder.substring(0, folder.length() - 1));
            int deleted = deleteTree(objectDir, objectDir.equals(objects));
            deleteTree(metaDir, metaDir.equals(meta));
            return deleted;
        }
        boolean deleted = Files.deleteIfExists(inside(objects, keyOrFolder));
        Files.deleteIfExists(inside(meta, keyOrFolder));
        pruneEmptyParents(inside(objects, keyOrFolder).getParent(), objects);
        pruneEmptyParents(inside(meta, keyOrFolder).getParent(), meta);
        return deleted ? 1 : 0;
    }

    private static int deleteTree(Path dir, boolean keepDir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int[] files = {0};
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .filter(path -> !(keepDir && path.equals(dir)))
                    .forEach(path -> {
                        try {
                            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                                files[0]++;
                            }
                            Files.deleteIfExists(path);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return files[0];
    }

    private static void pruneEmptyParents(Path dir, Path stop) throws IOException {
        Path current = dir;
        while (current != null && current.startsWith(stop) && !current.equals(stop)) {
            try (Stream<Path> entries = Files.list(current)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            } catch (NoSuchFileException e) {
                current = current.getParent();
                continue;
            }
            Files.deleteIfExists(current);
            current = current.getParent();
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
