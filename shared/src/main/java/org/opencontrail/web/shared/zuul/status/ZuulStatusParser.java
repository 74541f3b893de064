package org.opencontrail.web.shared.zuul.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.shared.json.ForeignJson;
import org.opencontrail.web.shared.json.JsonFields;
import org.opencontrail.web.shared.zuul.status.QueueItem.ItemRef;
import org.opencontrail.web.shared.zuul.status.QueueItem.Job;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot.ChangeQueue;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot.Pipeline;

/**
 * Reads Zuul's status document, v2 or v3+, leniently (its format is "not documented and subject to
 * change"): missing fields give empty values, unknown fields are ignored, v2 items become items
 * with one ref.
 */
public final class ZuulStatusParser {

    /** Parses a document; throws {@link ZuulStatusException} when it is not a status document. */
    public ZuulSnapshot parse(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = ForeignJson.tree(in);
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            throw new ZuulStatusException(
                    "invalid JSON"
                            + (where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr())
                            + ": " + e.getOriginalMessage(),
                    e);
        }
        if (root == null || !root.isObject() || !root.has("pipelines")) {
            throw new ZuulStatusException("not a Zuul status document (no pipelines)");
        }
        return snapshot(new JsonFields(root));
    }

    private ZuulSnapshot snapshot(JsonFields s) {
        JsonFields state = s.object("state");
        return new ZuulSnapshot(
                s.text("zuul_version"),
                s.epochMillis("last_reconfigured"),
                s.optionalText("message"),
                s.object("trigger_event_queue").integer("length"),
                s.object("result_event_queue").integer("length"),
                s.object("management_event_queue").integer("length"),
                state.bool("trigger_queue_paused"),
                state.bool("result_queue_paused"),
                s.objects("pipelines").stream().map(this::pipeline).toList());
    }

    private Pipeline pipeline(JsonFields p) {
        return new Pipeline(
                p.text("name"),
                p.text("description"),
                p.text("manager"),
                p.objects("change_queues").stream().map(this::queue).toList());
    }

    private ChangeQueue queue(JsonFields q) {
        List<List<QueueItem>> heads = new ArrayList<>();
        for (List<JsonFields> head : q.arrays("heads")) {
            heads.add(head.stream().map(this::item).toList());
        }
        return new ChangeQueue(
                q.text("name"), q.optionalText("branch"), q.optionalInteger("window"), List.copyOf(heads));
    }

    private QueueItem item(JsonFields i) {
        List<ItemRef> refs = i.objects("refs").stream().map(this::ref).toList();
        if (refs.isEmpty()) {
            refs = List.of(ref(i));
        }
        return new QueueItem(
                i.text("id"),
                refs,
                !i.has("live") || i.bool("live"),
                i.bool("active"),
                i.optionalText("item_ahead"),
                i.texts("items_behind"),
                i.texts("failing_reasons"),
                i.epochMillis("enqueue_time"),
                i.millis("remaining_time"),
                i.text("zuul_ref"),
                i.objects("jobs").stream().map(this::job).toList());
    }

    /** A ref from a v3 refs[] entry, or from a v2 (or 3.x) item that carries the change itself. */
    private ItemRef ref(JsonFields r) {
        String id = r.text("id");
        Optional<Integer> change = Optional.empty();
        Optional<Integer> patchSet = Optional.empty();
        int comma = id.indexOf(',');
        if (comma > 0) {
            change = parseInt(id.substring(0, comma));
            patchSet = parseInt(id.substring(comma + 1));
        }
        if (r.has("change")) {
            change = r.optionalInteger("change");
            patchSet = r.optionalInteger("patchset");
        }
        String owner = r.isObject("owner")
                ? Optional.of(r.object("owner").text("name"))
                        .filter(n -> !n.isEmpty())
                        .orElse(r.object("owner").text("username"))
                : r.text("owner");
        return new ItemRef(id, r.text("project"), r.text("url"), r.text("ref"), owner, change, patchSet);
    }

    private Job job(JsonFields j) {
        Optional<String> result = j.optionalText("result");
        int tries = j.optionalInteger("tries").orElse(j.integer("retry") + 1);
        return new Job(
                j.text("name"),
                j.text("uuid"),
                result,
                !j.has("voting") || j.bool("voting"),
                j.text("url"),
                j.text("report_url"),
                j.millis("elapsed_time"),
                j.millis("remaining_time"),
                j.secondsDuration("estimated_time"),
                j.epochSeconds("start_time"),
                j.epochSeconds("end_time"),
                j.bool("canceled"),
                j.bool("queued"),
                tries,
                j.text("waiting_status"),
                j.texts("dependencies"),
                j.text("node_name"));
    }

    private static Optional<Integer> parseInt(String text) {
        try {
            return Optional.of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
