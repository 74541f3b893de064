package org.opencontrail.web.shared.zuul.builds;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencontrail.web.shared.json.ForeignJson;
import org.opencontrail.web.shared.json.JsonFields;
import org.opencontrail.web.shared.zuul.ZuulSettings;

/** Zuul's builds API ({@code /api/tenant/T/builds}): the history of finished builds, filtered. */
public final class ZuulBuildsClient {

    /**
     * What to ask for; empty fields are not sent.
     *
     * @param project  project name
     * @param pipeline pipeline name
     * @param change   change number
     * @param job      job name
     * @param result   result
     * @param newrev   the commit a ref update (post, tag) ran on
     * @param limit    at most this many (newest first)
     */
    public record Query(
            String project,
            String pipeline,
            Optional<Integer> change,
            String job,
            String result,
            String newrev,
            int limit) {

        public static Query latest(int limit) {
            return new Query("", "", Optional.empty(), "", "", "", limit);
        }
    }

    private final URI uri;
    private final Duration timeout;
    private final HttpClient http;

    public ZuulBuildsClient(ZuulSettings config) {
        this.uri = config.buildsUri();
        this.timeout = config.timeout();
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public List<Build> builds(Query query) throws IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("project", query.project());
        params.put("pipeline", query.pipeline());
        params.put("change", query.change().map(String::valueOf).orElse(""));
        params.put("job_name", query.job());
        params.put("result", query.result());
        params.put("newrev", query.newrev());
        params.put("limit", String.valueOf(query.limit()));
        StringBuilder url = new StringBuilder(uri.toString());
        char separator = '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            if (!param.getValue().isEmpty()) {
                url.append(separator)
                        .append(param.getKey())
                        .append('=')
                        .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.toString()))
                .timeout(timeout)
                .header("Accept", "application/json")
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + request.uri() + " answered " + response.statusCode());
        }
        JsonNode array = ForeignJson.tree(response.body());
        if (array == null || !array.isArray()) {
            throw new IOException("GET " + request.uri() + " did not answer a list of builds");
        }
        List<Build> builds = new ArrayList<>();
        array.forEach(node -> builds.add(build(new JsonFields(node))));
        return List.copyOf(builds);
    }

    /** One build object of the builds API (also the shape of MQTT results' builds, with their buildset's ref). */
    public static Build build(JsonFields b) {
        JsonFields ref = b.object("ref");
        return new Build(
                b.text("uuid"),
                b.text("job_name"),
                b.optionalText("result"),
                !b.has("voting") || b.bool("voting"),
                b.text("pipeline"),
                ref.text("project"),
                ref.text("branch"),
                ref.optionalInteger("change"),
                ref.optionalInteger("patchset"),
                ref.text("ref"),
                ref.text("newrev"),
                b.text("log_url"),
                time(b.text("start_time")),
                time(b.text("end_time")),
                b.secondsDuration("duration"),
                b.text("nodeset"),
                b.text("error_detail"),
                b.object("buildset").text("uuid"),
                b.has("final") && !b.bool("final"),
                b.bool("held"),
                artifacts(b),
                b.text("event_id"));
    }

    /** Zuul's {@code artifacts[{name, url, metadata}]}, the metadata's plain values as text; those without a URL left out. */
    public static List<Build.Artifact> artifacts(JsonFields b) {
        List<Build.Artifact> artifacts = new ArrayList<>();
        for (JsonFields artifact : b.objects("artifacts")) {
            if (artifact.text("url").isBlank()) {
                continue;
            }
            java.util.Map<String, String> metadata = new java.util.TreeMap<>();
            JsonFields meta = artifact.object("metadata");
            for (String key : meta.fieldNames()) {
                String value = meta.text(key);
                if (!value.isEmpty()) {
                    metadata.put(key, value);
                }
            }
            artifacts.add(new Build.Artifact(artifact.text("name"), artifact.text("url"), metadata));
        }
        return List.copyOf(artifacts);
    }

    /** ISO times as Zuul writes them, with or without an offset (then UTC), or epoch seconds. */
    public static Optional<Instant> time(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(Instant.ofEpochMilli(Math.round(Double.parseDouble(text) * 1000)));
                } catch (NumberFormatException notNumber) {
                    return Optional.empty();
                }
            }
        }
    }
}
