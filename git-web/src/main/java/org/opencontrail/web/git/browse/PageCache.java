package org.opencontrail.web.git.browse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.mirror.GitSettings;
import org.opencontrail.web.git.mirror.MirrorUpdated;

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

        /**
         * The key of a view that shows what its revisions' commits hold: kept until room runs out.
         * The names the address gave are part of it, as the page shows them.
         */
        static Key of(GitLocation view, String options) {
            java.util.Objects.requireNonNull(
                    view.revision().commit(), "a cache key is made of a parsed view, whose revision names a commit");
            String commit = view.revision() == null
                    ? ""
                    : view.revision().commit().name()
                            + (view.oldRevision() == null || view.oldRevision().commit() == null
                                    ? ""
                                    : ".." + view.oldRevision().commit().name());
            return new Key(
                    view.project(),
                    view.kind().name(),
                    commit,
                    new String(view.path(), StandardCharsets.ISO_8859_1),
                    names(view) + "|" + options);
        }

        /** The key of a view that follows where refs point (summary, refs, a branch's feed): dropped when they move. */
        static Key following(GitLocation view, String options) {
            return new Key(
                    view.project(),
                    view.kind().name(),
                    "",
                    new String(view.path(), StandardCharsets.ISO_8859_1),
                    names(view) + "|" + options);
        }

        /** The key of a page of the whole site (the portal): dropped when any project's refs move. */
        public static Key siteWide(String view) {
            return new Key("", view, "", "", "");
        }

        private static String names(GitLocation view) {
            return (view.oldRevision() == null ? "" : view.oldRevision().name() + "..")
                    + (view.revision() == null ? "" : view.revision().name());
        }

        /** The same page in another form (rendered, or with more options). */
        Key with(String form, String more) {
            return new Key(project, form + ":" + view, commit, path, options + "|" + more);
        }
    }

    /** A page's model computed on a miss. */
    @FunctionalInterface
    public interface Loader<T> {
        T load() throws IOException;
    }

    private final Cache<Key, Object> immutable;
    private final Cache<Key, Object> rendered;
    private final Cache<Key, Object> moving;

    PageCache(MeterRegistry meters, GitSettings settings) {
        this.immutable = Caffeine.newBuilder().maximumSize(4_000).recordStats().build();
        this.rendered = Caffeine.newBuilder()
                .maximumWeight(settings.pageCacheMb() * 1024L * 1024L)
                .weigher((Key key, Object page) -> page instanceof String text ? 64 + text.length() * 2 : 1024)
                .recordStats()
                .build();
        this.moving = Caffeine.newBuilder()
                .maximumSize(1_000)
                .expireAfterWrite(Duration.ofSeconds(10))
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, immutable, "git_pages_by_id");
        CaffeineCacheMetrics.monitor(meters, rendered, "git_pages_rendered");
        CaffeineCacheMetrics.monitor(meters, moving, "git_pages_by_ref");
    }

    /** A rendered page: kept by size when it shows one commit, briefly otherwise. */
    public String text(Key key, Loader<String> loader) throws IOException {
        return load(key.commit().isEmpty() ? moving : rendered, key, String.class, loader);
    }

    /** A page's model. */
    public <T> T get(Key key, Class<T> type, Loader<? extends T> loader) throws IOException {
        return load(key.commit().isEmpty() ? moving : immutable, key, type, loader);
    }

    private static <T> T load(Cache<Key, Object> cache, Key key, Class<T> type, Loader<? extends T> loader)
            throws IOException {
        try {
            return type.cast(cache.get(key, k -> {
                try {
                    return loader.load();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @EventListener
    void onMirrorUpdated(MirrorUpdated updated) {
        moving.asMap()
                .keySet()
                .removeIf(key ->
                        key.project().equals(updated.project()) || key.project().isEmpty());
    }
}
