package org.opencontrail.web.logs.testruns;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.opencontrail.web.logs.database.OnePostgres;

/** Every test's history on PostgreSQL, as the replicas of the scaled layout share it. */
@Tag("postgres")
class TestHistoryOnPostgresTest extends TestHistoryContract {

    @Override
    Map<String, Object> database() {
        return Map.copyOf(OnePostgres.datasource("test_history"));
    }
}
