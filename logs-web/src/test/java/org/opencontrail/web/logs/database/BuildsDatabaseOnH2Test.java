package org.opencontrail.web.logs.database;

import java.util.HashMap;
import java.util.Map;
import org.opencontrail.web.logs.TemporaryLogsDir;

/** The builds database embedded, as logs-web runs by default: H2 in a file under logs.dir. */
class BuildsDatabaseOnH2Test extends BuildsDatabaseContract {

    @Override
    Map<String, Object> properties() {
        return new HashMap<>(TemporaryLogsDir.properties("database-h2"));
    }
}
