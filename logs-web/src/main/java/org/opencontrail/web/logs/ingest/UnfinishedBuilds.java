package org.opencontrail.web.logs.ingest;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.search.BuildFacts;
import org.opencontrail.web.logs.search.SearchIndex;
import org.opencontrail.web.logs.store.LogsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once the site is up, takes up what the last run left: every build it had not finished (stopped,
 * killed), and every finished build within {@code logs.retention} that the search index lacks (a
 * lost index, or lines never written); what the retention sweep took out of the index stays out.
 * A command (import, reindex) leaves them to the site.
 */
@Singleton
@Requires(missingProperty = "logs.command")
final class UnfinishedBuilds {

    private static final Logger LOG = LoggerFactory.getLogger(UnfinishedBuilds.class);

    private final BuildRecords records;
    private final BeanProvider<SearchIndex> index;
    private final IngestQueue queue;
    private final LogsSettings logs;
    private final Clock clock;

    UnfinishedBuilds(
            BuildRecords records, BeanProvider<SearchIndex> index, IngestQueue queue, LogsSettings logs, Clock clock) {
        this.records = records;
        this.index = index;
        this.queue = queue;
        this.logs = logs;
        this.clock = clock;
    }

    @EventListener
    void onStartup(StartupEvent started) {
        boolean fresh = index.get().fresh();
        long kept = logs.retention().isZero() || logs.retention().isNegative()
                ? Long.MIN_VALUE
                : clock.instant().minus(logs.retention()).toEpochMilli();
        List<BuildRecord> unindexed = records.all().stream()
                .filter(r -> r.state() == IngestState.DONE)
                .filter(r -> BuildFacts.of(r).time() >= kept)
                .filter(r -> fresh || index.get().lacks(r.build().uuid()))
                .toList();
        if (!unindexed.isEmpty()) {
            if (fresh) {
                LOG.info("The search index is new: indexing the {} stored builds", unindexed.size());
            } else {
                LOG.info(
                        "Indexing the {} stored builds the search index lacks (the app stopped before their lines were written)",
                        unindexed.size());
            }
            unindexed.forEach(queue::indexAgain);
        }
        List<BuildRecord> unfinished = records.pending();
        if (!unfinished.isEmpty()) {
            LOG.info("Taking up {} builds not finished before the last stop", unfinished.size());
        }
        unfinished.forEach(record -> queue.takeUp(record.build().uuid()));
    }
}
