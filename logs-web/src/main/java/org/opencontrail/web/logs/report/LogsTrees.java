package org.opencontrail.web.logs.report;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.logs.store.Sizes;
import org.opencontrail.web.logs.store.StoredObject;
import org.opencontrail.web.logs.urls.LogsUrls;
import org.opencontrail.web.shared.json.ForeignJson;

/**
 * A stored build's logs tree, from the {@code zuul-manifest.json} (or {@code .json.gz}) at its root:
 * Zuul's tree of {@code {name, mimetype, encoding, last_modified, size, children}}. At most
 * {@value #MAX_BYTES} bytes are read and {@value #MAX_NODES} entries listed; a name that would leave
 * its folder is left out; what cannot be read is said. The last few are kept by key and size.
 */
@Singleton
public final class LogsTrees {

    static final long MAX_BYTES = 16L << 20;
    static final int MAX_NODES = 5_000;
    private static final int MAX_DEPTH = 32;
    private static final List<String> NAMES = List.of("zuul-manifest.json", "zuul-manifest.json.gz");

    private final RootFiles<LogsTree> trees;

    LogsTrees(LogStore store) {
        this.trees = new RootFiles<>(store, NAMES, LogsTrees::read);
    }

    /** The tree of the build whose folder is {@code root}; none when it kept no manifest. */
    public Optional<LogsTree> of(String root) throws IOException {
        return trees.of(root);
    }

    private static LogsTree read(String name, StoredObject object, InputStream in) {
        if (object.size() > MAX_BYTES) {
            return new LogsTree(
                    List.of(),
                    0,
                    0,
                    List.of(name + " is " + Sizes.human(object.size()) + ", more than a page reads: the"
                            + " folder's listing below has every file"));
        }
        String folder = object.key().substring(0, object.key().length() - name.length());
        try (InputStream stream = RootFiles.inflated(in)) {
            return read(ForeignJson.tree(stream.readNBytes((int) MAX_BYTES)), folder);
        } catch (IOException e) { // not JSON, a .gz that is not gzip, a store failing mid-way
            return new LogsTree(List.of(), 0, 0, List.of(name + " cannot be read: " + e.getMessage()));
        }
    }

    /** A manifest's tree; {@code folder} is the build's folder in the store, ending with a slash. */
    static LogsTree read(JsonNode manifest, String folder) {
        Counts counts = new Counts();
        List<String> problems = new ArrayList<>();
        JsonNode tree = manifest.path("tree");
        if (!tree.isArray()) {
            problems.add("zuul-manifest.json has no tree");
            return new LogsTree(List.of(), 0, 0, problems);
        }
        List<LogsTree.Node> nodes = nodes(tree, folder, 0, counts, problems);
        return new LogsTree(nodes, counts.files, counts.left, problems);
    }

    private static final class Counts {
        int listed;
        long files;
        long left;
    }

    private static List<LogsTree.Node> nodes(
            JsonNode entries, String prefix, int depth, Counts counts, List<String> problems) {
        List<LogsTree.Node> nodes = new ArrayList<>();
        for (JsonNode entry : entries) {
            String name = entry.path("name").asText("");
            if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")) {
                if (problems.isEmpty() || !problems.get(problems.size() - 1).startsWith("entries without a plain")) {
                    problems.add("entries without a plain name are left out");
                }
                continue;
            }
            boolean folder = entry.path("mimetype").asText("").equals("application/directory")
                    || entry.path("children").isArray();
            if (counts.listed >= MAX_NODES || (folder && depth >= MAX_DEPTH)) {
                counts.left++;
                continue;
            }
            counts.listed++;
            String key = prefix + name;
            if (folder) {
                List<LogsTree.Node> children = nodes(entry.path("children"), key + "/", depth + 1, counts, problems);
                nodes.add(new LogsTree.Node(name, LogsUrls.folder(key), "", true, children));
            } else {
                counts.files++;
                JsonNode size = entry.path("size");
                nodes.add(new LogsTree.Node(
                        name,
                        LogsUrls.file(key),
                        size.canConvertToLong() && size.asLong() >= 0 ? Sizes.human(size.asLong()) : "",
                        false,
                        List.of()));
            }
        }
        return nodes;
    }
}
