package org.opencontrail.web.logs.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencontrail.web.logs.lines.Severity;

/**
 * {@code /api/search/fields} and {@code /api/search/values}: what the search box completes, the
 * fields a query may name and the most common values of a build's fields.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class SearchCompletionController {

    private final Catalog catalog;

    SearchCompletionController(SearchIndex index) {
        this.catalog = index.catalog();
    }

    /** The fields a query may name, with a word on each, for completion. */
    @Get(uri = "/api/search/fields", produces = MediaType.APPLICATION_JSON)
    FieldsJson fields() {
        return new FieldsJson(SearchFields.DESCRIBED, SearchFields.ALIASES);
    }

    /** The fields a query may name (each with a word on it), and the other names they answer to. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record FieldsJson(Map<String, String> fields, Map<String, String> aliases) {}

    /** The most common values of a build or file field, for completion. */
    @Get(uri = "/api/search/values", produces = MediaType.APPLICATION_JSON)
    List<String> values(@QueryValue String field, @QueryValue @Nullable String prefix) {
        String resolved = SearchFields.resolve(field).orElse("");
        String start = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT);
        Map<String, Long> counts = new java.util.HashMap<>();
        for (BuildFacts build : catalog.builds()) {
            String value = switch (resolved) {
                case SearchFields.BUILD_NAME -> build.job();
                case SearchFields.PROJECT -> build.project();
                case SearchFields.BUILD_BRANCH -> build.branch();
                case SearchFields.BUILD_QUEUE -> build.pipeline();
                case SearchFields.BUILD_STATUS -> build.result();
                case SearchFields.BUILD_NODE -> build.node();
                default -> null;
            };
            if (value != null
                    && !value.isEmpty()
                    && value.toLowerCase(Locale.ROOT).startsWith(start)) {
                counts.merge(value, 1L, Long::sum);
            }
        }
        if (resolved.equals(SearchFields.LOGLEVEL)) {
            for (Severity severity : Severity.values()) {
                if (severity != Severity.NONE
                        && severity.name().toLowerCase(Locale.ROOT).startsWith(start)) {
                    counts.put(severity.name(), (long) Severity.CRITICAL.compareTo(severity) + 1);
                }
            }
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(20)
                .map(Map.Entry::getKey)
                .toList();
    }
}
