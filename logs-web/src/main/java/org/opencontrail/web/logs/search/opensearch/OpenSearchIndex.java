package org.opencontrail.web.logs.search.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.lines.LineClassifier;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.search.BuildDocuments;
import org.opencontrail.web.logs.search.BuildFacts;
import org.opencontrail.web.logs.search.BuildIndexed;
import org.opencontrail.web.logs.search.Catalog;
import org.opencontrail.web.logs.search.FileFacts;
import org.opencontrail.web.logs.search.IndexedBuild;
import org.opencontrail.web.logs.search.SearchFields;
import org.opencontrail.web.logs.search.SearchIndex;
import org.opencontrail.web.logs.search.SearchSettings;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.logs.store.LogsSettings;
import org.opencontrail.web.shared.json.ForeignJson;
import org.opencontrail.web.shared.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search index on an OpenSearch cluster that every replica shares. A build's lines go in bulk
 * requests of at most {@code bulkBytes}, one at a time per indexing thread, so that a cluster that
 * falls behind slows ingest down instead of being flooded (a request it pushes back, 429, is sent
 * again after a growing wait); the last waits for a refresh, so that a build is acknowledged once
 * searches see it. The catalog of builds and files is read from the cluster at start.
 */
@Singleton
@Requires(property = "logs.search.opensearch.hosts")
public final class OpenSearchIndex implements SearchIndex {

    private static final Logger LOG = LoggerFactory.getLogger(OpenSearchIndex.class);
    private static final int PUSHED_BACK_TRIES = 8;

    private final OpenSearchClient client;
    private final OpenSearchSettings settings;
    private final IndexLayout layout;
    private final BuildDocuments documents;
    private final ApplicationEventPublisher<BuildIndexed> events;
    private final Catalog catalog = Catalog.empty();
    private final Duration retention;
    private volatile Boolean fresh;
    /** Whether the template splits text with the analysis plugin's tokenizer. */
    private volatile boolean plugin;

    private volatile boolean managedByIsm;
    private volatile String writeProblem = "";
    /** Whether the catalog was read from the cluster: before, nothing is known to be lacking. */
    private volatile boolean catalogRead;

    OpenSearchIndex(
            OpenSearchClient client,
            OpenSearchSettings settings,
            LogStore store,
            SearchSettings search,
            LogsSettings logs,
            ApplicationEventPublisher<BuildIndexed> events,
            MeterRegistry meters) {
        this.client = client;
        this.retention = logs.retention();
        this.settings = settings;
        this.layout = new IndexLayout(settings.index());
        this.documents = new BuildDocuments(store, search);
        this.events = events;
        Gauge.builder("logs_index_builds", catalog, c -> c.builds().size())
                .description("builds in the search index")
                .register(meters);
        Gauge.builder("logs_index_files", catalog, Catalog::fileCount)
                .description("files in the search index")
                .register(meters);
    }

    String alias() {
        return layout.alias();
    }

    /** Puts the template in place and reads the catalog, once the app is up. */
    @EventListener
    void onStartup(StartupEvent started) {
        try {
            fresh();
            managedByIsm = retentionPolicy();
            loadCatalog();
            catalogRead = true;
        } catch (IOException | RuntimeException e) {
            writeProblem = "the OpenSearch cluster cannot be read: " + e.getMessage();
            LOG.warn("Reading the search index on OpenSearch at {} failed: {}", settings.hosts(), e.getMessage());
        }
    }

    @Override
    public boolean lacks(String uuid) {
        return catalogRead && catalog().build(uuid).isEmpty();
    }

    /** True when this replica made the index template (a new cluster): every stored build is then indexed. */
    @Override
    public boolean fresh() {
        if (fresh == null) {
            synchronized (this) {
                if (fresh == null) {
                    try {
                        String path = "/_index_template/" + layout.alias();
                        boolean made = !client.exists(path);
                        int format = made ? IndexLayout.FORMAT : formatOf(client.send("GET", path, null));
                        plugin = usesPlugin();
                        client.send(
                                "PUT",
                                path,
                                layout.template(settings, plugin)); // kept up to date with this version's mapping
                        if (format != IndexLayout.FORMAT) {
                            dropDailyIndices(format);
                        }
                        fresh = made || format != IndexLayout.FORMAT;
                    } catch (IOException e) {
                        LOG.warn("Cannot put the index template on OpenSearch: {}", e.getMessage());
                        return false;
                    }
                }
            }
        }
        return fresh;
    }

