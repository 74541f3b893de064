package org.opencontrail.web.logs.search.opensearch;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * The search index on an OpenSearch cluster, which every replica of logs-web shares; set
 * {@code logs.search.opensearch.hosts} and it takes the place of the embedded index.
 *
 * @param hosts           host:port of the cluster's nodes (http), or full URLs (https://...)
 * @param index           the name searches use (an alias) and the prefix of the daily indices ({@code logs-2026.12.03})
 * @param username        a user with rights on those indices; empty: none
 * @param passwordFile    a file holding its password
 * @param shards          primary shards of each daily index
 * @param replicas        copies of each shard beyond the primary
 * @param refreshInterval how often the cluster makes what was indexed searchable; a build is acknowledged once it
 *                        is (its last bulk request waits for the next refresh, or, at 5 s and longer, makes one)
 * @param bulkBytes       the largest bulk request sent; a build's lines go in several
 * @param blockLines      lines of a file in one document (a block): fewer documents cost the cluster less, each
 *                        candidate block's lines are checked by the site
 * @param replication     how a shard's copies are kept: {@code document} (each copy indexes every document, as
 *                        OpenSearch does by default) or {@code segment} (the primary indexes, its copies take its
 *                        segments; searches then read primaries first, which see a build as soon as it is acknowledged)
 * @param analysis        how text is split: {@code plugin} (logs-web's own tokenizer, {@code opencontrail_log}, from the
 *                        analysis plugin every node must have), {@code pattern} (OpenSearch's pattern tokenizer and
 *                        filters, which approach it), or {@code auto} (the plugin where the cluster has it)
 * @param codec           how the daily indices' stored fields are compressed: {@code default} (LZ4),
 *                        {@code best_compression} (DEFLATE), or {@code zstd} where the cluster has OpenSearch's
 *                        custom-codecs plugin
 * @param timeout         bound on each request (a search answers with what it found by {@code logs.search.query-timeout})
 */
@ConfigurationProperties("logs.search.opensearch")
public record OpenSearchSettings(
        List<String> hosts,
        @Bindable(defaultValue = "logs") String index,
        @Bindable(defaultValue = "") String username,
        @Bindable(defaultValue = "") String passwordFile,
        @Bindable(defaultValue = "1") int shards,
        @Bindable(defaultValue = "1") int replicas,
        @Bindable(defaultValue = "1s") Duration refreshInterval,
        @Bindable(defaultValue = "5242880") int bulkBytes,
        @Bindable(defaultValue = "64") int blockLines,
        @Bindable(defaultValue = "segment") String replication,
        @Bindable(defaultValue = "auto") String analysis,
        @Bindable(defaultValue = "default") String codec,
        @Bindable(defaultValue = "60s") Duration timeout) {

    /**
     * Whether a build's last bulk request makes a refresh itself, rather than wait for the next: so
     * that a long refresh interval (fewer, larger segments) does not hold each build's acknowledgement.
     */
    public boolean refreshesEachBuild() {
        return refreshInterval.compareTo(Duration.ofSeconds(5)) >= 0;
    }

    /** Whether a shard's copies take the primary's segments. */
    public boolean segmentReplication() {
        return "segment".equals(replication);
    }

    /**
     * What a search on the alias adds to its path: with segment replication a copy may not have a
     * refresh yet that its primary has, so searches read primaries first.
     */
    public String searchPreference() {
        return segmentReplication() ? "preference=_primary_first" : "";
    }

    public OpenSearchSettings {
        if (!"document".equals(replication) && !"segment".equals(replication)) {
            throw new IllegalArgumentException(
                    "logs.search.opensearch.replication is document or segment, not " + replication);
        }
        if (!List.of("auto", "plugin", "pattern").contains(analysis)) {
            throw new IllegalArgumentException(
                    "logs.search.opensearch.analysis is auto, plugin or pattern, not " + analysis);
        }
        if (blockLines < 1) {
            throw new IllegalArgumentException(
                    "logs.search.opensearch.block-lines must be at least 1, not " + blockLines);
        }
        hosts = hosts == null
                ? List.of()
                : hosts.stream().map(String::strip).filter(h -> !h.isEmpty()).toList();
    }
}
