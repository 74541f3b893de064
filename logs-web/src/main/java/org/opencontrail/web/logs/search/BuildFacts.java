package org.opencontrail.web.logs.search;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.shared.zuul.ZuulResult;
import org.opencontrail.web.shared.zuul.builds.Build;

/**
 * What the index knows of a build: its fields as logstash named them, and its time.
 *
 * @param uuid     build uuid
 * @param job      build_name
 * @param project  project
 * @param branch   build_branch
 * @param pipeline build_queue
 * @param change   build_change, empty for ref and periodic builds
 * @param patchSet build_patchset, empty when none
 * @param result   build_status: SUCCESS, FAILURE, ...; empty when unknown
 * @param voting   whether its result counts
 * @param node     build_node (the nodeset)
 * @param ref      build_ref
 * @param time     when it ended (or started, or was received), epoch milliseconds
 * @param root     its folder in the store
 */
public record BuildFacts(
        String uuid,
        String job,
        String project,
        String branch,
        String pipeline,
        String change,
        String patchSet,
        String result,
        boolean voting,
        String node,
        String ref,
        long time,
        String root) {

    public static BuildFacts of(BuildRecord record) {
        Build build = record.build();
        Instant time = build.endTime().or(build::startTime).orElse(record.received());
        return new BuildFacts(
                build.uuid(),
                build.job(),
                build.project(),
                build.branch(),
                build.pipeline(),
                build.change().map(String::valueOf).orElse(""),
                build.patchSet().map(String::valueOf).orElse(""),
                build.result().orElse(""),
                build.voting(),
                build.nodeset() == null ? "" : build.nodeset(),
                build.ref() == null ? "" : build.ref(),
                time.toEpochMilli(),
                record.root());
    }

    /** Its fields as the index names them (logstash's names), each with a value; the build's time is apart. */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(SearchFields.BUILD_UUID, uuid);
        fields.put(SearchFields.BUILD_SHORT_UUID, shortUuid());
        fields.put(SearchFields.BUILD_NAME, job);
        fields.put(SearchFields.PROJECT, project);
        fields.put(SearchFields.BUILD_BRANCH, branch);
        fields.put(SearchFields.BUILD_QUEUE, pipeline);
        fields.put(SearchFields.BUILD_CHANGE, change);
        fields.put(SearchFields.BUILD_PATCHSET, patchSet);
        fields.put(SearchFields.BUILD_STATUS, result);
        fields.put(SearchFields.VOTING, voting ? "1" : "0");
        fields.put(SearchFields.BUILD_NODE, node);
        fields.put(SearchFields.BUILD_REF, ref);
        fields.values().removeIf(value -> value == null || value.isEmpty());
        return fields;
    }

    public String shortUuid() {
        return uuid.length() > 7 ? uuid.substring(0, 7) : uuid;
    }

    public boolean failed() {
        return ZuulResult.failed(result);
    }

    public Instant instant() {
        return Instant.ofEpochMilli(time);
    }
}