    /** Whether text is split by the analysis plugin: as set, or, on {@code auto}, where the cluster has it. */
    private boolean usesPlugin() throws IOException {
        if ("pattern".equals(settings.analysis())) {
            return false;
        }
        ObjectNode probe = OpenSearchClient.object().put("text", "InterruptedIOException");
        probe.putObject("tokenizer").put("type", IndexLayout.PLUGIN_TOKENIZER);
        try {
            client.send("POST", "/_analyze", probe);
            return true;
        } catch (OpenSearchException e) {
            if (e.status() != 400) {
                throw e;
            }
            if ("plugin".equals(settings.analysis())) {
                throw new IOException("logs.search.opensearch.analysis is plugin, but the cluster has no "
                        + IndexLayout.PLUGIN_TOKENIZER + " tokenizer: install the log-analysis plugin on every node");
            }
            LOG.info(
                    "The cluster has no {} tokenizer (the log-analysis plugin): text is split by pattern analyzers",
                    IndexLayout.PLUGIN_TOKENIZER);
            return false;
        }
    }

    private static String and(String parameter) {
        return parameter.isEmpty() ? "" : "&" + parameter;
    }

    private static String query(String parameter) {
        return parameter.isEmpty() ? "" : "?" + parameter;
    }

    private static int formatOf(JsonNode templates) {
        return templates
                .path("index_templates")
                .path(0)
                .path("index_template")
                .path("template")
                .path("mappings")
                .path("_meta")
                .path("format")
                .asInt(1); // the first format wrote no mark
    }

    /** The daily indices of an older format: dropped, to be made again from the stored builds. */
    private void dropDailyIndices(int format) throws IOException {
        if (!client.exists("/_alias/" + layout.alias())) {
            return;
        }
        for (JsonNode index : client.send("GET", "/_cat/indices/" + layout.alias() + "-*?format=json&h=index", null)) {
            String name = index.path("index").asText();
            if (layout.isDaily(name)) {
                client.send("DELETE", "/" + name, null);
            }
        }
        LOG.warn(
                "The search index on OpenSearch ({}) was of format {}, this version writes {}: every stored build is"
                        + " indexed again",
                layout.alias(),
                format,
                IndexLayout.FORMAT);
    }

    private void loadCatalog() throws IOException {
        if (!client.exists("/_alias/" + layout.alias())) {
            return;
        }
        ObjectNode query = OpenSearchClient.object().put("size", 1000);
        query.putObject("query")
                .putObject("terms")
                .putArray(SearchFields.KIND)
                .add("build")
                .add("file");
        JsonNode page = client.send(
                "POST", "/" + layout.alias() + "/_search?scroll=1m" + and(settings.searchPreference()), query);
        List<JsonNode> files = new ArrayList<>();
        while (true) {
            JsonNode hits = page.path("hits").path("hits");
            if (hits.isEmpty()) {
                break;
            }
            for (JsonNode hit : hits) {
                JsonNode source = hit.path("_source");
                if ("build".equals(source.path(SearchFields.KIND).asText())) {
                    catalog.put(buildOf(source), List.of());
                } else {
                    files.add(source);
                }
            }
            ObjectNode next = OpenSearchClient.object()
                    .put("scroll", "1m")
                    .put("scroll_id", page.path("_scroll_id").asText());
            page = client.send("POST", "/_search/scroll", next);
        }
        Map<String, List<FileFacts>> byBuild = new LinkedHashMap<>();
        for (JsonNode source : files) {
            FileFacts file = fileOf(source);
            byBuild.computeIfAbsent(file.uuid(), u -> new ArrayList<>()).add(file);
        }
        byBuild.forEach((uuid, of) -> catalog.build(uuid).ifPresent(build -> catalog.put(build, of)));
        LOG.info(
                "Search index on OpenSearch ({}): {} builds, {} files",
                layout.alias(),
                catalog.builds().size(),
                catalog.fileCount());
    }

