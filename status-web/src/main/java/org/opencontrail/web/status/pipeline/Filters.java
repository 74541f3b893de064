package org.opencontrail.web.status.pipeline;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.Locale;

/**
 * What the person looks for, as the URL keeps it: {@code ?project=&branch=&pipeline=&queue=&owner=&change=&q=}.
 *
 * @param project  project name, or part of it
 * @param branch   branch
 * @param pipeline pipeline name
 * @param queue    change queue name
 * @param owner    owner's name, or part of it
 * @param change   change number
 * @param q        free text over change, project, branch, subject, owner and job names
 */
@Introspected
public record Filters(
        @Nullable String project,
        @Nullable String branch,
        @Nullable String pipeline,
        @Nullable String queue,
        @Nullable String owner,
        @Nullable String change,
        @Nullable String q) {

    public Filters {
        project = clean(project);
        branch = clean(branch);
        pipeline = clean(pipeline);
        queue = clean(queue);
        owner = clean(owner);
        change = clean(change);
        q = clean(q);
    }

    public static Filters none() {
        return new Filters(null, null, null, null, null, null, null);
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    public boolean any() {
        return !(project + branch + pipeline + queue + owner + change + q).isEmpty();
    }

    boolean pipeline(String name) {
        return pipeline.isEmpty() || pipeline.equalsIgnoreCase(name);
    }

    boolean queue(String name) {
        return queue.isEmpty() || queue.equalsIgnoreCase(name);
    }

    boolean item(ItemRow item) {
        return contains(item.project(), project)
                && (branch.isEmpty() || branch.equals(item.branch()))
                && contains(item.owner(), owner)
                && (change.isEmpty()
                        || item.change().equals(change)
                        || item.change().startsWith(change + ","))
                && (q.isEmpty()
                        || contains(
                                item.change() + " " + item.project() + " " + item.branch() + " " + item.subject() + " "
                                        + item.owner() + " "
                                        + String.join(
                                                " ",
                                                item.jobs().stream()
                                                        .map(JobRow::name)
                                                        .toList()),
                                q));
    }

    private static boolean contains(String text, String part) {
        return part.isEmpty() || text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }
}
