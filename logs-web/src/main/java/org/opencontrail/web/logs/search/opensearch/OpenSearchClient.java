package org.opencontrail.web.logs.search.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.nio.entity.NStringEntity;
import org.opencontrail.web.shared.io.SecretFiles;
import org.opencontrail.web.shared.json.ForeignJson;
import org.opencontrail.web.shared.text.Excerpts;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;

/**
 * The cluster's REST API, JSON in and out: requests go to every node in turn (a node that does not
 * answer is left out for a while), and an error answer becomes an {@link OpenSearchException} with
 * the cluster's own reason.
 */
@Singleton
@Requires(property = "logs.search.opensearch.hosts")
public final class OpenSearchClient implements AutoCloseable {

    private final RestClient rest;

    OpenSearchClient(OpenSearchSettings settings) throws IOException {
        HttpHost[] hosts = settings.hosts().stream().map(OpenSearchClient::host).toArray(HttpHost[]::new);
        var builder = RestClient.builder(hosts)
                .setRequestConfigCallback(config -> config.setConnectTimeout(10_000)
                        .setSocketTimeout((int) settings.timeout().toMillis()));
        if (!settings.username().isBlank()) {
            String password =
                    settings.passwordFile().isBlank() ? "" : SecretFiles.read(Path.of(settings.passwordFile()));
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(settings.username(), password));
            builder.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
        }
        this.rest = builder.build();
    }

    private static HttpHost host(String given) {
        return given.contains("://") ? HttpHost.create(given) : HttpHost.create("http://" + given);
    }

    /** Sends a request with a JSON body (null: none) and reads the JSON answer. */
    public JsonNode send(String method, String path, JsonNode body) throws IOException {
        return send(method, path, body == null ? null : ForeignJson.write(body), "application/json", Map.of());
    }

    /** Sends a bulk request (newline-delimited JSON) and reads its answer. */
    public JsonNode bulk(String ndjson, Map<String, String> parameters) throws IOException {
        return send("POST", "/_bulk", ndjson, "application/x-ndjson", parameters);
    }

    /** Whether the path answers 200 (a HEAD): an index, an alias, a template. */
    public boolean exists(String path) throws IOException {
        try {
            Response response = rest.performRequest(new Request("HEAD", path));
            return response.getStatusLine().getStatusCode() == 200;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return false;
            }
            throw error(e);
        }
    }

    private JsonNode send(String method, String path, String body, String contentType, Map<String, String> parameters)
            throws IOException {
        Request request = new Request(method, path);
        parameters.forEach(request::addParameter);
        if (body != null) {
            request.setEntity(
                    new NStringEntity(body, ContentType.create(contentType, java.nio.charset.StandardCharsets.UTF_8)));
        }
        try {
            Response response = rest.performRequest(request);
            if (response.getEntity() == null) {
                return ForeignJson.object();
            }
            try (InputStream in = response.getEntity().getContent()) {
                return ForeignJson.tree(in);
            }
        } catch (ResponseException e) {
            throw error(e);
        }
    }

    /** The cluster's reason for an error answer: its root cause's type and reason, when it gives them. */
    private static OpenSearchException error(ResponseException e) {
        int status = e.getResponse().getStatusLine().getStatusCode();
        String reason = e.getMessage();
        try (InputStream in = e.getResponse().getEntity() == null
                ? null
                : e.getResponse().getEntity().getContent()) {
            if (in != null) {
                JsonNode answer = ForeignJson.tree(in);
                JsonNode cause = answer.path("error").path("root_cause").path(0);
                if (cause.isMissingNode()) {
                    cause = answer.path("error");
                }
                reason = cause.isObject()
                        ? cause.path("type").asText() + ": "
                                + cause.path("reason").asText()
                        : answer.toString();
                JsonNode deeper = answer.path("error").path("caused_by");
                if (deeper.isObject()) {
                    reason += " (" + deeper.path("type").asText() + ": "
                            + deeper.path("reason").asText() + ")";
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // the status says enough
        }
        return new OpenSearchException(status, Excerpts.of(reason));
    }

    /** An empty JSON object to build a request on. */
    public static ObjectNode object() {
        return ForeignJson.object();
    }

    @PreDestroy
    @Override
    public void close() throws IOException {
        rest.close();
    }
}