    /**
     * Where the cluster has Index State Management (OpenSearch's distributions do), a policy that
     * deletes each daily index once it is {@code logs.retention} old, given to every new daily index;
     * true when it is in place. Without it, {@link #expire} drops the old days itself.
     */
    private boolean retentionPolicy() throws IOException {
        if (retention.isZero() || retention.isNegative()) {
            return false;
        }
        JsonNode plugins = client.send("GET", "/_cat/plugins?format=json", null);
        boolean ism = false;
        for (JsonNode plugin : plugins) {
            ism |= plugin.path("component").asText().contains("index-management");
        }
        if (!ism) {
            LOG.info(
                    "The cluster has no Index State Management: this site deletes daily indices older than {} itself",
                    retention);
            return false;
        }
        client.send(
                "PUT", "/_plugins/_ism/policies/" + layout.alias() + "-retention", layout.retentionPolicy(retention));
        return true;
    }

    /**
     * Drops the daily indices wholly older than the cutoff (unless Index State Management does), and
     * the builds of before it from the catalog.
     */
    @Override
    public int expire(Instant cutoff) throws IOException {
        long before = cutoff.toEpochMilli();
        List<BuildFacts> old =
                catalog.builds().stream().filter(b -> b.time() < before).toList();
        if (!managedByIsm && client.exists("/_alias/" + layout.alias())) {
            String lastDropped = layout.dailyIndex(before - Duration.ofDays(1).toMillis());
            for (JsonNode index :
                    client.send("GET", "/_cat/indices/" + layout.alias() + "-*?format=json&h=index", null)) {
                String name = index.path("index").asText();
                if (name.compareTo(lastDropped) <= 0 && layout.isDaily(name)) {
                    client.send("DELETE", "/" + name, null);
                    LOG.info("Deleted daily index {}: older than {}", name, retention);
                }
            }
        }
        for (BuildFacts build : old) {
            if (layout.dailyIndex(build.time()).compareTo(layout.dailyIndex(before)) >= 0) {
                removeDocuments(
                        build.uuid(), true); // the day of the cutoff is kept, but not its builds before the cutoff
            }
            catalog.remove(build.uuid());
        }
        return old.size();
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public IndexedBuild index(BuildRecord record) throws IOException {
        fresh();
        BuildFacts build = BuildFacts.of(record);
        if (catalog.build(build.uuid()).isPresent()) {
            // indexed before: its old lines go (a new build has none; the catalog is read from the cluster at start),
            // and the last bulk request's refresh makes the deletion seen with the new lines
            removeDocuments(build.uuid(), false);
        }
        Bulk bulk = new Bulk(layout.dailyIndex(build.time()));
        IndexedBuild indexed = documents.read(build, bulk);
        bulk.send(true);
        catalog.put(build, indexed.indexed());
        writeProblem = "";
        events.publishEvent(new BuildIndexed(build, indexed.indexed()));
        return indexed;
    }

    /** The cluster holds it already (another replica indexed it): only the catalog here learns its files. */
    @Override
    public void adopt(BuildRecord record) throws IOException {
        BuildFacts build = BuildFacts.of(record);
        ObjectNode query = OpenSearchClient.object().put("size", 10_000);
        ArrayNode filter = query.putObject("query").putObject("bool").putArray("filter");
        filter.addObject()
                .putObject("term")
                .put(SearchFields.BUILD_UUID, build.uuid().toLowerCase(Locale.ROOT));
        filter.addObject().putObject("term").put(SearchFields.KIND, "file");
        List<FileFacts> files = new ArrayList<>();
        for (JsonNode hit : client.send(
                        "POST", "/" + layout.alias() + "/_search" + query(settings.searchPreference()), query)
                .path("hits")
                .path("hits")) {
            files.add(fileOf(hit.path("_source")));
        }
        catalog.put(build, files);
        events.publishEvent(new BuildIndexed(build, files));
    }

    @Override
    public void remove(String uuid) throws IOException {
        removeDocuments(uuid, true);
        catalog.remove(uuid);
    }

    private void removeDocuments(String uuid, boolean refresh) throws IOException {
        if (!client.exists("/_alias/" + layout.alias())) {
            return;
        }
        ObjectNode query = OpenSearchClient.object();
        query.putObject("query").putObject("term").put(SearchFields.BUILD_UUID, uuid.toLowerCase(Locale.ROOT));
        client.send("POST", "/" + layout.alias() + "/_delete_by_query?conflicts=proceed&refresh=" + refresh, query);
    }

    @Override
    public String writeProblem() {
        return writeProblem;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cluster", String.join(",", settings.hosts()));
        details.put("alias", layout.alias());
        details.put("analysis", plugin ? IndexLayout.PLUGIN_TOKENIZER : "pattern");
        try {
            details.put(
                    "documents",
                    client.exists("/_alias/" + layout.alias())
                            ? client.send("GET", "/" + layout.alias() + "/_count", null)
                                    .path("count")
                                    .asLong()
                            : 0);
        } catch (IOException e) {
            throw new IllegalStateException("the OpenSearch cluster does not answer: " + e.getMessage(), e);
        }
        return details;
    }

    /** The fields of a build, on each of its documents. */
    private static void buildFields(ObjectNode doc, BuildFacts build) {
        build.fields().forEach(doc::put);
        doc.put(SearchFields.BUILD_TIME, build.time());
    }

    private static void fileFields(ObjectNode doc, FileFacts file) {
        doc.put(SearchFields.FILE, FileFacts.term(file.id()));
        doc.put(SearchFields.FILENAME, file.filename());
        ArrayNode tags = doc.putArray(SearchFields.TAGS);
        file.tags().forEach(tags::add);
    }

    private static BuildFacts buildOf(JsonNode source) {
        return new BuildFacts(
                source.path(SearchFields.BUILD_UUID).asText(),
                source.path(SearchFields.BUILD_NAME).asText(""),
                source.path(SearchFields.PROJECT).asText(""),
                source.path(SearchFields.BUILD_BRANCH).asText(""),
                source.path(SearchFields.BUILD_QUEUE).asText(""),
                source.path(SearchFields.BUILD_CHANGE).asText(""),
                source.path(SearchFields.BUILD_PATCHSET).asText(""),
                source.path(SearchFields.BUILD_STATUS).asText(""),
                "1".equals(source.path(SearchFields.VOTING).asText()),
                source.path(SearchFields.BUILD_NODE).asText(""),
                source.path(SearchFields.BUILD_REF).asText(""),
                source.path(SearchFields.BUILD_TIME).asLong(),
                source.path("root").asText(""));
    }

    private static FileFacts fileOf(JsonNode source) {
        String filename = source.path(SearchFields.FILENAME).asText();
        return new FileFacts(
                source.path(SearchFields.FILE_ID).asLong(),
                source.path(SearchFields.BUILD_UUID).asText(),
                source.path(IndexLayout.FILE_PATH).asText(),
                filename,
                SearchFields.tagsOf(filename),
                source.path(SearchFields.LINES).asLong());
    }

    /** A build's documents as bulk requests: sent when one is full, the last once the build is read. */
    private final class Bulk implements BuildDocuments.Sink {

        private final String index;
        private final StringBuilder body = new StringBuilder();
        private final Map<Long, ObjectNode> fileFields = new LinkedHashMap<>();
        private LineBlock block;
        private long blockIndex;
        private ObjectNode blockFields;
        private final Backoff pushedBack =
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), new SplittableRandom());

