package org.opencontrail.web.git.browse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.opencontrail.web.git.mirror.GitSettings;
import org.opencontrail.web.git.mirror.MirrorUpdated;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The browser's one cache: page models, and pages rendered to text. A page that shows one commit
 * (whatever name the URL gave it) never changes, so it is kept until room runs out (rendered
 * pages by their size, within {@code git.page-cache-mb}); pages that depend on where refs point
 * (summary, refs, feeds, the portal) are keyed with no commit and dropped as soon as a fetch moves
 * a ref of their project (site-wide pages: of any project), and after a few seconds in any case.
 */
@Singleton
public final class PageCache {

    /**
     * What a page is.
     *
     * @param project the project
     * @param view    which view
     * @param commit  the commit id it shows, empty for pages that follow refs
     * @param path    the path (bytes kept as Latin-1 characters)
     * @param options what else changes the page (query parameters)
     */
    public record Key(String project, String view, String commit, String path, String options) {

        /** The same page in another form (rendered, or with more options). */
        Key with(String form, String more) {
            return new Key(project, form + ":" + view, commit, path, options + "|" + more);
        }
    }

    /** A page's model computed on a miss. */
    @FunctionalInterface
    public interface Loader {
        Object load() throws IOException;
    }

    private final Cache<Key, Object> immutable;
    private final Cache<Key, Object> rendered;
    private final Cache<Key, Object> moving;

    PageCache(MeterRegistry meters, GitSettings settings) {
        this.immutable = Caffeine.newBuilder().maximumSize(4_000).recordStats().build();
        this.rendered = Caffeine.newBuilder().maximumWeight(settings.pageCacheMb() * 1024L * 1024L)
                .weigher((Key key, Object page) -> page instanceof String text ? 64 + text.length() * 2 : 1024).recordStats().build();
        this.moving = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(Duration.ofSeconds(10)).recordStats().build();
        CaffeineCacheMetrics.monitor(meters, immutable, "git_pages_by_id");
        CaffeineCacheMetrics.monitor(meters, rendered, "git_pages_rendered");
        CaffeineCacheMetrics.monitor(meters, moving, "git_pages_by_ref");
    }

    /** A rendered page: kept by size when it shows one commit, briefly otherwise. */
    public String text(Key key, Loader loader) throws IOException {
        return (String) (key.commit().isEmpty() ? load(moving, key, loader) : load(rendered, key, loader));
    }

    /** A page's model. */
    public Object get(Key key, Loader loader) throws IOException {
        return load(key.commit().isEmpty() ? moving : immutable, key, loader);
    }

    private static Object load(Cache<Key, Object> cache, Key key, Loader loader) throws IOException {
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
        moving.asMap().keySet().removeIf(key -> key.project().equals(updated.project()) || key.project().isEmpty());
    }
}
