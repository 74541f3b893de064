package org.opencontrail.web.deploy.sandbox.ci;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An item in a pipeline's queue: a change's patch set, or a ref (post, periodic). Guarded by the world's lock. */
public final class SandboxItem {

    private final String uuid;
    private final String pipeline;
    private final String queue;
    private final SandboxChange change;
    private final int patchSet;
    private final String project;
    private final String branch;
    private final String newrev;
    private final Instant enqueued;
    private final List<SandboxBuild> builds = new ArrayList<>();
    private boolean failing;
    private int resets;

    SandboxItem(
            String uuid,
            String pipeline,
            String queue,
            SandboxChange change,
            int patchSet,
            String project,
            String branch,
            String newrev,
            Instant enqueued) {
        this.uuid = uuid;
        this.pipeline = pipeline;
        this.queue = queue;
        this.change = change;
        this.patchSet = patchSet;
        this.project = project;
        this.branch = branch;
        this.newrev = newrev;
        this.enqueued = enqueued;
    }

    public String uuid() {
        return uuid;
    }

    public String pipeline() {
        return pipeline;
    }

    public String queue() {
        return queue;
    }

    /** The change, or null for a ref item. */
    public SandboxChange change() {
        return change;
    }

    public int patchSet() {
        return patchSet;
    }

    public String project() {
        return project;
    }

    public String branch() {
        return branch;
    }

    /** The patch set's ref, {@code refs/changes/NN/CHANGE/PS}, of a change item. */
    public String changeRef() {
        return change.patchSet(patchSet).orElseThrow().ref(change.number());
    }

    public String newrev() {
        return newrev;
    }

    public Instant enqueued() {
        return enqueued;
    }

    public List<SandboxBuild> builds() {
        return builds;
    }

    public boolean failing() {
        return failing;
    }

    public int resets() {
        return resets;
    }

    void failing(boolean value) {
        failing = value;
    }

    /** Gate reset: a change ahead failed, so every build of this item starts over. */
    void reset(List<SandboxBuild> fresh) {
        builds.clear();
        builds.addAll(fresh);
        failing = false;
        resets++;
    }

    public boolean done() {
        return !builds.isEmpty() && builds.stream().allMatch(SandboxBuild::finished);
    }

    /** True when every voting build succeeded (skipped non-voting ones do not count). */
    public boolean succeeded() {
        return builds.stream()
                .filter(b -> b.job().voting())
                .allMatch(b -> b.result().map("SUCCESS"::equals).orElse(false));
    }
}
