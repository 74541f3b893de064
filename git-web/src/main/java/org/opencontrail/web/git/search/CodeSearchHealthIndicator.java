package org.opencontrail.web.git.search;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Code search in /health ({@code code-search}): always UP (the site browses and clones without
 * it), with the projects indexed, those waiting, the updates that failed and the index's size.
 */
@Singleton
final class CodeSearchHealthIndicator implements HealthIndicator {

    private final CodeIndex index;
    private final CodeIndexer indexer;
    private final SearchSettings settings;

    CodeSearchHealthIndicator(CodeIndex index, CodeIndexer indexer, SearchSettings settings) {
        this.index = index;
        this.indexer = indexer;
        this.settings = settings;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("enabled", settings.enabled());
        details.put("projects", index.projects().size());
        details.put("behind", indexer.behind());
        details.put("failures", indexer.failures());
        details.put("bytes", index.bytesOnDisk());
        return Publishers.just(HealthResult.builder("code-search", HealthStatus.UP)
                .details(details)
                .build());
    }
}