        Bulk(String index) {
            this.index = index;
        }

        @Override
        public void line(
                BuildFacts build,
                long fileId,
                String path,
                long number,
                String text,
                LineClassifier.Classified classified,
                Severity carried)
                throws IOException {
            long k = LineBlock.indexOf(number, settings.blockLines());
            if (block != null && (block.file() != fileId || k != blockIndex)) {
                flushBlock();
            }
            if (block == null) {
                block = new LineBlock(fileId, number, carried);
                blockIndex = k;
                blockFields = fileFields.computeIfAbsent(fileId, id -> shared(build, id, path));
            }
            block.add(number, text, classified);
        }

        /** The block gathered so far, as one document with its file's fields. */
        private void flushBlock() throws IOException {
            if (block == null || block.isEmpty()) {
                block = null;
                return;
            }
            ObjectNode doc = blockFields.deepCopy();
            block.writeTo(doc);
            add(LineBlock.id(block.file(), blockIndex), doc);
            block = null;
        }

        /** The fields every block of a file carries: its build's, and the file's. */
        private ObjectNode shared(BuildFacts build, long fileId, String path) {
            ObjectNode doc = OpenSearchClient.object();
            buildFields(doc, build);
            String filename = FileFacts.filenameOf(path);
            fileFields(doc, new FileFacts(fileId, build.uuid(), path, filename, SearchFields.tagsOf(filename), 0));
            doc.put(IndexLayout.FILE_PATH, path);
            return doc;
        }

