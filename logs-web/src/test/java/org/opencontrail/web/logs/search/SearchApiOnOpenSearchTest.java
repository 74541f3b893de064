package org.opencontrail.web.logs.search;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;

/** /api/search and /search on a real two-node OpenSearch cluster: the same answers as on the embedded index. */
@MicronautTest
@Tag("opensearch")
class SearchApiOnOpenSearchTest extends SearchApiTest {

    @Override
    Map<String, String> engine() {
        Map<String, String> engine = new HashMap<>();
        SharedOpenSearch.properties("search-api").forEach((key, value) -> engine.put(key, String.valueOf(value)));
        return engine;
    }
}
