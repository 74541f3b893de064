package org.opencontrail.web.git.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The texts of files in memory, by blob ({@code git.search.text-cache}): filled as files are
 * indexed and as queries read them, so most searches read no compressed stored field. A blob's
 * text never changes, so nothing is ever stale.
 */
@Singleton
final class TextCache {

    private final Cache<ObjectId, String> texts;

    TextCache(SearchSettings settings, MeterRegistry meters) {
        this.texts = Caffeine.newBuilder()
                .maximumWeight(Math.max(0, settings.textCache()))
                .weigher((ObjectId blob, String text) -> 64 + text.length())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, texts, "git_code_search_texts");
    }

    Optional<String> get(ObjectId blob) {
        return Optional.ofNullable(texts.getIfPresent(blob));
    }

    void put(ObjectId blob, String text) {
        texts.put(blob, text);
    }
}
