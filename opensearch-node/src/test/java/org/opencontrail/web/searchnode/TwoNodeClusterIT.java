package org.opencontrail.web.searchnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.fixtures.OpenSearchNodes;

/**
 * The node this module builds, started twice as its own processes: the two form one cluster, keep a
 * copy of each shard apiece, answer from either node, and go on answering when one is killed.
 */
@Tag("opensearch")
class TwoNodeClusterIT {

    private final Http http = Http.plain();

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        return http.timeout(Duration.ofSeconds(30))
                .send(
                        method,
                        url,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body),
                        "Content-Type",
                        "application/json");
    }

    @Test
    void twoNodesFormOneClusterAndOneSurvivesTheOthersDeath() throws Exception {
        try (OpenSearchNodes cluster = OpenSearchNodes.start(2, 384)) {
            assertThat(send("GET", cluster.url(1) + "/_cat/nodes?h=name", null).body())
                    .contains("node-0", "node-1");
            assertThat(send("PUT", cluster.url(0) + "/lines", """
                    {"settings": {"number_of_shards": 2, "number_of_replicas": 1,
                      "analysis": {"tokenizer": {"runs": {"type": "pattern", "pattern": "[^\\\\p{L}\\\\p{N}]+"}},
                                   "filter": {"camel": {"type": "pattern_capture", "preserve_original": true,
                                                        "patterns": ["(\\\\p{Lu}?\\\\p{Ll}+)"]}},
                                   "analyzer": {"log": {"tokenizer": "runs", "filter": ["camel", "lowercase"]}}}},
                     "mappings": {"properties": {"message": {"type": "text", "analyzer": "log"}}}}
                    """).statusCode()).isEqualTo(200);
            assertThat(send(
                                    "POST",
                                    cluster.url(1) + "/lines/_doc?refresh=true",
                                    "{\"message\": \"java.io.InterruptedIOException: read timed out\"}")
                            .statusCode())
                    .isEqualTo(201);
            send("GET", cluster.url(0) + "/_cluster/health/lines?wait_for_status=green&timeout=30s", null);

            cluster.kill(0);
            HttpResponse<String> found = send(
                    "POST",
                    cluster.url(1) + "/lines/_search",
                    "{\"query\": {\"query_string\": {\"query\": \"interrupted AND timed\", \"default_field\": \"message\"}}}");
            assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
            assertThat(found.body()).contains("\"value\":1");
        }
    }
}
