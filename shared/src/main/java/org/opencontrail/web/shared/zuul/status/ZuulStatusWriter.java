package org.opencontrail.web.shared.zuul.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.shared.zuul.status.QueueItem.ItemRef;
import org.opencontrail.web.shared.zuul.status.QueueItem.Job;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot.Pipeline;

/**
 * Writes a snapshot in Zuul v3's status shape, whatever version it came from, so that scripts
 * written for Zuul's {@code /api/tenant/T/status} work against the suite. Reading it back with
 * {@link ZuulStatusParser} gives the same snapshot. Fields Zuul writes as {@code null} when unknown
 * are written so; those it leaves out are left out.
 */
public final class ZuulStatusWriter {

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Status(
            @JsonProperty("zuul_version") String zuulVersion,
            @JsonProperty("last_reconfigured") Long lastReconfigured,
            @JsonInclude(JsonInclude.Include.NON_NULL) String message,
            @JsonProperty("trigger_event_queue") Length triggerEventQueue,
            @JsonProperty("result_event_queue") Length resultEventQueue,
            @JsonProperty("management_event_queue") Length managementEventQueue,
            State state,
            List<PipelineJson> pipelines) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Length(int length) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record State(
            @JsonProperty("trigger_queue_paused") boolean triggerQueuePaused,
            @JsonProperty("result_queue_paused") boolean resultQueuePaused) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PipelineJson(
            String name,
            String description,
            String manager,
            @JsonProperty("change_queues") List<QueueJson> changeQueues) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record QueueJson(
            String name,
            @JsonInclude(JsonInclude.Include.NON_NULL) String branch,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer window,
            List<List<ItemJson>> heads) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ItemJson(
            String id,
            boolean live,
            boolean active,
            @JsonProperty("item_ahead") String itemAhead,
            @JsonProperty("items_behind") List<String> itemsBehind,
            @JsonProperty("failing_reasons") List<String> failingReasons,

            @JsonProperty("enqueue_time") @JsonInclude(JsonInclude.Include.NON_NULL)
            Long enqueueTime,

            @JsonProperty("remaining_time") Long remainingTime,
            @JsonProperty("zuul_ref") String zuulRef,
            List<RefJson> refs,
            List<JobJson> jobs) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RefJson(
            String id,
            String project,
            String url,
            String ref,
            String owner,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer change,

            @JsonProperty("patchset") @JsonInclude(JsonInclude.Include.NON_NULL)
            Integer patchSet) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record JobJson(
            String name,
            String uuid,
            String result,
            boolean voting,
            String url,
            @JsonProperty("report_url") String reportUrl,
            @JsonProperty("elapsed_time") Long elapsedTime,
            @JsonProperty("remaining_time") Long remainingTime,

            @JsonProperty("estimated_time") @JsonInclude(JsonInclude.Include.NON_NULL)
            Double estimatedTime,

            @JsonProperty("start_time") @JsonInclude(JsonInclude.Include.NON_NULL)
            Double startTime,

            @JsonProperty("end_time") @JsonInclude(JsonInclude.Include.NON_NULL)
            Double endTime,

            boolean canceled,
            boolean queued,
            int tries,
            @JsonProperty("waiting_status") String waitingStatus,
            List<String> dependencies,
            @JsonProperty("node_name") String nodeName) {}

    private final JsonMapper json;

    public ZuulStatusWriter(JsonMapper json) {
        this.json = json;
    }

    public String write(ZuulSnapshot snapshot) {
        Status status = new Status(
                snapshot.zuulVersion(),
                snapshot.lastReconfigured().map(Instant::toEpochMilli).orElse(null),
                snapshot.message().orElse(null),
                new Length(snapshot.triggerEventQueue()),
                new Length(snapshot.resultEventQueue()),
                new Length(snapshot.managementEventQueue()),
                new State(snapshot.triggerQueuePaused(), snapshot.resultQueuePaused()),
                snapshot.pipelines().stream().map(ZuulStatusWriter::pipeline).toList());
        try {
            return json.writeValueAsString(status);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PipelineJson pipeline(Pipeline pipeline) {
        return new PipelineJson(
                pipeline.name(),
                pipeline.description(),
                pipeline.manager(),
                pipeline.queues().stream()
                        .map(queue -> new QueueJson(
                                queue.name(),
                                queue.branch().orElse(null),
                                queue.window().orElse(null),
                                queue.heads().stream()
                                        .map(head -> head.stream()
                                                .map(ZuulStatusWriter::item)
                                                .toList())
                                        .toList()))
                        .toList());
    }

    private static ItemJson item(QueueItem item) {
        return new ItemJson(
                item.id(),
                item.live(),
                item.active(),
                item.itemAhead().orElse(null),
                item.itemsBehind(),
                item.failingReasons(),
                item.enqueueTime().map(Instant::toEpochMilli).orElse(null),
                millis(item.remainingTime()),
                item.zuulRef(),
                item.refs().stream().map(ZuulStatusWriter::ref).toList(),
                item.jobs().stream().map(ZuulStatusWriter::job).toList());
    }

    private static RefJson ref(ItemRef ref) {
        return new RefJson(
                ref.id(),
                ref.project(),
                ref.url(),
                ref.ref(),
                ref.owner(),
                ref.change().orElse(null),
                ref.patchSet().orElse(null));
    }

    private static JobJson job(Job job) {
        return new JobJson(
                job.name(),
                job.uuid(),
                job.result().orElse(null),
                job.voting(),
                job.url(),
                job.reportUrl(),
                millis(job.elapsed()),
                millis(job.remaining()),
                job.estimated().map(d -> d.toMillis() / 1000.0).orElse(null),
                job.startTime().map(ZuulStatusWriter::seconds).orElse(null),
                job.endTime().map(ZuulStatusWriter::seconds).orElse(null),
                job.canceled(),
                job.queued(),
                job.tries(),
                job.waitingStatus(),
                job.dependencies(),
                job.nodeName());
    }

    private static Long millis(Optional<Duration> value) {
        return value.map(Duration::toMillis).orElse(null);
    }

    private static double seconds(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }
}
