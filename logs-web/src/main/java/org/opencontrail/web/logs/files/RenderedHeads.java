package org.opencontrail.web.logs.files;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.store.CacheSettings;

/**
 * The rendered start of hot logs: the first lines of a page as HTML, with where the render stood
 * after them, so that the next view of the same file and filter sends them at once and renders
 * only the rest. A whole small log is kept whole. Bounded by bytes; stored files do not change, and
 * a file stored anew has another size or time, so another key.
 */
@Singleton
public final class RenderedHeads {

    /**
     * Which page.
     *
     * @param key          the file
     * @param filter       its level filter
     * @param storedSize   its stored size
     * @param lastModified when it was stored (ms)
     */
    record Key(String key, Severity filter, long storedSize, long lastModified) {}

    /**
     * The first lines of a page and where the render stood after them.
     *
     * @param html       the lines' HTML
     * @param complete   the whole log: nothing to render after
     * @param consumed   characters of the text read
     * @param lines      the number of the last line read
     * @param shown      lines shown (kept by the filter)
     * @param previous   the level the next line without one inherits
     * @param traces     where trace grouping stood
     */
    @SuppressWarnings("ArrayRecordComponent") // the rendered bytes are served as they are, never compared
    record Head(
            byte[] html,
            boolean complete,
            long consumed,
            long lines,
            long shown,
            Severity previous,
            TraceGrouper.Snapshot traces) {}

    private final Cache<Key, Head> heads;

    RenderedHeads(CacheSettings settings) {
        this.heads = Caffeine.newBuilder()
                .maximumWeight(settings.renderedHeadBytes())
                .weigher((Key key, Head head) -> head.html().length + 256)
                .build();
    }

    Optional<Head> get(Key key) {
        return Optional.ofNullable(heads.getIfPresent(key));
    }

    void put(Key key, Head head) {
        heads.put(key, head);
    }

    long size() {
        return heads.estimatedSize();
    }
}
