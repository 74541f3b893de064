package org.opencontrail.web.logs.builds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opencontrail.web.shared.json.JsonFields;
import org.opencontrail.web.shared.zuul.builds.ZuulBuild;
import org.opencontrail.web.shared.zuul.builds.ZuulBuildsClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A build record as JSON: Zuul's builds API fields as they are ({@code uuid, job_name, result, voting,
 * pipeline, log_url, ref{...}, start_time, end_time, duration}) plus ours ({@code state, reason,
 * root, source, attempts, files[], received, updated}). The same form is kept on disk and answered
 * by {@code GET /api/builds/{uuid}}.
 */
public final class BuildJson {

    private final ObjectMapper json = new ObjectMapper();

    public ObjectNode write(BuildRecord record) {
        ZuulBuild b = record.build();
        ObjectNode node = json.createObjectNode();
        node.put("uuid", b.uuid());
        node.put("state", record.state().word());
        node.put("reason", record.reason());
        node.put("job_name", b.jobName());
        node.put("result", b.result().orElse(null));
        node.put("voting", b.voting());
        node.put("pipeline", b.pipeline());
        node.put("log_url", b.logUrl());
        ObjectNode ref = node.putObject("ref");
        ref.put("project", b.project());
        ref.put("branch", b.branch());
        b.change().ifPresentOrElse(c -> ref.put("change", c), () -> ref.putNull("change"));
        b.patchset().ifPresentOrElse(p -> ref.put("patchset", p), () -> ref.putNull("patchset"));
        ref.put("ref", b.ref());
        ref.put("newrev", b.newrev());
        node.put("start_time", b.startTime().map(Instant::toString).orElse(null));
        node.put("end_time", b.endTime().map(Instant::toString).orElse(null));
        b.duration().ifPresentOrElse(d -> node.put("duration", d.toMillis() / 1000.0), () -> node.putNull("duration"));
        node.put("nodeset", b.nodeset());
        node.put("error_detail", b.errorDetail());
        node.putObject("buildset").put("uuid", b.buildsetUuid());
        node.put("root", record.root());
        node.put("source", record.source());
        node.put("attempts", record.attempts());
        ArrayNode files = node.putArray("files");
        for (BuildRecord.StoredFile file : record.files()) {
            files.addObject().put("path", file.path()).put("size", file.size()).put("stored_size", file.storedSize());
        }
        node.put("bytes", record.bytes());
        node.put("received", record.received().toString());
        node.put("updated", record.updated().toString());
        return node;
    }

    byte[] bytes(BuildRecord record) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(write(record));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    BuildRecord read(byte[] bytes) throws java.io.IOException {
        JsonNode node = json.readTree(bytes);
        JsonFields fields = new JsonFields(node);
        ZuulBuild build = ZuulBuildsClient.build(fields);
        List<BuildRecord.StoredFile> files = new ArrayList<>();
        for (JsonNode file : node.path("files")) {
            files.add(new BuildRecord.StoredFile(file.path("path").asText(), file.path("size").asLong(), file.path("stored_size").asLong()));
        }
        IngestState state = IngestState.valueOf(fields.text("state").toUpperCase(java.util.Locale.ROOT));
        return new BuildRecord(build, fields.text("root"), fields.text("source"), state, fields.text("reason"),
                node.path("attempts").asInt(), List.copyOf(files), Instant.parse(fields.text("received")),
                Instant.parse(fields.text("updated")));
    }

    /** A build given as Zuul's builds API JSON, checked; the reasons it cannot be taken, if any. */
    public static ZuulBuild parseRequest(JsonNode node, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add("the body must be a JSON object: a build as Zuul's builds API gives it");
            return null;
        }
        ZuulBuild build = ZuulBuildsClient.build(new JsonFields(node));
        if (!build.uuid().matches("[0-9a-fA-F-]{7,64}")) {
            problems.add("uuid: 7 to 64 hexadecimal digits (dashes allowed) are needed");
        }
        if (build.jobName().isBlank() || build.jobName().contains("/") || build.jobName().equals("..") || build.jobName().equals(".")) {
            problems.add("job_name: a job name without '/' is needed");
        }
        if (build.pipeline().isBlank() || build.pipeline().contains("/") || build.pipeline().startsWith(".")) {
            problems.add("pipeline: a pipeline name without '/' is needed");
        }
        if (!build.logUrl().isBlank() && !build.logUrl().matches("(?i)https?://[^\\s]+")) {
            problems.add("log_url: an http(s) URL is needed");
        }
        if (build.change().isEmpty() && !build.newrev().matches("[0-9a-f]{40}") && build.project().isBlank()) {
            problems.add("ref: a change and patchset, a newrev, or a project is needed to place the build");
        }
        return build;
    }
}
