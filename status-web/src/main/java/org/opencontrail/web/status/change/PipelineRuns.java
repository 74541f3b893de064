package org.opencontrail.web.status.change;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencontrail.web.shared.collect.Bounded;
import org.opencontrail.web.shared.text.Durations;
import org.opencontrail.web.shared.zuul.ZuulResult;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResult;
import org.opencontrail.web.shared.zuul.mqtt.ZuulResultListener;
import org.opencontrail.web.status.pipeline.ResultMark;

/**
 * Each change's runs through the pipelines, from Zuul's MQTT results: when it entered, how the
 * buildset ended and every build with its result and logs. This is the change's CI history, which
 * Zuul's own status page forgets the moment an item leaves.
 */
@Singleton
public final class PipelineRuns implements ZuulResultListener {

    private static final int CHANGES = 20_000;
    private static final int RUNS_PER_CHANGE = 50;

    /**
     * One run of a change (one patch set) through one pipeline.
     *
     * @param pipeline  pipeline
     * @param patchSet  patch set tested
     * @param itemUuid  Zuul's item uuid, or the buildset uuid when Zuul sends no item uuid
     * @param enqueued  when it entered the pipeline
     * @param finished  when Zuul reported, empty while it runs
     * @param result    the buildset's result (SUCCESS, FAILURE, MERGE_CONFLICT...), empty while it runs, DEQUEUED when
     *                  it left without one
     * @param builds    its builds
     */
    public record Run(
            String pipeline,
            int patchSet,
            String itemUuid,
            Instant enqueued,
            Optional<Instant> finished,
            Optional<String> result,
            List<Build> builds) {

        public boolean passed() {
            return result.map(ZuulResult::passed).orElse(false);
        }

        public ResultMark mark() {
            return ResultMark.of(result.orElse(""));
        }
    }

    /**
     * A finished build of a run.
     *
     * @param job      job name
     * @param result   SUCCESS, FAILURE...
     * @param voting   whether it counts
     * @param duration how long it ran
     * @param logUrl   its logs
     * @param retried  true for an attempt Zuul retried
     * @param uuid     the build's uuid
     * @param started  when it started, when Zuul said
     * @param ended    when it ended, when Zuul said
     */
    public record Build(
            String job,
            String result,
            boolean voting,
            Optional<Duration> duration,
            String logUrl,
            boolean retried,
            String uuid,
            Optional<Instant> started,
            Optional<Instant> ended) {

        public ResultMark mark() {
            return ResultMark.of(result);
        }

        /** "12 min", empty when unknown. */
        public String took() {
            return duration.map(Durations::words).orElse("");
        }
    }

    private final Map<Integer, List<Run>> runs = Bounded.leastRecentlyUsed(CHANGES);

    @Override
    public void onEvent(BuildsetResult event) {
        if (event.change().isEmpty()) {
            return;
        }
        String uuid = event.uuid().isEmpty() ? event.buildsetUuid() : event.uuid();
        Instant at = event.timestamp().orElseGet(Instant::now);
        synchronized (runs) {
            List<Run> list = runs.computeIfAbsent(event.change().get(), n -> new ArrayList<>());
            int index = indexOf(list, event.pipeline(), uuid);
            Run known = index < 0 ? null : list.get(index);
            Run fresh = new Run(
                    event.pipeline(),
                    event.patchSet().orElse(known == null ? 0 : known.patchSet()),
                    uuid,
                    event.enqueueTime()
                            .or(() -> Optional.ofNullable(known).map(Run::enqueued))
                            .orElse(at),
                    ended(event) ? Optional.of(at) : Optional.empty(),
                    result(event),
                    builds(event).isEmpty() && known != null ? known.builds() : builds(event));
            if (index < 0) {
                list.add(fresh);
            } else {
                list.set(index, fresh);
            }
            list.sort(Comparator.comparing(Run::enqueued));
            if (list.size() > RUNS_PER_CHANGE) {
                list.subList(0, list.size() - RUNS_PER_CHANGE).clear();
            }
        }
    }

    private static int indexOf(List<Run> list, String pipeline, String uuid) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).pipeline().equals(pipeline)
                    && list.get(i).itemUuid().equals(uuid)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean ended(BuildsetResult event) {
        return event.finished()
                || event.action().equals("dequeue")
                || event.action().equals("no-jobs");
    }

    private static Optional<String> result(BuildsetResult event) {
        if (event.buildsetResult().isPresent()) {
            return event.buildsetResult();
        }
        return switch (event.action()) {
            case "success" -> Optional.of("SUCCESS");
            case "failure" -> Optional.of("FAILURE");
            case "merge-conflict" -> Optional.of("MERGE_CONFLICT");
            case "config-error" -> Optional.of("CONFIG_ERROR");
            case "no-jobs" -> Optional.of("NO_JOBS");
            case "dequeue" -> Optional.of("DEQUEUED");
            default -> Optional.empty();
        };
    }

    private static List<Build> builds(BuildsetResult event) {
        List<Build> builds = new ArrayList<>();
        event.retryBuilds().forEach(b -> builds.add(build(b, true)));
        event.builds().forEach(b -> builds.add(build(b, false)));
        return List.copyOf(builds);
    }

    private static Build build(org.opencontrail.web.shared.zuul.builds.Build b, boolean retried) {
        return new Build(
                b.job(),
                b.result().orElse(""),
                b.voting(),
                b.duration(),
                ResultMark.safeUrl(b.logUrl()),
                retried,
                b.uuid(),
                b.startTime(),
                b.endTime());
    }

    /** The change's runs, oldest first. */
    public List<Run> of(int change) {
        synchronized (runs) {
            return List.copyOf(runs.getOrDefault(change, List.of()));
        }
    }
}
