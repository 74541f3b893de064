package org.opencontrail.web.status.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opencontrail.web.branding.Brand;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.shared.json.ForeignJson;
import org.opencontrail.web.shared.text.Excerpts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What logs-web knows of builds ({@code GET /api/review/builds}): their logs, known failures and
 * first errors, asked for a patch set's builds at once, bounded by {@code status.checks.logs-timeout}.
 * The sites fail alone: while logs-web does not answer, the Checks tab is answered without it, and
 * it is not asked again for {@code status.checks.logs-away}.
 */
@Singleton
final class LogsVerdicts {

    private static final Logger LOG = LoggerFactory.getLogger(LogsVerdicts.class);

    /**
     * What logs-web said of a build.
     *
     * @param logsUrl    its logs' folder (or its page while not stored)
     * @param failures   the known failures it matched
     * @param firstError the line that stands out most in its console, if found
     */
    record Verdict(String logsUrl, List<KnownFailure> failures, Optional<ErrorLine> firstError) {}

    /** A known failure and its bug or page. */
    record KnownFailure(String id, String url) {}

    /** A line of a build's log, linked. */
    record ErrorLine(String text, String url) {}

    /**
     * The verdicts found and whether logs-web answered.
     *
     * @param problem why logs-web said nothing, empty when it answered
     */
    record Answer(Map<String, Verdict> byBuild, String problem) {}

    private final ChecksSettings settings;
    private final URI base;
    private final HttpClient http;
    private final Clock clock;
    private final Cache<String, Verdict> kept;
    private volatile Instant awayUntil = Instant.MIN;
    private volatile String problem = "";

    LogsVerdicts(ChecksSettings settings, Brand brand, Clock clock) {
        this.settings = settings;
        String url = settings.logsApiUrl().isBlank() ? brand.urlOf(Site.LOGS) : settings.logsApiUrl();
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.clock = clock;
        this.http =
                HttpClient.newBuilder().connectTimeout(settings.logsTimeout()).build();
        this.kept = Caffeine.newBuilder()
                .maximumSize(20_000)
                .expireAfterWrite(settings.logsKept())
                .build();
    }

    /** What logs-web says of these builds (those it has and shows). */
    Answer of(Collection<String> builds) {
        Map<String, Verdict> found = new HashMap<>(kept.getAllPresent(builds));
        List<String> asked = builds.stream()
                .filter(uuid -> !found.containsKey(uuid))
                .distinct()
                .toList();
        if (asked.isEmpty()) {
            return new Answer(found, "");
        }
        if (clock.instant().isBefore(awayUntil)) {
            return new Answer(found, problem);
        }
        try {
            for (int from = 0; from < asked.size(); from += 100) {
                found.putAll(ask(asked.subList(from, Math.min(asked.size(), from + 100))));
            }
            problem = "";
            return new Answer(found, "");
        } catch (IOException e) {
            awayUntil = clock.instant().plus(settings.logsAway());
            problem = "logs-web does not answer (" + Excerpts.of(String.valueOf(e.getMessage())) + ")";
            LOG.warn("The Checks tab is answered without logs-web: {}", problem);
            return new Answer(found, problem);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(found, "interrupted");
        }
    }

    private Map<String, Verdict> ask(List<String> uuids) throws IOException, InterruptedException {
        String query = uuids.stream()
                .map(uuid -> "uuid=" + URLEncoder.encode(uuid, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve("api/review/builds?" + query))
                        .timeout(settings.logsTimeout())
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("it answered " + response.statusCode());
        }
        Map<String, Verdict> found = new HashMap<>();
        for (JsonNode build : ForeignJson.tree(response.body()).path("builds")) {
            List<KnownFailure> failures = new ArrayList<>();
            for (JsonNode failure : build.path("failures")) {
                failures.add(new KnownFailure(
                        failure.path("id").asText(), failure.path("url").asText()));
            }
            JsonNode first = build.path("firstError");
            Verdict verdict = new Verdict(
                    build.path("logsUrl").asText(),
                    List.copyOf(failures),
                    first.isObject()
                            ? Optional.of(new ErrorLine(
                                    first.path("text").asText(),
                                    first.path("url").asText()))
                            : Optional.empty());
            String uuid = build.path("uuid").asText();
            found.put(uuid, verdict);
            if (build.path("stored").asBoolean()) {
                kept.put(uuid, verdict); // what is not stored yet will be soon: asked again
            }
        }
        return found;
    }
}
