package org.opencontrail.web.logs.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.logs.store.StoreKeys;
import org.opencontrail.web.logs.store.StoredObject;
import org.opencontrail.web.shared.json.ForeignJson;

/**
 * Copies a build's files from its {@code log_url} into the store: by the build's
 * {@code zuul-manifest.json} when there is one, else by following the log server's HTML directory
 * indexes (same host, below the build's folder only, within the depth, file and byte limits).
 */
@Singleton
final class LogFetcher {

    /** A file to copy: its URL and its path under the build's folder. */
    record Remote(URI url, String path) {}

    private final LogStore store;
    private final IngestSettings settings;
    private final HttpClient http;

    LogFetcher(LogStore store, IngestSettings settings) {
        this.store = store;
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The files of the build at {@code logUrl}: listed, not yet copied. */
    List<Remote> list(String logUrl) throws IOException, InterruptedException {
        URI base = folderUri(logUrl);
        HttpResponse<InputStream> manifest = get(base.resolve("zuul-manifest.json"));
        try (InputStream body = manifest.body()) {
            if (manifest.statusCode() == 200) {
                List<Remote> files = new ArrayList<>();
                JsonNode tree;
                try {
                    tree = ForeignJson.tree(body).path("tree");
                } catch (IOException malformed) {
                    tree = null;
                }
                if (tree != null && tree.isArray()) {
                    walkManifest(base, "", tree, 0, files);
                    files.add(new Remote(base.resolve("zuul-manifest.json"), "zuul-manifest.json"));
                    return files;
                }
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        List<Remote> files = new ArrayList<>();
        crawl(base, base, 0, seen, files);
        return files;
    }

    private void walkManifest(URI base, String prefix, JsonNode children, int depth, List<Remote> files)
            throws IOException {
        for (JsonNode child : children) {
            String name = child.path("name").asText("");
            if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")) {
                continue;
            }
            String path = prefix + name;
            if (child.path("mimetype").asText().equals("application/directory") || child.has("children")) {
                if (depth < settings.maxDepth()) {
                    walkManifest(base, path + "/", child.path("children"), depth + 1, files);
                }
            } else {
                limitFiles(files);
                files.add(new Remote(base.resolve(StoreKeys.urlPath(path)), path));
            }
        }
    }

    private void crawl(URI base, URI folder, int depth, Set<String> seen, List<Remote> files)
            throws IOException, InterruptedException {
        if (!seen.add(folder.getPath())) {
            return;
        }
        HttpResponse<InputStream> page = get(folder);
        String html;
        try (InputStream body = page.body()) {
            if (page.statusCode() != 200) {
                throw new IOException(folder + " answered " + page.statusCode());
            }
            html = new String(body.readNBytes(8 * 1024 * 1024), StandardCharsets.UTF_8);
        }
        for (Element link : Jsoup.parse(html, folder.toString()).select("a[href]")) {
            String href = link.attr("href");
            if (href.isEmpty() || href.startsWith("?") || href.startsWith("#")) {
                continue; // sorting links of Apache's index, anchors
            }
            URI target;
            try {
                target = folder.resolve(href.replace(" ", "%20")).normalize();
            } catch (IllegalArgumentException bad) {
                continue;
            }
            if (target.getQuery() != null
                    || target.getFragment() != null
                    || !sameHost(base, target)
                    || target.getPath() == null
                    || !target.getPath().startsWith(base.getPath())
                    || (target.getPath().length() <= folder.getPath().length()
                            && target.getPath().endsWith("/"))) {
                continue; // another host, above the build (Parent Directory), or a folder not below this one
            }
            String path = URLDecoder.decode(
                    target.getRawPath().substring(base.getRawPath().length()).replace("+", "%2B"),
                    StandardCharsets.UTF_8);
            if (path.isEmpty()) {
                continue;
            }
            if (path.endsWith("/")) {
                if (depth < settings.maxDepth()) {
                    crawl(base, target, depth + 1, seen, files);
                }
            } else if (files.stream().noneMatch(f -> f.path().equals(path))) {
                limitFiles(files);
                files.add(new Remote(target, path));
            }
        }
    }

    private void limitFiles(List<Remote> files) throws IOException {
        if (files.size() >= settings.maxFiles()) {
            throw new LimitExceeded("more than " + settings.maxFiles() + " files");
        }
    }

    /** Copies one file into the store under the build's folder; null when the server no longer has it. */
    StoredObject copy(Remote remote, String root, long[] bytesSoFar) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = get(remote.url());
        try (InputStream body = response.body()) {
            if (response.statusCode() == 404 || response.statusCode() == 410) {
                return null;
            }
            if (response.statusCode() != 200) {
                throw new IOException(remote.url() + " answered " + response.statusCode());
            }
            InputStream counted = new FilterInputStream(body) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    count(b < 0 ? 0 : 1);
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    count(Math.max(0, n));
                    return n;
                }

                private void count(int n) throws IOException {
                    bytesSoFar[0] += n;
                    if (bytesSoFar[0] > settings.maxBytes()) {
                        throw new LimitExceeded("more than " + settings.maxBytes() + " bytes");
                    }
                }
            };
            return store.put(root + remote.path(), counted, null);
        }
    }

    private HttpResponse<InputStream> get(URI url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(settings.timeout())
                .header("User-Agent", "logs-web ingest")
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    private static boolean sameHost(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && a.getPort() == b.getPort();
    }

    private static URI folderUri(String logUrl) {
        URI uri = URI.create(logUrl.strip());
        if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
            throw new IllegalArgumentException("log_url is not an http(s) URL: " + logUrl);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.resolve(path.endsWith("/") ? path : path + "/");
    }

    /** A build beyond the configured limits: not retried. */
    static final class LimitExceeded extends IOException {
        LimitExceeded(String message) {
            super(message);
        }
    }
}
