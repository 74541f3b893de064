package org.opencontrail.web.logs.failures;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.opencontrail.web.logs.search.SharedOpenSearch;

/** elastic-recheck's real signatures, run unchanged as query_string on a real two-node OpenSearch cluster: the same classifications as the embedded index. */
@Tag("opensearch")
class KnownFailuresOnOpenSearchTest extends KnownFailuresTest {

    @Override
    Map<String, Object> properties() {
        Map<String, Object> properties = super.properties();
        properties.putAll(SharedOpenSearch.properties("known-failures"));
        return properties;
    }
}
