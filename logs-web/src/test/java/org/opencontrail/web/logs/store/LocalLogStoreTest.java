package org.opencontrail.web.logs.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a local folder. */
class LocalLogStoreTest extends LogStoreContract {

    @TempDir
    Path dir;

    @Override
    LogStore store(StoreLimits limits) throws IOException {
        return new LocalLogStore(Files.createTempDirectory(dir, "store-"), limits);
    }
}
