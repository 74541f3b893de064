package org.opencontrail.web.logs.store;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Where every build's files are kept: S3 or a local folder, the same to everything above it. Files
 * are stored gzip-compressed (as they came when they were gzip already) under keys in the
 * logs.openstack.org layout (see {@link LogLayout}); every key is checked by {@link StoreKeys}.
 */
public interface LogStore extends AutoCloseable {

    /**
     * Stores a file, replacing any under that key; returns once it is durable.
     *
     * @param key         where
     * @param content     its bytes, plain or gzip (recognised by content, not by name)
     * @param contentType its media type, or null to guess it from the key
     * @throws StoreLimitException when it inflates beyond the configured limits (nothing is stored)
     */
    StoredObject put(String key, InputStream content, String contentType) throws IOException;

    /** What is stored under a key, if anything. */
    Optional<StoredObject> head(String key) throws IOException;

    /** The stored (gzip) bytes of a file. */
    Optional<InputStream> openStored(String key) throws IOException;

    /** The file's bytes as the build wrote them. */
    default Optional<InputStream> open(String key) throws IOException {
        Optional<InputStream> stored = openStored(key);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new GZIPInputStream(stored.get(), 64 * 1024));
        } catch (IOException e) {
            stored.get().close();
            throw e;
        }
    }

    /** The files and folders right in a folder ({@code ""} for the top). */
    Listing list(String prefix) throws IOException;

    /**
     * Every file under a folder, in no set order, as the store lists them: {@link StoredObject#size()}
     * may be -1 and the content type empty where only a full {@link #head} would tell.
     */
    void walk(String prefix, Consumer<StoredObject> visitor) throws IOException;

    /** Removes a file, or every file under a folder (a key ending in {@code /}); returns how many. */
    int delete(String keyOrFolder) throws IOException;

    /** Removes every file stored before {@code cutoff}; returns how many. */
    default int deleteStoredBefore(Instant cutoff) throws IOException {
        int[] deleted = {0};
        IOException[] failure = {null};
        walk("", object -> {
            if (failure[0] == null && object.lastModified().isBefore(cutoff)) {
                try {
                    deleted[0] += delete(object.key());
                } catch (IOException e) {
                    failure[0] = e;
                }
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return deleted[0];
    }

    /** Where the files are, for people: {@code s3://bucket at http://host:port}, or the folder. */
    String describe();

    @Override
    default void close() {}
}
