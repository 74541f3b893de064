package org.opencontrail.web.logs.testruns;

import java.util.Map;

/** Every test's history on the embedded builds database. */
class TestHistoryTest extends TestHistoryContract {

    @Override
    Map<String, Object> database() {
        return Map.of();
    }
}
