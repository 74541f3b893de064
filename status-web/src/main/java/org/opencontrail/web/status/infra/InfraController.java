package org.opencontrail.web.status.infra;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import org.opencontrail.web.branding.Pages;
import org.opencontrail.web.shared.kafka.ConsumerLags;

/** {@code /infra}: is the CI itself healthy; {@code /api/infra} for tools. */
@Controller
final class InfraController {

    private final InfraReports reports;

    private final Pages pages;

    InfraController(InfraReports reports, Pages pages) {
        this.reports = reports;
        this.pages = pages;
    }

    @Get("/infra")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> html(HttpRequest<?> request) {
        return pages.ok("infra", Map.of("infra", reports.report()), request);
    }

    @Get("/api/infra")
    @Produces(MediaType.APPLICATION_JSON)
    InfraJson json() {
        InfraReport report = reports.report();
        return new InfraJson(
                report.problems().isEmpty(),
                report.at().toString(),
                report.conditions(),
                report.zuulQueues().orElse(null),
                report.stalled().stream()
                        .map(s -> new StalledJson(
                                s.pipeline(), s.queue(), s.waiting(), s.since().toString()))
                        .toList(),
                report.waitingJobs(),
                report.nodes()
                        .map(n -> new NodesJson(
                                n.byState(), n.byLabel(), n.total(), n.readAt().toString(), n.problem()))
                        .orElse(null),
                report.feeds().stream()
                        .map(f -> new FeedJson(
                                f.name(), f.state(), f.healthy(), f.lastEvent(), f.reconnects(), f.problem()))
                        .toList(),
                report.gerritTopic()
                        .map(t -> new GerritTopicJson(
                                t.topic(),
                                t.relayed(),
                                t.leader().orElse(null),
                                t.participants(),
                                t.thisReplica(),
                                t.consumers()))
                        .orElse(null));
    }

    /** {@code /api/infra}: whether the CI is healthy, why not, and what each part says; queues and nodes only when known. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record InfraJson(
            boolean ok,
            String at,
            List<Condition> conditions,
            @JsonInclude(JsonInclude.Include.NON_NULL) InfraReport.ZuulQueues zuulEventQueues,
            List<StalledJson> stalledQueues,
            int waitingJobs,
            @JsonInclude(JsonInclude.Include.NON_NULL) NodesJson nodes,
            List<FeedJson> feeds,
            @JsonInclude(JsonInclude.Include.NON_NULL) GerritTopicJson gerritTopic) {}

    /** Present when Gerrit's events come from Kafka: the relay's leader (null when none leads) and every consumer group's lag. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record GerritTopicJson(
            String topic,
            boolean relayed,
            String leader,
            List<String> participants,
            String thisReplica,
            List<ConsumerLags.GroupLag> consumers) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record StalledJson(String pipeline, String queue, int waitingJobs, String since) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record NodesJson(
            Map<String, Integer> byState, Map<String, Integer> byLabel, int total, String readAt, String problem) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record FeedJson(String name, String state, boolean healthy, String lastEvent, long reconnects, String problem) {}
}
