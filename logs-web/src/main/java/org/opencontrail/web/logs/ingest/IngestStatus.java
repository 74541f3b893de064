package org.opencontrail.web.logs.ingest;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.shared.gerrit.projects.PublicProjects;
import org.opencontrail.web.shared.text.Durations;

/**
 * How ingest is doing, for the home page and {@code /health}: what waits and since when ("logs are
 * N minutes behind"), what was stored and failed, per source, and the newest builds.
 */
@Singleton
public final class IngestStatus {

    /**
     * Ingest now.
     *
     * @param pending          builds accepted and not yet stored
     * @param behindSeconds    age of the oldest of them, 0 when none waits
     * @param done             builds stored
     * @param failed           builds that failed
     * @param bytes            bytes stored (as the builds wrote them)
     * @param sources          per source (mqtt, builds-api, api, upload, import): builds, pending, last received
     * @param recent           the newest builds, newest first
     * @param retrying         waiting builds whose last attempt failed (the log server or the store misbehaving)
     * @param problem          why the most recent of those failed, empty when none did
     */
    public record Report(
            int pending,
            long behindSeconds,
            long done,
            long failed,
            long bytes,
            List<Source> sources,
            List<BuildRecord> recent,
            int retrying,
            String problem) {

        /** "2 min", "3 h"... for the oldest pending build. */
        public String behind() {
            return Durations.words(Duration.ofSeconds(behindSeconds));
        }
    }

    /**
     * One way builds come in.
     *
     * @param name     mqtt, builds-api, api, upload, import
     * @param builds   builds received from it
     * @param pending  of them, not yet stored
     * @param last     when the newest came
     */
    public record Source(String name, long builds, long pending, Instant last) {}

    private final BuildRecords records;
    private final Clock clock;

    private final PublicProjects projects;

    IngestStatus(BuildRecords records, PublicProjects projects, Clock clock) {
        this.clock = clock;
        this.records = records;
        this.projects = projects;
    }

    public Report report(int recent) {
        List<BuildRecord> all = List.copyOf(records.all());
        List<BuildRecord> pending = records.pending();
        Instant now = clock.instant();
        long behind = pending.isEmpty()
                ? 0
                : Math.max(0, Duration.between(pending.get(0).received(), now).toSeconds());
        Map<String, List<BuildRecord>> bySource =
                all.stream().collect(Collectors.groupingBy(BuildRecord::source, TreeMap::new, Collectors.toList()));
        List<Source> sources = bySource.entrySet().stream()
                .map(e -> new Source(
                        e.getKey(),
                        e.getValue().size(),
                        e.getValue().stream().filter(r -> !r.state().finished()).count(),
                        e.getValue().stream()
                                .map(BuildRecord::received)
                                .max(Comparator.naturalOrder())
                                .orElse(null)))
                .toList();
        List<BuildRecord> retrying = pending.stream()
                .filter(r -> !r.reason().isBlank())
                .sorted(Comparator.comparing(BuildRecord::updated).reversed())
                .toList();
        return new Report(
                pending.size(),
                behind,
                all.stream().filter(r -> r.state() == IngestState.DONE).count(),
                all.stream().filter(r -> r.state() == IngestState.FAILED).count(),
                all.stream()
                        .filter(r -> r.state() == IngestState.DONE)
                        .mapToLong(BuildRecord::bytes)
                        .sum(),
                sources,
                // a build waiting to learn whether its project is public is not shown meanwhile
                all.stream()
                        .filter(r -> projects.shows(r.build().project()))
                        .sorted(Comparator.comparing(BuildRecord::updated).reversed())
                        .limit(recent)
                        .toList(),
                // records that cannot be written block every waiting build
                records.writeProblem().isEmpty() ? retrying.size() : pending.size(),
                !records.writeProblem().isEmpty()
                        ? records.writeProblem()
                        : retrying.isEmpty() ? "" : retrying.get(0).reason());
    }
}
