package org.opencontrail.web.logs.search;

import java.util.Map;
import org.junit.jupiter.api.Tag;

/**
 * Retention on a real OpenSearch cluster without Index State Management (as Maven Central's
 * OpenSearch is): the daily index of a build older than {@code logs.retention} is deleted, and the
 * build leaves the catalog and the searches, also after a restart.
 */
@Tag("opensearch")
class IndexRetentionOnOpenSearchTest extends IndexRetentionTest {

    @Override
    Map<String, Object> properties() {
        Map<String, Object> properties = super.properties();
        properties.putAll(SharedOpenSearch.properties("index-retention"));
        return properties;
    }
}
