package org.opencontrail.web.logs.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What a CI job and a visitor ask of a logs-web under test: enqueue a build with a token, read an address. */
final class IngestClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI site;
    private final String token;

    IngestClient(URI site, String token) {
        this.site = site;
        this.token = token;
    }

    /** {@code POST /api/builds} of one build of Juniper/contrail-controller whose files are at {@code logUrl}. */
    HttpResponse<String> enqueue(String uuid, String logUrl, int change, String result) throws Exception {
        String body = """
                {"uuid": "%s", "job_name": "unit", "result": "%s", "pipeline": "check", "log_url": "%s",
                 "ref": {"project": "Juniper/contrail-controller", "change": %d, "patchset": 1}}
                """.formatted(uuid, result, logUrl, change);
        return http.send(
                HttpRequest.newBuilder(site.resolve("/api/builds"))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(
                HttpRequest.newBuilder(site.resolve(pathAndQuery))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
