package org.opencontrail.web.shared.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * A file read again whenever it changes, so that a secret can be rotated without a restart: an
 * operator rewriting the file, or Kubernetes swapping a mounted Secret's symbolic link to a new
 * folder. Each {@link #get()} costs one look at the file's attributes; it is parsed only when its
 * real path, size or modification time moved.
 *
 * @param <T> what the file's content is turned into
 */
public final class ChangingFile<T> {

    /** Turns the file's content into a value; may refuse it with an exception that says why. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(Path file) throws IOException;
    }

    private record Stamp(Path real, FileTime modified, long size) {}

    private record Snapshot<T>(Stamp stamp, T value) {}

    private final Path path;
    private final Parser<T> parser;
    private volatile Snapshot<T> last;

    public ChangingFile(Path path, Parser<T> parser) {
        this.path = path;
        this.parser = parser;
    }

    /** The value of the file as it is now; an exception when the file is gone or its content refused. */
    public T get() throws IOException {
        Path real = path.toRealPath();
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
        Stamp stamp = new Stamp(real, attributes.lastModifiedTime(), attributes.size());
        Snapshot<T> known = last;
        if (known != null && known.stamp().equals(stamp)) {
            return known.value();
        }
        T value = parser.parse(real);
        last = new Snapshot<>(stamp, value);
        return value;
    }

    public Path path() {
        return path;
    }
}
