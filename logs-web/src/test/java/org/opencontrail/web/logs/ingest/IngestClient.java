package org.opencontrail.web.logs.ingest;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.opencontrail.web.fixtures.Http;

/** What a CI job and a visitor ask of a logs-web under test: enqueue a build with a token, read an address. */
final class IngestClient {

    private final Http http;
    private final String token;

    IngestClient(URI site, String token) {
        this.http = Http.at(site).timeout(Duration.ofSeconds(30));
        this.token = token;
    }

    /** {@code POST /api/builds} of one build of Juniper/contrail-controller whose files are at {@code logUrl}. */
    HttpResponse<String> enqueue(String uuid, String logUrl, int change, String result) throws Exception {
        String body = """
                {"uuid": "%s", "job_name": "unit", "result": "%s", "pipeline": "check", "log_url": "%s",
                 "ref": {"project": "Juniper/contrail-controller", "change": %d, "patchset": 1}}
                """.formatted(uuid, result, logUrl, change);
        return http.post("/api/builds", body, "Authorization", "Bearer " + token);
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.get(pathAndQuery);
    }
}
