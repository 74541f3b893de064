package org.opencontrail.web.logs.report;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.logs.store.StoredObject;

/**
 * What a page makes of one file at a build's root, under the first of its names stored (plain or
 * {@code .gz}), read inflated; the last few kept by key and size, so that a build's page asked again
 * does not read its file again.
 *
 * @param <T> what the file is made into
 */
final class RootFiles<T> {

    /** Makes the file, inflated, into a value; says what could not be read rather than throwing. */
    @FunctionalInterface
    interface Reader<T> {
        T read(String name, StoredObject object, InputStream in) throws IOException;
    }

    private final LogStore store;
    private final List<String> names;
    private final Reader<T> reader;
    private final Cache<String, T> kept = Caffeine.newBuilder().maximumSize(64).build();

    RootFiles(LogStore store, List<String> names, Reader<T> reader) {
        this.store = store;
        this.names = names;
        this.reader = reader;
    }

    /** The value of the build whose folder is {@code root} (with or without its trailing slash); none without the file. */
    Optional<T> of(String root) throws IOException {
        String folder = root.endsWith("/") ? root : root + "/";
        for (String name : names) {
            Optional<StoredObject> object = store.head(folder + name);
            if (object.isEmpty()) {
                continue;
            }
            String key = object.get().key() + "@" + object.get().size();
            T known = kept.getIfPresent(key);
            if (known != null) {
                return Optional.of(known);
            }
            Optional<InputStream> in = store.open(object.get().key());
            if (in.isEmpty()) {
                return Optional.empty();
            }
            T value;
            try (InputStream stream = in.get()) {
                value = reader.read(name, object.get(), stream);
            }
            kept.put(key, value);
            return Optional.of(value);
        }
        return Optional.empty();
    }

    /** The file's text, inflated when it was gzip as written ({@code .gz}). */
    static InputStream inflated(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered) : buffered;
    }
}
