package org.opencontrail.web.status.change;

import io.micronaut.serde.annotation.Serdeable;
import org.opencontrail.web.status.pipeline.JobRow;

import java.util.List;
import java.util.Map;

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
 * @param patchSets newest patch set
 * @param votes     latest vote per label
 * @param pipelines where it is now
 */
@Serdeable
public record ChangeJson(int number, String project, String branch, String subject, String owner, String status, String topic,
                         String url, int patchSets, Map<String, Integer> votes, List<Item> pipelines) {

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
    public record Item(String pipeline, String queue, String change, String state, String remaining, List<Job> jobs) {
    }

    /**
     * A job.
     *
     * @param name   name
     * @param result result, running or queued
     * @param voting whether it counts
     * @param url    console or logs
     */
    @Serdeable
    public record Job(String name, String result, boolean voting, String url) {
    }

    static ChangeJson of(ChangePage page) {
        var facts = page.facts();
        var first = page.items().stream().findFirst().map(ChangePage.PipelineItem::item);
        List<Item> items = page.items().stream().map(i -> new Item(i.pipeline(), i.queue(), i.item().change(), i.item().state(),
                i.item().remaining(), i.item().jobs().stream().map(ChangeJson::job).toList())).toList();
        return new ChangeJson(page.number(),
                facts.map(ChangeFacts.Change::project).orElse(first.map(r -> r.project()).orElse("")),
                facts.map(ChangeFacts.Change::branch).orElse(first.map(r -> r.branch()).orElse("")),
                page.subject(),
                facts.map(ChangeFacts.Change::owner).orElse(first.map(r -> r.owner()).orElse("")),
                facts.map(ChangeFacts.Change::status).orElse(""),
                facts.map(ChangeFacts.Change::topic).orElse(""),
                facts.map(ChangeFacts.Change::url).orElse(first.map(r -> r.changeUrl()).orElse("")),
                facts.map(ChangeFacts.Change::patchSets).orElse(0),
                facts.map(ChangeFacts.Change::votes).orElse(Map.of()),
                items);
    }

    private static Job job(JobRow job) {
        return new Job(job.name(), job.result(), job.voting(), job.url());
    }
}
