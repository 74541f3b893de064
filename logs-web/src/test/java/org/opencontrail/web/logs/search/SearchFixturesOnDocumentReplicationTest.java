package org.opencontrail.web.logs.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fixture searches on a two-node cluster whose shards' copies each index every document
 * ({@code logs.search.opensearch.replication: document}, OpenSearch's own default), where the other
 * tests' clusters take their primary's segments (this site's default).
 */
@Tag("opensearch")
class SearchFixturesOnDocumentReplicationTest extends SearchFixturesTest {

    private String index;

    @Override
    Map<String, Object> properties() {
        Map<String, Object> properties = super.properties();
        properties.putAll(SharedOpenSearch.properties("document-replication"));
        properties.put("logs.search.opensearch.replication", "document");
        index = String.valueOf(properties.get("logs.search.opensearch.index"));
        return properties;
    }

    @Test
    void theDailyIndicesReplicateDocuments() throws Exception {
        assertThat(SharedOpenSearch.indexSetting(index, "index.replication.type"))
                .doesNotContain("SEGMENT");
    }
}
