package org.opencontrail.web.shared.zuul.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opencontrail.web.shared.zuul.status.QueueItem.ItemRef;
import org.opencontrail.web.shared.zuul.status.QueueItem.Job;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot.ChangeQueue;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot.Pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Writes a snapshot in Zuul v3's status shape, whatever version it came from, so that scripts
 * written for Zuul's {@code /api/tenant/T/status} work against the suite. Reading it back with
 * {@link ZuulStatusParser} gives the same snapshot.
 */
public final class ZuulStatusWriter {

    private final ObjectMapper json = new ObjectMapper();

    public String write(ZuulSnapshot snapshot) {
        ObjectNode root = json.createObjectNode();
        root.put("zuul_version", snapshot.zuulVersion());
        snapshot.lastReconfigured().ifPresentOrElse(t -> root.put("last_reconfigured", t.toEpochMilli()), () -> root.putNull("last_reconfigured"));
        snapshot.message().ifPresent(message -> root.put("message", message));
        root.putObject("trigger_event_queue").put("length", snapshot.triggerEventQueue());
        root.putObject("result_event_queue").put("length", snapshot.resultEventQueue());
        root.putObject("management_event_queue").put("length", snapshot.managementEventQueue());
        ObjectNode state = root.putObject("state");
        state.put("trigger_queue_paused", snapshot.triggerQueuePaused());
        state.put("result_queue_paused", snapshot.resultQueuePaused());
        ArrayNode pipelines = root.putArray("pipelines");
        for (Pipeline pipeline : snapshot.pipelines()) {
            ObjectNode p = pipelines.addObject();
            p.put("name", pipeline.name());
            p.put("description", pipeline.description());
            p.put("manager", pipeline.manager());
            ArrayNode queues = p.putArray("change_queues");
            for (ChangeQueue queue : pipeline.queues()) {
                ObjectNode q = queues.addObject();
                q.put("name", queue.name());
                queue.branch().ifPresent(branch -> q.put("branch", branch));
                queue.window().ifPresent(window -> q.put("window", window));
                ArrayNode heads = q.putArray("heads");
                for (List<QueueItem> head : queue.heads()) {
                    ArrayNode h = heads.addArray();
                    head.forEach(item -> h.add(item(item)));
                }
            }
        }
        return root.toString();
    }

    private ObjectNode item(QueueItem item) {
        ObjectNode i = json.createObjectNode();
        i.put("id", item.id());
        i.put("live", item.live());
        i.put("active", item.active());
        item.itemAhead().ifPresentOrElse(ahead -> i.put("item_ahead", ahead), () -> i.putNull("item_ahead"));
        ArrayNode behind = i.putArray("items_behind");
        item.itemsBehind().forEach(behind::add);
        ArrayNode reasons = i.putArray("failing_reasons");
        item.failingReasons().forEach(reasons::add);
        item.enqueueTime().ifPresent(t -> i.put("enqueue_time", t.toEpochMilli()));
        putMillis(i, "remaining_time", item.remainingTime());
        i.put("zuul_ref", item.zuulRef());
        ArrayNode refs = i.putArray("refs");
        for (ItemRef ref : item.refs()) {
            ObjectNode r = refs.addObject();
            r.put("id", ref.id());
            r.put("project", ref.project());
            r.put("url", ref.url());
            r.put("ref", ref.ref());
            r.put("owner", ref.owner());
            ref.change().ifPresent(change -> r.put("change", change));
            ref.patchset().ifPresent(patchset -> r.put("patchset", patchset));
        }
        ArrayNode jobs = i.putArray("jobs");
        item.jobs().forEach(job -> jobs.add(job(job)));
        return i;
    }

    private ObjectNode job(Job job) {
        ObjectNode j = json.createObjectNode();
        j.put("name", job.name());
        j.put("uuid", job.uuid());
        job.result().ifPresentOrElse(result -> j.put("result", result), () -> j.putNull("result"));
        j.put("voting", job.voting());
        j.put("url", job.url());
        j.put("report_url", job.reportUrl());
        putMillis(j, "elapsed_time", job.elapsed());
        putMillis(j, "remaining_time", job.remaining());
        job.estimated().ifPresent(d -> j.put("estimated_time", d.toMillis() / 1000.0));
        job.startTime().ifPresent(t -> j.put("start_time", seconds(t)));
        job.endTime().ifPresent(t -> j.put("end_time", seconds(t)));
        j.put("canceled", job.canceled());
        j.put("queued", job.queued());
        j.put("tries", job.tries());
        j.put("waiting_status", job.waitingStatus());
        ArrayNode dependencies = j.putArray("dependencies");
        job.dependencies().forEach(dependencies::add);
        j.put("node_name", job.nodeName());
        return j;
    }

    private static void putMillis(ObjectNode node, String field, Optional<Duration> value) {
        value.ifPresentOrElse(d -> node.put(field, d.toMillis()), () -> node.putNull(field));
    }

    private static double seconds(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }
}
