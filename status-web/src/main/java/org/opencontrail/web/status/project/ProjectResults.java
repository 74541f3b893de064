package org.opencontrail.web.status.project;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opencontrail.web.shared.collect.Bounded;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResult;
import org.opencontrail.web.shared.zuul.mqtt.ZuulResultListener;
import org.opencontrail.web.status.pipeline.ResultMark;

/** The recent results of each project's jobs, from Zuul's MQTT results: what a project page plots per job. */
@Singleton
public final class ProjectResults implements ZuulResultListener {

    static final int RUNS_PER_JOB = 30;
    private static final int PROJECTS = 5_000;
    private static final int JOBS_PER_PROJECT = 300;

    /**
     * One finished build of a job.
     *
     * @param pipeline pipeline
     * @param branch   branch
     * @param change   change number, 0 for ref items (post, periodic)
     * @param patchSet patch set
     * @param result   SUCCESS, FAILURE...
     * @param voting   whether it counted
     * @param at       when it ended (when Zuul reported, if the build says nothing)
     * @param duration how long it ran
     * @param logUrl   its logs
     */
    public record Build(
            String pipeline,
            String branch,
            int change,
            int patchSet,
            String result,
            boolean voting,
            Instant at,
            Optional<Duration> duration,
            String logUrl) {

        public ResultMark mark() {
            return ResultMark.of(result);
        }

        /** What its mark says on hover: "FAILURE · check · 41234,3 · 2024-05-01T10:00:00Z" (the branch for ref items). */
        public String title() {
            return String.join(
                    " \u00b7 ", result, pipeline, change > 0 ? change + "," + patchSet : branch, at.toString());
        }
    }

    private final Map<String, Map<String, Deque<Build>>> projects = Bounded.leastRecentlyUsed(PROJECTS);

    @Override
    public void onEvent(BuildsetResult event) {
        if (event.builds().isEmpty() || event.project().isEmpty()) {
            return;
        }
        Instant reported = event.timestamp().orElseGet(Instant::now);
        synchronized (projects) {
            Map<String, Deque<Build>> jobs = projects.computeIfAbsent(event.project(), p -> new TreeMap<>());
            for (org.opencontrail.web.shared.zuul.builds.Build build : event.builds()) {
                if (build.result().isEmpty() || (!jobs.containsKey(build.job()) && jobs.size() >= JOBS_PER_PROJECT)) {
                    continue;
                }
                Deque<Build> runs = jobs.computeIfAbsent(build.job(), j -> new ArrayDeque<>());
                runs.addFirst(new Build(
                        event.pipeline(),
                        event.branch(),
                        event.change().orElse(0),
                        event.patchSet().orElse(0),
                        build.result().get(),
                        build.voting(),
                        build.endTime().orElse(reported),
                        build.duration(),
                        ResultMark.safeUrl(build.logUrl())));
                while (runs.size() > RUNS_PER_JOB) {
                    runs.removeLast();
                }
            }
        }
    }

    /** Each job of the project (by name) with its runs, newest first. */
    public Map<String, List<Build>> of(String project) {
        synchronized (projects) {
            Map<String, List<Build>> copy = new TreeMap<>();
            projects.getOrDefault(project, Map.of()).forEach((job, runs) -> copy.put(job, List.copyOf(runs)));
            return copy;
        }
    }

    /** Projects with results, for the list of known projects. */
    public List<String> projects() {
        synchronized (projects) {
            return new ArrayList<>(projects.keySet());
        }
    }
}
