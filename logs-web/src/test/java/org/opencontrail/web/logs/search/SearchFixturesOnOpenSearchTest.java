package org.opencontrail.web.logs.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fixture searches on a real two-node OpenSearch cluster: the same hits, context, levels and
 * facets as the embedded index. Its shards' copies take their primary's segments (the default), and
 * each search reads primaries first.
 */
@Tag("opensearch")
class SearchFixturesOnOpenSearchTest extends SearchFixturesTest {

    @Override
    Map<String, Object> properties() {
        Map<String, Object> properties = super.properties();
        properties.putAll(SharedOpenSearch.properties("search-fixtures"));
        index = String.valueOf(properties.get("logs.search.opensearch.index"));
        return properties;
    }

    private String index;

    @Test
    void theDailyIndicesReplicateSegments() throws Exception {
        assertThat(SharedOpenSearch.indexSetting(index, "index.replication.type"))
                .contains("\"SEGMENT\"");
    }
}
