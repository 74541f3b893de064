package org.opencontrail.web.logs.search;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/** The {@code search-index} component of {@code /health}: a searcher opens, and what the index holds. */
@Singleton
final class SearchIndexHealthIndicator implements HealthIndicator {

    private final SearchIndex index;

    SearchIndexHealthIndicator(SearchIndex index) {
        this.index = index;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        HealthStatus status;
        try {
            details.putAll(index.describe());
            details.put("builds", index.catalog().builds().size());
            details.put("files", index.catalog().fileCount());
            String problem = index.writeProblem();
            if (!problem.isEmpty()) {
                details.put("writeProblem", problem); // searches still answer from the last commit
            }
            status = HealthStatus.UP;
        } catch (RuntimeException e) {
            status = HealthStatus.DOWN;
            details.put("error", e.getMessage());
        }
        return Publishers.just(
                HealthResult.builder("search-index", status).details(details).build());
    }
}
