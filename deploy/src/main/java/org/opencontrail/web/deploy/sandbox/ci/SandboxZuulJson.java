package org.opencontrail.web.deploy.sandbox.ci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.opencontrail.web.shared.json.ForeignJson;

/** The sandbox's Zuul as its APIs show it: v3 status, builds API and MQTT reporter payloads. */
public final class SandboxZuulJson {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC);

    private final SandboxCi ci;
    private final String reviewUrl;
    private final java.util.function.Function<SandboxBuild, String> runningUrl;

    public SandboxZuulJson(SandboxCi ci, String reviewUrl) {
        this(ci, reviewUrl, build -> "finger://ze01.opencontrail.org/" + build.uuid());
    }

    /** {@code runningUrl}: a running job's link (its executor's finger address, or its Jenkins build). */
    public SandboxZuulJson(
            SandboxCi ci, String reviewUrl, java.util.function.Function<SandboxBuild, String> runningUrl) {
        this.ci = ci;
        this.reviewUrl = reviewUrl.endsWith("/") ? reviewUrl : reviewUrl + "/";
        this.runningUrl = runningUrl;
    }

    /** Nodes the sandbox's provider holds: as many as builds run, topped up to a small pool of ready ones. */
    static final int POOL = 16;

    /** {@code /api/tenant/T/nodes}, Zuul v3+ shape: one node per running build, the rest of the pool ready. */
    public String nodes() {
        return ci.read(world -> {
            Instant now = world.now();
            ArrayNode nodes = ForeignJson.array();
            int id = 1;
            for (List<SandboxItem> items : world.queues().values()) {
                for (SandboxItem item : items) {
                    for (SandboxBuild build : item.builds()) {
                        if (build.started() && !build.start().isAfter(now) && !build.finished()) {
                            node(nodes, id++, build.job().nodeset(), "in-use", build.start());
                        }
                    }
                }
            }
            int inUse = id - 1;
            node(nodes, id++, "ubuntu-bionic", "building", now);
            for (int i = inUse + 1; i < POOL; i++) {
                node(nodes, id++, i % 2 == 0 ? "ubuntu-bionic" : "centos-7", "ready", world.started());
            }
            return nodes.toString();
        });
    }

    private static void node(ArrayNode nodes, int id, String label, String state, Instant since) {
        ObjectNode node = nodes.addObject();
        node.put("id", String.format("%010d", id));
        node.putArray("type").add(label);
        node.put("connection_type", "ssh");
        node.put("external_id", "sandbox-" + id);
        node.put("provider", "sandbox-cloud");
        node.put("state", state);
        node.put("state_time", since.getEpochSecond());
        node.putNull("comment");
    }

    /** {@code /api/tenant/T/status}, Zuul v3 shape. */
    public String status() {
        return ci.read(world -> {
            Instant now = world.now();
            ObjectNode root = ForeignJson.object();
            root.put("zuul_version", "3.3.1 (sandbox)");
            root.put("last_reconfigured", world.started().toEpochMilli());
            root.putObject("trigger_event_queue").put("length", 0);
            root.putObject("result_event_queue").put("length", 0);
            root.putObject("management_event_queue").put("length", 0);
            ObjectNode state = root.putObject("state");
            state.put("trigger_queue_paused", false);
            state.put("result_queue_paused", false);
            ArrayNode pipelines = root.putArray("pipelines");
            Map<String, List<SandboxItem>> queues = world.queues();
            for (CiCatalog.PipelineSpec spec : CiCatalog.pipelines()) {
                ObjectNode pipeline = pipelines.addObject();
                pipeline.put("name", spec.name());
                pipeline.put("description", spec.description());
                pipeline.put("manager", spec.manager());
                pipeline.putArray("triggers");
                ArrayNode changeQueues = pipeline.putArray("change_queues");
                queues.forEach((key, items) -> {
                    if (!key.startsWith(spec.name() + "\u0000")) {
                        return;
                    }
                    ObjectNode queue = changeQueues.addObject();
                    queue.put("name", key.substring(spec.name().length() + 1));
                    if (spec.manager().equals("dependent")) {
                        queue.put("window", CiCatalog.GATE_WINDOW);
                        ArrayNode head = queue.putArray("heads").addArray();
                        for (int i = 0; i < items.size(); i++) {
                            head.add(item(
                                    items.get(i),
                                    i == 0 ? null : items.get(i - 1),
                                    items.subList(i + 1, Math.min(i + 2, items.size())),
                                    i < CiCatalog.GATE_WINDOW,
                                    now));
                        }
                    } else {
                        queue.put("window", 0);
                        ArrayNode heads = queue.putArray("heads");
                        for (SandboxItem item : items) {
                            heads.addArray().add(item(item, null, List.of(), true, now));
                        }
                    }
                });
            }
            return root.toString();
        });
    }

    private ObjectNode item(
            SandboxItem item, SandboxItem ahead, List<SandboxItem> behind, boolean active, Instant now) {
        ObjectNode node = ForeignJson.object();
        node.put("id", item.uuid());
        node.put("active", active);
        node.put("live", true);
        if (ahead == null) {
            node.putNull("item_ahead");
        } else {
            node.put("item_ahead", ahead.uuid());
        }
        ArrayNode itemsBehind = node.putArray("items_behind");
        behind.forEach(b -> itemsBehind.add(b.uuid()));
        ArrayNode failing = node.putArray("failing_reasons");
        if (item.failing()) {
            failing.add("at least one job failed");
        }
        node.put("enqueue_time", item.enqueued().toEpochMilli());
        node.put("zuul_ref", "Z" + item.uuid().substring(0, 16));
        ObjectNode ref = node.putArray("refs").addObject();
        if (item.change() != null) {
            ref.put("id", item.change().number() + "," + item.patchSet());
            ref.put("url", reviewUrl + item.change().number());
            ref.put("ref", item.changeRef());
            ObjectNode owner = ref.putObject("owner");
            owner.put("name", item.change().owner().name());
            owner.put("username", item.change().owner().username());
        } else {
            ref.put("id", item.newrev());
            ref.put("url", "");
            ref.put("ref", "refs/heads/" + item.branch());
            ref.put("newrev", item.newrev());
        }
        ref.put("project", item.project());
        ref.put("project_canonical", "review.opencontrail.org/" + item.project());
        long remaining = 0;
        boolean known = true;
        ArrayNode jobs = node.putArray("jobs");
        for (SandboxBuild build : item.builds()) {
            ObjectNode job = jobs.addObject();
            job.put("name", build.job().name());
            job.put("voting", build.job().voting());
            Duration typical = ci.scaled(build.job().typical());
            job.put("estimated_time", typical.toMillis() / 1000.0);
            job.put("tries", 1 + item.resets());
            ArrayNode deps = job.putArray("dependencies");
            build.job().requires().forEach(deps::add);
            boolean running = build.started() && !build.start().isAfter(now) && !build.finished();
            if (build.finished()) {
                job.put("uuid", build.uuid());
                job.put("result", build.result().orElseThrow());
                job.put("url", build.logUrl());
                job.put("report_url", build.logUrl());
                job.put("start_time", build.start().getEpochSecond());
                job.put("end_time", build.end().getEpochSecond());
                job.put(
                        "elapsed_time",
                        Duration.between(build.start(), build.end()).toMillis());
                job.put("remaining_time", 0);
                job.put("queued", false);
            } else if (running) {
                long elapsed = Duration.between(build.start(), now).toMillis();
                long left = Math.max(0, typical.toMillis() - elapsed);
                job.put("uuid", build.uuid());
                job.putNull("result");
                job.put("url", runningUrl.apply(build));
                job.put("start_time", build.start().getEpochSecond());
                job.put("elapsed_time", elapsed);
                job.put("remaining_time", left);
                job.put("queued", false);
                remaining = Math.max(remaining, left);
            } else {
                job.putNull("uuid");
                job.putNull("result");
                job.put("queued", true);
                job.put(
                        "waiting_status",
                        build.job().requires().isEmpty()
                                ? "node request: 100-0000"
                                        + Math.abs(build.uuid().hashCode() % 1000)
                                : "dependencies: "
                                        + String.join(", ", build.job().requires()));
                known = false;
            }
        }
        if (known) {
            node.put("remaining_time", remaining);
        } else {
            node.putNull("remaining_time");
        }
        return node;
    }

    /**
     * {@code /api/tenant/T/builds}: Zuul's parameters as Zuul's SQL applies them ({@link
     * SandboxBuildsQuery}), newest first; a build's {@code _id} is its place in the order builds finished.
     */
    public String builds(Map<String, List<String>> parameters) {
        SandboxBuildsQuery query = new SandboxBuildsQuery(parameters);
        List<SandboxCi.FinishedBuild> finished = ci.finishedBuilds();
        ArrayNode list = ForeignJson.array();
        long skipped = 0;
        for (int i = finished.size() - 1; i >= 0 && list.size() < query.limit(); i--) {
            SandboxItem item = finished.get(i).item();
            SandboxBuild build = finished.get(i).build();
            if (!query.matches(row(i + 1L, item, build))) {
                continue;
            }
            if (skipped < query.skip()) {
                skipped++;
                continue;
            }
            list.add(build(i + 1L, item, build));
        }
        return list.toString();
    }

    private static SandboxBuildsQuery.Row row(long id, SandboxItem item, SandboxBuild build) {
        return new SandboxBuildsQuery.Row(
                id,
                build.uuid(),
                item.project(),
                item.pipeline(),
                item.change() == null ? "" : String.valueOf(item.change().number()),
                item.branch(),
                item.change() == null ? "" : String.valueOf(item.patchSet()),
                ref(item),
                item.newrev(),
                build.job().name(),
                build.job().voting(),
                build.job().nodeset(),
                build.result().orElse(""));
    }

    private static String ref(SandboxItem item) {
        return item.change() == null ? "refs/heads/" + item.branch() : item.changeRef();
    }

    private ObjectNode build(long id, SandboxItem item, SandboxBuild build) {
        ObjectNode node = ForeignJson.object();
        node.put("_id", id);
        node.put("uuid", build.uuid());
        node.put("job_name", build.job().name());
        node.put("result", build.result().orElse(null));
        node.put("start_time", ISO.format(build.start()));
        node.put("end_time", ISO.format(build.end()));
        node.put("duration", Duration.between(build.start(), build.end()).toSeconds());
        node.put("voting", build.job().voting());
        node.put("log_url", build.logUrl());
        node.put("nodeset", build.job().nodeset());
        node.putNull("error_detail");
        node.put("final", true);
        node.put("held", false);
        node.putArray("artifacts");
        node.put("pipeline", item.pipeline());
        node.put("event_id", item.uuid());
        node.putObject("buildset").put("uuid", item.uuid());
        ObjectNode ref = node.putObject("ref");
        ref.put("project", item.project());
        ref.put("branch", item.branch());
        if (item.change() != null) {
            ref.put("change", item.change().number());
            ref.put("patchset", String.valueOf(item.patchSet()));
            ref.put("ref", item.changeRef());
            ref.put("ref_url", reviewUrl + item.change().number());
        } else {
            ref.put("ref", ref(item));
            ref.put("newrev", item.newrev());
        }
        return node;
    }

    /** An MQTT reporter payload for an item's action. */
    public String mqtt(SandboxItem item, String action, Instant now) {
        ObjectNode node = ForeignJson.object();
        node.put("timestamp", now.toEpochMilli() / 1000.0);
        node.put("action", action);
        node.put("tenant", CiCatalog.TENANT);
        node.put("pipeline", item.pipeline());
        node.put("queue", item.queue());
        node.put("project", item.project());
        node.put("branch", item.branch());
        if (item.change() != null) {
            node.put("change_url", reviewUrl + item.change().number());
            node.put("change", item.change().number());
            node.put("patchset", String.valueOf(item.patchSet()));
            node.put("commit_id", item.newrev());
            ObjectNode owner = node.putObject("owner");
            owner.put("name", item.change().owner().name());
            owner.put("username", item.change().owner().username());
            node.put("ref", item.changeRef());
        } else {
            node.put("commit_id", item.newrev());
            node.put("ref", "refs/heads/" + item.branch());
        }
        node.put(
                "message",
                action.equals("success") ? "Build succeeded." : action.equals("failure") ? "Build failed." : "");
        node.put("enqueue_time", item.enqueued().toEpochMilli() / 1000.0);
        node.put("uuid", item.uuid());
        ObjectNode buildset = node.putObject("buildset");
        buildset.put("uuid", item.uuid());
        if (action.equals("success") || action.equals("failure")) {
            buildset.put("result", action.equals("success") ? "SUCCESS" : "FAILURE");
        }
        ArrayNode builds = buildset.putArray("builds");
        for (SandboxBuild build : item.builds()) {
            ObjectNode b = builds.addObject();
            b.put("job_name", build.job().name());
            b.put("voting", build.job().voting());
            b.put("uuid", build.uuid());
            if (build.started()) {
                b.put("start_time", build.start().getEpochSecond());
            }
            if (build.finished()) {
                b.put("end_time", build.end().getEpochSecond());
                b.put("result", build.result().orElseThrow());
                b.put("log_url", build.logUrl());
            }
            ArrayNode deps = b.putArray("dependencies");
            build.job().requires().forEach(deps::add);
            b.putArray("artifacts");
        }
        buildset.putArray("retry_builds");
        return node.toString();
    }
}
