package org.opencontrail.web.logs.database;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.opencontrail.web.logs.TemporaryLogsDir;

/** The builds database on PostgreSQL, as the replicas of the scaled layout share it. */
@Tag("postgres")
class BuildsDatabaseOnPostgresTest extends BuildsDatabaseContract {

    @Override
    Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>(TemporaryLogsDir.properties("database-postgres"));
        properties.putAll(OnePostgres.datasource("builds_contract"));
        return properties;
    }
}
