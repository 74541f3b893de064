package org.opencontrail.web.shared.gerrit.stream;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.opencontrail.web.shared.text.Excerpts;

/**
 * Calls to Gerrit's REST API, bounded in time, with the XSSI prefix of its JSON removed: anonymous,
 * or as an account with its HTTP password (then under {@code /a/}, as Gerrit wants).
 */
public final class GerritHttp {

    /** What Gerrit puts before every JSON answer so that browsers cannot run it as script. */
    static final String XSSI_PREFIX = ")]}'";

    /**
     * An account's HTTP credentials.
     *
     * @param user     user name
     * @param password HTTP password (Gerrit's settings page makes one)
     */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + "]";
        }
    }

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;
    private final Optional<Credentials> credentials;

    public GerritHttp(String baseUrl, Duration timeout) {
        this(baseUrl, timeout, Optional.empty());
    }

    public GerritHttp(String baseUrl, Duration timeout, Optional<Credentials> credentials) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.timeout = timeout;
        this.credentials = credentials;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public URI base() {
        return base;
    }

    /** The body of a 200 answer to {@code path} (relative to the base URL), as text. */
    public String get(String pathAndQuery) throws IOException, InterruptedException {
        return send(request(pathAndQuery).GET().build()).body();
    }

    /** POSTs a JSON body; the answer's body without the XSSI prefix, or a {@link GerritHttpException} for any other status than 2xx. */
    public String post(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = request(path)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        return stripXssi(send(request).body());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(credentials.isPresent() ? "a/" + path : path))
                .timeout(timeout)
                .header("Accept", "application/json");
        credentials.ifPresent(c -> builder.header(
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString((c.user() + ":" + c.password()).getBytes(StandardCharsets.UTF_8))));
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        boolean ok = request.method().equals("GET") ? response.statusCode() == 200 : response.statusCode() / 100 == 2;
        if (!ok) {
            throw new GerritHttpException(
                    request.method() + " " + request.uri() + " answered " + response.statusCode()
                            + (response.body().isBlank()
                                    ? ""
                                    : ": " + Excerpts.of(response.body().strip())),
                    response.statusCode());
        }
        return response;
    }

    public static String stripXssi(String body) {
        String trimmed = body.stripLeading();
        if (trimmed.startsWith(XSSI_PREFIX)) {
            int newline = trimmed.indexOf('\n');
            return newline < 0 ? "" : trimmed.substring(newline + 1);
        }
        return body;
    }

    /** An answer other than the one asked for, with its status. */
    public static final class GerritHttpException extends IOException {

        private final int status;

        public GerritHttpException(String message, int status) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
