package org.opencontrail.web.git.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP against a running site, as a browser or a tool asks (no redirects followed). */
public final class Http {

    private final URI base;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Http(URI base) {
        this.base = base;
    }

    public HttpResponse<String> get(String rawPath, String... headers) {
        return send(rawPath, HttpResponse.BodyHandlers.ofString(), headers);
    }

    public HttpResponse<byte[]> bytes(String rawPath, String... headers) {
        return send(rawPath, HttpResponse.BodyHandlers.ofByteArray(), headers);
    }

    private <T> HttpResponse<T> send(String rawPath, HttpResponse.BodyHandler<T> handler, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(base.toString().replaceAll("/$", "") + rawPath))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "text/html,*/*");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            return client.send(request.build(), handler);
        } catch (IOException e) {
            throw new AssertionError("GET " + rawPath + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
