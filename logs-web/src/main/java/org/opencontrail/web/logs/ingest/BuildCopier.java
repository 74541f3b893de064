package org.opencontrail.web.logs.ingest;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.store.StoreLimitException;
import org.opencontrail.web.logs.store.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One try at a build's files: lists them on its log server and copies each into the store, saying
 * on the build's record that it is storing. A failure is counted by its phase and thrown for the
 * queue to try again; a limit passed ({@link LogFetcher.LimitExceeded}, {@link StoreLimitException})
 * is thrown uncounted: trying again would not help.
 */
@Singleton
final class BuildCopier {

    private static final Logger LOG = LoggerFactory.getLogger(BuildCopier.class);

    private final LogFetcher fetcher;
    private final BuildRecords records;
    private final IngestMetrics metrics;
    private final Clock clock;

    BuildCopier(LogFetcher fetcher, BuildRecords records, IngestMetrics metrics, Clock clock) {
        this.fetcher = fetcher;
        this.records = records;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The build's record once its files are in the store. */
    BuildRecord copy(BuildRecord tried) throws IOException, InterruptedException {
        List<LogFetcher.Remote> remotes;
        try {
            remotes = fetcher.list(tried.build().logUrl());
        } catch (IOException e) {
            metrics.listFailed();
            throw e;
        }
        BuildRecord record = tried.with(IngestState.STORING, "", clock.instant());
        records.save(record);
        List<BuildRecord.StoredFile> stored = new ArrayList<>();
        long[] bytes = {0};
        for (LogFetcher.Remote remote : remotes) {
            StoredObject object;
            try {
                object = fetcher.copy(remote, record.root(), bytes);
            } catch (IOException e) {
                if (!(e instanceof LogFetcher.LimitExceeded) && !(e instanceof StoreLimitException)) {
                    metrics.copyFailed();
                }
                throw e;
            }
            if (object != null) {
                stored.add(new BuildRecord.StoredFile(remote.path(), object.size(), object.storedSize()));
            }
        }
        record = record.stored(stored, clock.instant());
        metrics.stored(record.bytes());
        LOG.info(
                "Stored build {} ({} files, {} bytes) under {}",
                record.build().uuid(),
                stored.size(),
                record.bytes(),
                record.root());
        return record;
    }
}
