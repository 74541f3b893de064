package org.opencontrail.web.logs.zuulapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * The answers of Zuul's builds API, field for field as Zuul's web writes them (names, order, JSON
 * types, nulls): times in UTC without a zone, durations in seconds as numbers.
 */
final class ZuulApiJson {

    private ZuulApiJson() {}

    /** A build in a list or alone, with its buildset's part: {@code pipeline, event_id, event_timestamp, buildset}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Build(
            @JsonProperty("_id") long id,
            String uuid,
            @JsonProperty("job_name") String job,
            String result,
            boolean held,
            @JsonProperty("start_time") String startTime,
            @JsonProperty("end_time") String endTime,
            Double duration,
            boolean voting,
            @JsonProperty("log_url") String logUrl,
            String nodeset,
            @JsonProperty("error_detail") String errorDetail,
            @JsonProperty("final") boolean isFinal,
            List<Artifact> artifacts,
            List<Provided> provides,
            Ref ref,
            String pipeline,
            @JsonProperty("event_id") String eventId,
            @JsonProperty("event_timestamp") String eventTimestamp,
            BuildsetOfBuild buildset) {

        /** A build with its buildset's part added: what a list or a build asked alone answers. */
        static Build of(NestedBuild b, String pipeline, String eventId, BuildsetOfBuild buildset) {
            return new Build(
                    b.id(),
                    b.uuid(),
                    b.job(),
                    b.result(),
                    b.held(),
                    b.startTime(),
                    b.endTime(),
                    b.duration(),
                    b.voting(),
                    b.logUrl(),
                    b.nodeset(),
                    b.errorDetail(),
                    b.isFinal(),
                    b.artifacts(),
                    b.provides(),
                    b.ref(),
                    pipeline,
                    eventId,
                    null,
                    buildset);
        }
    }

    /** A build within its buildset's answer: without the buildset's part. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record NestedBuild(
            @JsonProperty("_id") long id,
            String uuid,
            @JsonProperty("job_name") String job,
            String result,
            boolean held,
            @JsonProperty("start_time") String startTime,
            @JsonProperty("end_time") String endTime,
            Double duration,
            boolean voting,
            @JsonProperty("log_url") String logUrl,
            String nodeset,
            @JsonProperty("error_detail") String errorDetail,
            @JsonProperty("final") boolean isFinal,
            List<Artifact> artifacts,
            List<Provided> provides,
            Ref ref) {}

    /** What was built. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Ref(
            String project,
            String branch,
            Integer change,
            String patchset,
            String ref,
            String oldrev,
            String newrev,
            @JsonProperty("ref_url") String refUrl) {}

    /** Something a build published; {@code metadata} only when it has some. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Artifact(
            String name,
            String url,
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> metadata) {}

    @Serdeable
    record Provided(String name) {}

    /** A build's buildset: its uuid in a list, with its refs when the build is asked alone. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record BuildsetOfBuild(
            String uuid,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Ref> refs) {}

    /** A buildset; its builds only when it is asked alone (and it has some). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Buildset(
            @JsonProperty("_id") long id,
            String uuid,
            String result,
            String message,
            String pipeline,
            @JsonProperty("event_id") String eventId,
            @JsonProperty("event_timestamp") String eventTimestamp,
            @JsonProperty("first_build_start_time") String firstBuildStartTime,
            @JsonProperty("last_build_end_time") String lastBuildEndTime,
            List<Ref> refs,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<NestedBuild> builds) {}

    /** One finished build of the build times. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record BuildTime(
            @JsonProperty("_id") long id,
            String uuid,
            @JsonProperty("job_name") String job,
            String result,
            @JsonProperty("start_time") String startTime,
            @JsonProperty("end_time") String endTime,
            Double duration,
            @JsonProperty("final") boolean isFinal,
            String project,
            String branch,
            String pipeline,
            String ref) {}
}
