package org.opencontrail.web.logs.ingest;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.builds.LogsCommand;
import org.opencontrail.web.shared.zuul.builds.Build;

/**
 * Where a build handed in goes: with replicas (Kafka), on the shared queue, where one replica takes
 * it; otherwise into this replica's {@link IngestQueue}. The same build twice is taken once,
 * except a failed one, which is tried anew.
 */
@Singleton
public final class BuildIntake {

    private final BuildRecords records;
    private final IngestQueue queue;
    private final Optional<IngestTopic> topic;
    private final LogsCommand command;
    private final Clock clock;

    BuildIntake(
            BuildRecords records, IngestQueue queue, Optional<IngestTopic> topic, LogsCommand command, Clock clock) {
        this.records = records;
        this.queue = queue;
        this.topic = topic;
        this.command = command;
        this.clock = clock;
    }

    /**
     * Accepts a build to fetch from its {@code log_url}. Throws {@link java.io.UncheckedIOException}
     * when the build cannot be recorded (a full disk, Kafka away): it is not accepted.
     */
    public BuildRecord submit(Build build, String source) {
        if (topic.isPresent() && !command.running()) {
            var known = records.get(build.uuid());
            if (known.isPresent() && known.get().state() != IngestState.FAILED) {
                return known.get();
            }
            BuildRecord queued = BuildRecord.queued(build, source, clock.instant());
            topic.get().offer(queued);
            return queued;
        }
        return queue.accept(build, source);
    }
}
