package org.opencontrail.web.status.change;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencontrail.web.status.facts.ChangeFacts;
import org.opencontrail.web.status.pipeline.JobRow;

/**
 * {@code /api/change/{number}}: the change as tools read it.
 *
 * @param number    change number
 * @param project   project
 * @param branch    branch
 * @param subject   subject
 * @param owner     owner
 * @param status    NEW, MERGED, ABANDONED; empty when only Zuul knows the change
 * @param topic     topic
 * @param url       review page
 * @param currentPatchSet newest patch set
 * @param votes           latest vote per label
 * @param pipelines       where it is now
 * @param patchSets       its patch sets, oldest first
 * @param voteHistory     every vote as cast, oldest first
 * @param runs            its runs through the pipelines, newest first
 * @param group           the changes that go with it, itself first
 * @param unresolved      Depends-On values that name no change known here
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChangeJson(
        int number,
        String project,
        String branch,
        String subject,
        String owner,
        String status,
        String topic,
        String url,
        int currentPatchSet,
        Map<String, Integer> votes,
        List<Item> pipelines,
        List<PatchSetJson> patchSets,
        List<VoteJson> voteHistory,
        List<RunJson> runs,
        List<DependencyGroup.Member> group,
        List<String> unresolved) {

    /**
     * A patch set.
     *
     * @param number     number
     * @param revision   commit id
     * @param uploader   who uploaded it
     * @param createdOn  when (ISO-8601)
     * @param kind       REWORK, TRIVIAL_REBASE...
     * @param insertions lines added
     * @param deletions  lines removed
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PatchSetJson(
            int number,
            String revision,
            String uploader,
            String createdOn,
            String kind,
            int insertions,
            int deletions) {}

    /**
     * A vote as cast.
     *
     * @param patchSet patch set
     * @param label    label
     * @param value    vote
     * @param by       voter
     * @param at       when (ISO-8601)
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record VoteJson(int patchSet, String label, int value, String by, String at) {}

    /**
     * A run through a pipeline.
     *
     * @param pipeline pipeline
     * @param patchSet patch set
     * @param enqueued when it entered (ISO-8601)
     * @param finished when it ended (ISO-8601), empty while it runs
     * @param result   buildset result, empty while it runs
     * @param builds   its builds
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RunJson(
            String pipeline, int patchSet, String enqueued, String finished, String result, List<BuildJson> builds) {}

    /**
     * A finished build.
     *
     * @param job             job
     * @param result          result
     * @param voting          whether it counts
     * @param durationSeconds how long it ran, -1 when unknown
     * @param logUrl          its logs
     * @param retried         an attempt Zuul retried
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BuildJson(
            String job, String result, boolean voting, long durationSeconds, String logUrl, boolean retried) {}

    /**
     * The change in one pipeline.
     *
     * @param pipeline  pipeline
     * @param queue     change queue
     * @param change    "change,patchset"
     * @param state     what the item is doing
     * @param remaining time left
     * @param jobs      its jobs
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Item(String pipeline, String queue, String change, String state, String remaining, List<Job> jobs) {}

    /**
     * A job.
     *
     * @param name   name
     * @param result result, running or queued
     * @param voting whether it counts
     * @param url    console or logs
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Job(String name, String result, boolean voting, String url) {}

    static ChangeJson of(
            int number,
            Optional<ChangeFacts.Change> facts,
            List<ChangePage.PipelineItem> pipelineItems,
            List<PipelineRuns.Run> runs,
            DependencyGroup group) {
        var first = pipelineItems.stream().findFirst().map(ChangePage.PipelineItem::item);
        List<Item> items = pipelineItems.stream()
                .map(i -> new Item(
                        i.pipeline(),
                        i.queue(),
                        i.item().change(),
                        i.item().state(),
                        i.item().remaining(),
                        i.item().jobs().stream().map(ChangeJson::job).toList()))
                .toList();
        return new ChangeJson(
                number,
                facts.map(ChangeFacts.Change::project)
                        .orElse(first.map(r -> r.project()).orElse("")),
                facts.map(ChangeFacts.Change::branch)
                        .orElse(first.map(r -> r.branch()).orElse("")),
                ChangePage.subjectOf(facts, pipelineItems),
                facts.map(ChangeFacts.Change::owner)
                        .orElse(first.map(r -> r.owner()).orElse("")),
                facts.map(ChangeFacts.Change::status).orElse(""),
                facts.map(ChangeFacts.Change::topic).orElse(""),
                facts.map(ChangeFacts.Change::url)
                        .orElse(first.map(r -> r.changeUrl()).orElse("")),
                facts.map(ChangeFacts.Change::latestPatchSet).orElse(0),
                facts.map(ChangeFacts.Change::votes).orElse(Map.of()),
                items,
                facts.map(ChangeFacts.Change::patchSets).orElse(List.of()).stream()
                        .map(p -> new PatchSetJson(
                                p.number(),
                                p.revision(),
                                p.uploader(),
                                p.createdOn().toString(),
                                p.kind(),
                                p.insertions(),
                                p.deletions()))
                        .toList(),
                facts.map(ChangeFacts.Change::history).orElse(List.of()).stream()
                        .map(v -> new VoteJson(v.patchSet(), v.label(), v.value(), v.by(), v.at().toString()))
                        .toList(),
                runs.stream().map(ChangeJson::run).toList(),
                group.members(),
                group.unresolved());
    }

    private static RunJson run(PipelineRuns.Run run) {
        return new RunJson(
                run.pipeline(),
                run.patchSet(),
                run.enqueued().toString(),
                run.finished().map(Object::toString).orElse(""),
                run.result().orElse(""),
                run.builds().stream()
                        .map(b -> new BuildJson(
                                b.job(),
                                b.result(),
                                b.voting(),
                                b.duration().map(java.time.Duration::getSeconds).orElse(-1L),
                                b.logUrl(),
                                b.retried()))
                        .toList());
    }

    private static Job job(JobRow job) {
        return new Job(job.name(), job.result(), job.voting(), job.url());
    }
}
