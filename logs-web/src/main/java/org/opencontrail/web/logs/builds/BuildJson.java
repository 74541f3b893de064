package org.opencontrail.web.logs.builds;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opencontrail.web.shared.json.ForeignJson;
import org.opencontrail.web.shared.json.JsonFields;
import org.opencontrail.web.shared.json.PrettyJson;
import org.opencontrail.web.shared.zuul.builds.Build;
import org.opencontrail.web.shared.zuul.builds.ZuulBuildsClient;

/**
 * A build record as JSON: Zuul's builds API fields as they are ({@code uuid, job_name, result, voting,
 * pipeline, log_url, ref{...}, start_time, end_time, duration}) plus ours ({@code state, reason,
 * root, source, attempts, files[], received, updated}). The same form is kept on disk and answered
 * by {@code GET /api/builds/{uuid}}, there with the build's known failures.
 */
public final class BuildJson {

    /** Zuul's builds API and ours: every field written, null when unknown, as Zuul writes them. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Document(
            String uuid,
            String state,
            String reason,
            @JsonProperty("job_name") String job,
            String result,
            boolean voting,
            String pipeline,
            @JsonProperty("log_url") String logUrl,
            Ref ref,
            @JsonProperty("start_time") String startTime,
            @JsonProperty("end_time") String endTime,
            Double duration,
            String nodeset,
            @JsonProperty("error_detail") String errorDetail,
            Buildset buildset,
            @JsonProperty("final") boolean isFinal,
            boolean held,
            List<Artifact> artifacts,
            @JsonProperty("event_id") String eventId,
            String root,
            String source,
            int attempts,
            List<FileEntry> files,
            long bytes,
            String received,
            String updated,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> failures) {

        /** The same document with the known failures of its build, as the API answers it. */
        public Document withFailures(List<String> known) {
            return new Document(
                    uuid,
                    state,
                    reason,
                    job,
                    result,
                    voting,
                    pipeline,
                    logUrl,
                    ref,
                    startTime,
                    endTime,
                    duration,
                    nodeset,
                    errorDetail,
                    buildset,
                    isFinal,
                    held,
                    artifacts,
                    eventId,
                    root,
                    source,
                    attempts,
                    files,
                    bytes,
                    received,
                    updated,
                    List.copyOf(known));
        }
    }

    /** What was built: Zuul's {@code ref} object. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Ref(
            String project,
            String branch,
            Integer change,
            @JsonProperty("patchset") Integer patchSet,
            String ref,
            String newrev) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Buildset(String uuid) {}

    /** Something the build published, as Zuul lists it. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Artifact(String name, String url, java.util.Map<String, String> metadata) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FileEntry(
            String path,
            long size,
            @JsonProperty("stored_size") long storedSize) {}

    private final JsonMapper mapper;
    /** Reads stored documents leniently, field by field, as the builds API of Zuul is read. */
    BuildJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public Document write(BuildRecord record) {
        Build b = record.build();
        return new Document(
                b.uuid(),
                record.state().word(),
                record.reason(),
                b.job(),
                b.result().orElse(null),
                b.voting(),
                b.pipeline(),
                b.logUrl(),
                new Ref(
                        b.project(),
                        b.branch(),
                        b.change().orElse(null),
                        b.patchSet().orElse(null),
                        b.ref(),
                        b.newrev()),
                b.startTime().map(Instant::toString).orElse(null),
                b.endTime().map(Instant::toString).orElse(null),
                b.duration().map(d -> d.toMillis() / 1000.0).orElse(null),
                b.nodeset(),
                b.errorDetail(),
                new Buildset(b.buildsetUuid()),
                !b.retried(),
                b.held(),
                b.artifacts().stream()
                        .map(a -> new Artifact(a.name(), a.url(), a.metadata()))
                        .toList(),
                b.eventId(),
                record.root(),
                record.source(),
                record.attempts(),
                record.files().stream()
                        .map(f -> new FileEntry(f.path(), f.size(), f.storedSize()))
                        .toList(),
                record.bytes(),
                record.received().toString(),
                record.updated().toString(),
                null);
    }

    /** The document as the API answers it. */
    public String text(Document document) {
        try {
            return mapper.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as it is kept on disk and in the store: indented, for people reading it there. */
    public byte[] bytes(BuildRecord record) {
        try {
            return PrettyJson.indent(mapper.writeValueAsBytes(write(record))).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A record as {@link #bytes} wrote it. */
    public BuildRecord read(byte[] bytes) throws java.io.IOException {
        JsonNode node = ForeignJson.tree(bytes);
        JsonFields fields = new JsonFields(node);
        Build build = ZuulBuildsClient.build(fields);
        List<BuildRecord.StoredFile> files = new ArrayList<>();
        for (JsonNode file : node.path("files")) {
            files.add(new BuildRecord.StoredFile(
                    file.path("path").asText(),
                    file.path("size").asLong(),
                    file.path("stored_size").asLong()));
        }
        IngestState state = IngestState.valueOf(fields.text("state").toUpperCase(java.util.Locale.ROOT));
        return new BuildRecord(
                build,
                fields.text("root"),
                fields.text("source"),
                state,
                fields.text("reason"),
                node.path("attempts").asInt(),
                List.copyOf(files),
                Instant.parse(fields.text("received")),
                Instant.parse(fields.text("updated")));
    }

    /** A build given as Zuul's builds API JSON, checked; the reasons it cannot be taken, if any. */
    public static Build parseRequest(JsonNode node, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add("the body must be a JSON object: a build as Zuul's builds API gives it");
            return null;
        }
        Build build = ZuulBuildsClient.build(new JsonFields(node));
        if (!build.uuid().matches("[0-9a-fA-F-]{7,64}")) {
            problems.add("uuid: 7 to 64 hexadecimal digits (dashes allowed) are needed");
        }
        if (build.job().isBlank()
                || build.job().contains("/")
                || build.job().equals("..")
                || build.job().equals(".")) {
            problems.add("job_name: a job name without '/' is needed");
        }
        if (build.pipeline().isBlank()
                || build.pipeline().contains("/")
                || build.pipeline().startsWith(".")) {
            problems.add("pipeline: a pipeline name without '/' is needed");
        }
        if (!build.logUrl().isBlank() && !build.logUrl().matches("(?i)https?://[^\\s]+")) {
            problems.add("log_url: an http(s) URL is needed");
        }
        if (build.change().isEmpty()
                && !build.newrev().matches("[0-9a-f]{40}")
                && build.project().isBlank()) {
            problems.add("ref: a change and patchset, a newrev, or a project is needed to place the build");
        }
        return build;
    }
}