        @Override
        public void file(BuildFacts build, FileFacts file) throws IOException {
            flushBlock();
            fileFields.remove(file.id());
            ObjectNode doc = OpenSearchClient.object().put(SearchFields.KIND, "file");
            buildFields(doc, build);
            fileFields(doc, file);
            doc.put(SearchFields.FILE_ID, file.id())
                    .put(IndexLayout.FILE_PATH, file.path())
                    .put(SearchFields.LINES, file.lines());
            add("file-" + FileFacts.term(file.id()), doc);
        }

        @Override
        public void build(BuildFacts build) throws IOException {
            flushBlock();
            ObjectNode doc = OpenSearchClient.object().put(SearchFields.KIND, "build");
            buildFields(doc, build);
            doc.put("root", build.root());
            add("build-" + build.uuid(), doc);
        }

        private void add(String id, ObjectNode doc) throws IOException {
            ObjectNode action = OpenSearchClient.object();
            action.putObject("index").put("_index", index).put("_id", id);
            body.append(ForeignJson.write(action))
                    .append('\n')
                    .append(ForeignJson.write(doc))
                    .append('\n');
            if (body.length() >= settings.bulkBytes()) {
                send(false);
            }
        }

        /** Sends what is gathered; {@code last}: and waits until searches see it. */
        void send(boolean last) throws IOException {
            if (body.length() == 0 && !last) {
                return;
            }
            if (body.length() == 0) {
                client.send("POST", "/" + index + "/_refresh", null);
                return;
            }
            String request = body.toString();
            body.setLength(0);
            for (int attempt = 1; ; attempt++) {
                try {
                    JsonNode answer = client.bulk(
                            request,
                            last ? Map.of("refresh", settings.refreshesEachBuild() ? "true" : "wait_for") : Map.of());
                    if (!answer.path("errors").asBoolean(false)) {
                        return;
                    }
                    String failed = firstError(answer);
                    if (!failed.contains("rejected") || attempt >= PUSHED_BACK_TRIES) {
                        writeProblem = "OpenSearch refused documents: " + failed;
                        throw new OpenSearchException(400, failed);
                    }
                } catch (OpenSearchException e) {
                    if (!e.pushedBack() || attempt >= PUSHED_BACK_TRIES) {
                        writeProblem = e.getMessage();
                        throw e;
                    }
                } catch (IOException e) {
                    writeProblem = "OpenSearch cannot be reached: " + e.getMessage();
                    throw e;
                }
                sleep(pushedBack.next()); // the cluster pushes back: slow this build down, not the cluster
            }
        }

        private static String firstError(JsonNode answer) {
            for (JsonNode item : answer.path("items")) {
                JsonNode error = item.path("index").path("error");
                if (!error.isMissingNode()) {
                    return error.path("type").asText() + ": "
                            + error.path("reason").asText();
                }
            }
            return "an item failed";
        }

        private static void sleep(Duration wait) throws IOException {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while OpenSearch pushed back", e);
            }
        }
    }
}
