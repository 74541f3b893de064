package org.opencontrail.web.logs.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A store in front of another, keeping what it said of files (size, type) and folders (listings),
 * since every page view asks it again and an S3 HEAD or LIST costs a round trip. What this process
 * stores or deletes is forgotten at once (the file, and the listings of every folder above it);
 * what another process changes shows within the time to live.
 */
public final class CachedLogStore implements LogStore {

    private final LogStore store;
    private final Cache<String, Optional<StoredObject>> objects;
    private final Cache<String, Listing> listings;

    public CachedLogStore(LogStore store, CacheSettings settings) {
        this.store = store;
        this.objects = Caffeine.newBuilder()
                .maximumSize(settings.objects())
                .expireAfterWrite(settings.objectTtl())
                .build();
        this.listings = Caffeine.newBuilder()
                .maximumSize(settings.listings())
                .expireAfterWrite(settings.listingTtl())
                .build();
    }

    @Override
    public StoredObject put(String key, InputStream content, String contentType) throws IOException {
        try {
            StoredObject stored = store.put(key, content, contentType);
            objects.put(key, Optional.of(stored));
            return stored;
        } finally {
            forgetFoldersAbove(key);
        }
    }

    @Override
    public Optional<StoredObject> head(String key) throws IOException {
        StoreKeys.check(key);
        try {
            return objects.get(key, k -> {
                try {
                    return store.head(k);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public Optional<InputStream> openStored(String key) throws IOException {
        return store.openStored(key);
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        return store.open(key);
    }

    @Override
    public Listing list(String prefix) throws IOException {
        String folder = StoreKeys.folder(prefix);
        try {
            return listings.get(folder, f -> {
                try {
                    return store.list(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void walk(String prefix, Consumer<StoredObject> visitor) throws IOException {
        store.walk(prefix, visitor);
    }

    @Override
    public int delete(String keyOrFolder) throws IOException {
        try {
            return store.delete(keyOrFolder);
        } finally {
            if (keyOrFolder.isEmpty() || keyOrFolder.endsWith("/")) {
                objects.asMap().keySet().removeIf(key -> key.startsWith(keyOrFolder));
                listings.asMap().keySet().removeIf(folder -> folder.startsWith(keyOrFolder));
            } else {
                objects.invalidate(keyOrFolder);
            }
            forgetFoldersAbove(keyOrFolder);
        }
    }

    private void forgetFoldersAbove(String key) {
        listings.invalidate("");
        for (int slash = key.indexOf('/'); slash >= 0; slash = key.indexOf('/', slash + 1)) {
            listings.invalidate(key.substring(0, slash + 1));
        }
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public void close() {
        store.close();
    }
}
