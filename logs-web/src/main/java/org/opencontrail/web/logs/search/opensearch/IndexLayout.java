package org.opencontrail.web.logs.search.opensearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.opencontrail.web.logs.search.SearchFields;

/**
 * How logs-web's documents lie in OpenSearch, as OpenStack's ci-log-processing lays them: one index a
 * day ({@code logs-2026.12.03}, by the build's end), all under one alias that searches use, made from
 * one index template. The same fields as the embedded index and text split the way it splits it, but
 * a file's lines go in blocks ({@link LineBlock}), each carrying its build's and file's fields once.
 */
final class IndexLayout {

    /** Runs of letters and digits, as the embedded index's tokenizer takes them. */
    static final String RUNS = "[^\\p{L}\\p{N}]+";
    /**
     * The words of a camelCase run of at most 48 characters, each at the run's own position: a break
     * before a capital after a small letter, and before the last capital of several followed by a small one.
     */
    static final String CAMEL_WORDS = "(?<=^(?=[\\p{L}\\p{N}]{1,48}$)[\\p{L}\\p{N}]{0,47})"
            + "([\\p{L}\\p{N}]+?)(?=(?<=\\p{Ll})\\p{Lu}|(?<=\\p{Lu})\\p{Lu}\\p{Ll}|$)";
    /** A line's file by its path, for hits in the order of the files in their build. */
    static final String FILE_PATH = "file_path";

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private final String alias;

    IndexLayout(String alias) {
        this.alias = alias;
    }

    /** The name searches use. */
    String alias() {
        return alias;
    }

    /**
     * The documents' format, in the template's mapping: indices of another format hold documents this
     * version cannot read (lines one by one, before blocks), and are made again from the stored builds.
     */
    static final int FORMAT = 2;

    /** The daily index a build's documents go to, by its time. */
    String dailyIndex(long buildTime) {
        return alias + "-" + DAY.format(Instant.ofEpochMilli(buildTime));
    }

    /** Whether a name is one of the daily indices. */
    boolean isDaily(String name) {
        return name.matches(java.util.regex.Pattern.quote(alias) + "-\\d{4}\\.\\d{2}\\.\\d{2}");
    }

    /** Index State Management's policy: a daily index is deleted once it is {@code retention} old; every new one gets it. */
    ObjectNode retentionPolicy(java.time.Duration retention) {
        ObjectNode body = OpenSearchClient.object();
        ObjectNode policy = body.putObject("policy");
        policy.put(
                "description", "logs-web: daily indices of build logs, deleted after " + retention.toDays() + " days");
        policy.put("default_state", "kept");
        ArrayNode states = policy.putArray("states");
        ObjectNode kept = states.addObject().put("name", "kept");
        kept.putArray("actions");
        kept.putArray("transitions")
                .addObject()
                .put("state_name", "deleted")
                .putObject("conditions")
                .put("min_index_age", retention.toHours() + "h");
        ObjectNode deleted = states.addObject().put("name", "deleted");
        deleted.putArray("actions").addObject().putObject("delete");
        deleted.putArray("transitions");
        ObjectNode template = policy.putArray("ism_template").addObject();
        template.putArray("index_patterns").add(alias + "-*");
        template.put("priority", 100);
        return body;
    }

    /** The tokenizer the analysis plugin gives a cluster: the embedded index's own. */
    static final String PLUGIN_TOKENIZER = "opencontrail_log";

