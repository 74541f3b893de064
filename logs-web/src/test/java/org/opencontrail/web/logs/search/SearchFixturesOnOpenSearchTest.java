package org.opencontrail.web.logs.search;

import org.junit.jupiter.api.Tag;
import java.util.Map;

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
