package org.opencontrail.web.logs.search;

import java.util.Map;
import org.junit.jupiter.api.Tag;

/**
 * The same comparison where the cluster splits text with OpenSearch's own pattern analyzers (a
 * cluster without the analysis plugin): every line is still checked by the site, so the lines found
 * are the same.
 */
@Tag("opensearch")
class SameLinesOnPatternAnalyzersTest extends SameLinesOnBothLayoutsTest {

    @Override
    Map<String, Object> openSearch() {
        return Map.of("logs.search.opensearch.analysis", "pattern");
    }

    @Override
    String analysis() {
        return "pattern";
    }
}
