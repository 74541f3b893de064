package org.opencontrail.web.logs.ingest;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.opencontrail.web.fixtures.S3ProxyServer;

/** The configuration a logs-web under fault starts with, for tests to add to. */
final class TestConfig {

    private TestConfig() {}

    /** A random port, its data in {@code dir}, upload token "t", and retries every {@code backoff} up to {@code maxBackoff}, {@code attempts} times. */
    static Map<String, Object> retrying(Path dir, String backoff, String maxBackoff, int attempts) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("logs.dir", dir.toString());
        properties.put("logs.upload-tokens", "t");
        properties.put("logs.ingest.backoff", backoff);
        properties.put("logs.ingest.max-backoff", maxBackoff);
        properties.put("logs.ingest.attempts", String.valueOf(attempts));
        return properties;
    }

    /** The store in {@code bucket} of the s3proxy (or a proxy in front of it) at {@code endpoint}. */
    static Map<String, Object> onS3(Map<String, Object> properties, String endpoint, String bucket) {
        properties.put("logs.s3.endpoint", endpoint);
        properties.put("logs.s3.bucket", bucket);
        properties.put("logs.s3.access-key", S3ProxyServer.ACCESS_KEY);
        properties.put("logs.s3.secret-key", S3ProxyServer.SECRET_KEY);
        return properties;
    }
}
