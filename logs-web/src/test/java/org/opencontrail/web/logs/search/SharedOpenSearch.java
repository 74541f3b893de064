package org.opencontrail.web.logs.search;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.opencontrail.web.fixtures.OpenSearchNodes;

/**
 * One real OpenSearch cluster (two nodes, each its own process) for every test of this module that
 * runs on OpenSearch: started by the first, stopped when the tests' JVM ends. Each test class has an
 * index of its own.
 */
public final class SharedOpenSearch {

    private static OpenSearchNodes cluster;

    private SharedOpenSearch() {}

    public static synchronized OpenSearchNodes cluster() {
        if (cluster == null) {
            try {
                cluster = OpenSearchNodes.start(2, 384);
            } catch (Exception e) {
                throw new IllegalStateException(
                        "the OpenSearch cluster for the tests did not start: " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "opensearch-test-cluster-stop"));
        }
        return cluster;
    }

    /** An index setting of the indices behind an alias, as the cluster answers it (JSON). */
    public static String indexSetting(String alias, String key) throws java.io.IOException, InterruptedException {
        var answer =
                org.opencontrail.web.fixtures.Http.plain().get(cluster().url(0) + "/" + alias + "/_settings/" + key);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(alias + "'s " + key + ": " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    /** Settings that put an app's search index on the cluster, under an index name of its own. */
    public static Map<String, Object> properties(String name) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("logs.search.opensearch.hosts", cluster().hosts());
        properties.put(
                "logs.search.opensearch.index",
                name + "-" + UUID.randomUUID().toString().substring(0, 8));
        properties.put("logs.search.opensearch.refresh-interval", "200ms");
        return properties;
    }
}
