package org.opencontrail.web.logs.ingest;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.opencontrail.web.logs.search.SharedOpenSearch;

/**
 * The replicas' shared ingest with the search index on a real two-node OpenSearch cluster that both
 * replicas share: each build indexed once, by the replica that fetched it, and a search on either
 * replica gives the same hits.
 */
@Tag("kafka")
@Tag("opensearch")
class IngestReplicasOnOpenSearchTest extends IngestReplicasTest {

    private final Map<String, Object> engine = SharedOpenSearch.properties("ingest-replicas");

    @Override
    Map<String, Object> engine() {
        return engine;
    }
}
