package org.opencontrail.web.logs.search;

import java.util.Map;
import org.junit.jupiter.api.Tag;

/** The fixture searches on a real two-node OpenSearch cluster: the same hits, context, levels and facets as the embedded index. */
@Tag("opensearch")
class SearchFixturesOnOpenSearchTest extends SearchFixturesTest {

    @Override
    Map<String, Object> properties() {
        Map<String, Object> properties = super.properties();
        properties.putAll(SharedOpenSearch.properties("search-fixtures"));
        return properties;
    }
}
