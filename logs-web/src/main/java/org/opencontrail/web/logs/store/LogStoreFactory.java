package org.opencontrail.web.logs.store;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store configured: S3 when {@code logs.s3.endpoint} is set, else the local folder {@code logs.dir}. */
@Factory
final class LogStoreFactory {

    private static final Logger LOG = LoggerFactory.getLogger(LogStoreFactory.class);

    // Made at startup, so that a wrong bucket or credentials stop the app at once with the reason.
    @Context
    @Bean(preDestroy = "close")
    LogStore logStore(LogsSettings logs, S3Settings s3, StoreLimits limits, CacheSettings cache, Clock clock)
            throws IOException {
        LogStore store;
        if (s3.configured()) {
            S3LogStore bucket = new S3LogStore(s3, limits, Path.of(logs.dir(), "spool"), clock);
            if (!logs.retention().isZero()) {
                bucket.expireAfterDays((int) Math.max(1, logs.retention().toDays()));
            }
            store = bucket;
        } else {
            store = new LocalLogStore(Path.of(logs.dir()), limits);
        }
        LOG.info("Build logs are stored in {}", store.describe());
        return new CachedLogStore(store, cache);
    }
}