    /**
     * The index template every daily index is made from; {@code plugin}: the text is split by the
     * analysis plugin's tokenizer, otherwise by pattern analyzers that approach it.
     */
    ObjectNode template(OpenSearchSettings settings, boolean plugin) {
        ObjectNode template = OpenSearchClient.object();
        template.putArray("index_patterns").add(alias + "-*");
        template.put("priority", 100);
        ObjectNode body = template.putObject("template");
        body.putObject("aliases").putObject(alias);
        ObjectNode index = body.putObject("settings").putObject("index");
        index.put("number_of_shards", settings.shards())
                .put("number_of_replicas", settings.replicas())
                .put("refresh_interval", settings.refreshInterval().toMillis() + "ms");
        index.put("max_result_window", 10_000);
        if (!"default".equals(settings.codec())) {
            index.put("codec", settings.codec());
        }
        if (settings.segmentReplication()) {
            index.put("replication.type", "SEGMENT");
        }
        ObjectNode analysis = index.putObject("analysis");
        analysis.putObject("normalizer")
                .putObject("lower")
                .put("type", "custom")
                .putArray("filter")
                .add("lowercase");
        if (plugin) {
            ObjectNode tokenizers = analysis.putObject("tokenizer");
            tokenizers
                    .putObject("log_index_words")
                    .put("type", PLUGIN_TOKENIZER)
                    .put("camel_case", true);
            tokenizers
                    .putObject("log_query_words")
                    .put("type", PLUGIN_TOKENIZER)
                    .put("camel_case", false);
            ObjectNode analyzers = analysis.putObject("analyzer");
            analyzers.putObject("log_index").put("type", "custom").put("tokenizer", "log_index_words");
            analyzers.putObject("log_query").put("type", "custom").put("tokenizer", "log_query_words");
        } else {
            patternAnalysis(analysis);
        }
        body.set("mappings", mappings());
        return template;
    }

    /** Runs of letters and digits by a regular expression, and camelCase words by a pattern filter. */
    private static void patternAnalysis(ObjectNode analysis) {
        analysis.putObject("tokenizer")
                .putObject("log_runs")
                .put("type", "pattern")
                .put("pattern", RUNS);
        ObjectNode filters = analysis.putObject("filter");
        filters.putObject("log_long").put("type", "truncate").put("length", 255);
        ObjectNode words =
                filters.putObject("log_words").put("type", "pattern_capture").put("preserve_original", true);
        words.putArray("patterns").add(CAMEL_WORDS);
        ObjectNode analyzers = analysis.putObject("analyzer");
        ObjectNode indexed =
                analyzers.putObject("log_index").put("type", "custom").put("tokenizer", "log_runs");
        indexed.putArray("filter").add("log_long").add("log_words").add("lowercase");
        ObjectNode queried =
                analyzers.putObject("log_query").put("type", "custom").put("tokenizer", "log_runs");
        queried.putArray("filter").add("log_long").add("lowercase");
    }

    private static ObjectNode mappings() {
        ObjectNode mappings = OpenSearchClient.object();
        mappings.put("dynamic", false); // what is not mapped (prefixes, numbers, paths) is kept, not indexed
        mappings.putObject("_meta").put("format", FORMAT);
        ObjectNode properties = mappings.putObject("properties");
        properties
                .putObject(SearchFields.MESSAGE)
                .put("type", "text")
                .put("analyzer", "log_index")
                .put("search_analyzer", "log_query")
                .put("norms", false)
                .put("index_options", "positions")
                .put("position_increment_gap", 100); // a block's lines are values: no phrase crosses two
        for (String field : new String[] {SearchFields.LOGLEVEL, SearchFields.MODULE, SearchFields.SYSLOG_PROGRAM}) {
            keyword(properties, field);
        }
        for (String field : SearchFields.FILE_FIELDS) {
            keyword(properties, field);
        }
        properties.putObject(SearchFields.TIME).put("type", "date_range").put("format", "epoch_millis");
        properties.putObject(SearchFields.BUILD_TIME).put("type", "date").put("format", "epoch_millis");
        properties.putObject(SearchFields.LINE).put("type", "long");
        properties.putObject(LineBlock.LAST).put("type", "long");
        properties.putObject(SearchFields.FILE).put("type", "keyword");
        properties.putObject(FILE_PATH).put("type", "keyword");
        properties.putObject(SearchFields.KIND).put("type", "keyword");
        for (Map.Entry<String, String> alias : SearchFields.ALIASES.entrySet()) {
            properties.putObject(alias.getKey()).put("type", "alias").put("path", alias.getValue());
        }
        return mappings;
    }

    private static void keyword(ObjectNode properties, String field) {
        properties.putObject(field).put("type", "keyword").put("normalizer", "lower");
    }
}
