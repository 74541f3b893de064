package org.opencontrail.web.git.browse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.opencontrail.web.git.mirror.MirrorUpdated;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The browser's one cache of page models. A page named by a commit id never changes, so it is
 * kept until room runs out; pages that depend on where refs point (summary, refs, feeds) are keyed
 * with no commit and dropped as soon as a fetch moves a ref of their project, and after a few
 * seconds in any case.
 */
@Singleton
final class PageCache {

    /**
     * What a page is.
     *
     * @param project the project
     * @param view    which view
     * @param commit  the commit id it shows, empty for pages that follow refs
     * @param path    the path (bytes kept as Latin-1 characters)
     * @param options what else changes the page (query parameters)
     */
    record Key(String project, String view, String commit, String path, String options) {
    }

    /** A page's model computed on a miss. */
    @FunctionalInterface
    interface Loader {
        Object load() throws IOException;
    }

    private final Cache<Key, Object> immutable;
    private final Cache<Key, Object> moving;

    PageCache(MeterRegistry meters) {
        this.immutable = Caffeine.newBuilder().maximumSize(4_000).recordStats().build();
        this.moving = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(Duration.ofSeconds(10)).recordStats().build();
        CaffeineCacheMetrics.monitor(meters, immutable, "git_pages_by_id");
        CaffeineCacheMetrics.monitor(meters, moving, "git_pages_by_ref");
    }

    Object get(Key key, Loader loader) throws IOException {
        Cache<Key, Object> cache = key.commit().isEmpty() ? moving : immutable;
        try {
            return cache.get(key, k -> {
                try {
                    return loader.load();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @EventListener
    void onMirrorUpdated(MirrorUpdated updated) {
        moving.asMap().keySet().removeIf(key -> key.project().equals(updated.project()));
    }
}
