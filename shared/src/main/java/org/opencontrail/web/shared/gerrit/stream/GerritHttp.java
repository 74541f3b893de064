package org.opencontrail.web.shared.gerrit.stream;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** GETs against Gerrit's web side, bounded in time, with the XSSI prefix of its JSON removed. */
public final class GerritHttp {

    /** What Gerrit puts before every JSON answer so that browsers cannot run it as script. */
    static final String XSSI_PREFIX = ")]}'";

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    public GerritHttp(String baseUrl, Duration timeout) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public URI base() {
        return base;
    }

    /** The body of a 200 answer to {@code path} (relative to the base URL), as text. */
    public String get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("GET " + request.uri() + " answered " + response.statusCode());
        }
        return response.body();
    }

    public static String stripXssi(String body) {
        String trimmed = body.stripLeading();
        if (trimmed.startsWith(XSSI_PREFIX)) {
            int newline = trimmed.indexOf('\n');
            return newline < 0 ? "" : trimmed.substring(newline + 1);
        }
        return body;
    }
}
