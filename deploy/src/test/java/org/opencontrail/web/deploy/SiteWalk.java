package org.opencontrail.web.deploy;

import org.jsoup.Jsoup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Follows the links of the suite's sites from where it is told to start, as a crawler does: every
 * address on those sites, one of each kind (its path with the segments that name or number something
 * masked, and its query's names) up to a number of each kind and of each site. Feeds, JSON, badges
 * and archives are fetched too (they are what a crawler fetches); event streams are not.
 */
final class SiteWalk {

    /** Addresses never followed: endless streams, and what takes long to send. */
    private static final Pattern NOT_FOLLOWED = Pattern.compile("/api/stream|/info/refs|\\.tar\\.gz$|\\.zip$|/\\+archive/");

    /** What one address answered. */
    record Visit(URI uri, int status, String contentType, String body) {
    }

    private SiteWalk() {
    }

    /** Walks from {@code start}, over the given ports only. */
    static List<Visit> walk(Collection<URI> start, Set<Integer> ports, int perKind, int perSite) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Deque<URI> queue = new ArrayDeque<>(start);
        Set<URI> seen = new LinkedHashSet<>();
        Map<String, Integer> kinds = new HashMap<>();
        Map<Integer, Integer> sites = new HashMap<>();
        Map<URI, Visit> visits = new LinkedHashMap<>();
        while (!queue.isEmpty()) {
            URI uri = queue.poll();
            if (!seen.add(uri) || !ports.contains(uri.getPort()) || NOT_FOLLOWED.matcher(uri.toString()).find()
                    || kinds.merge(kind(uri), 1, Integer::sum) > perKind || sites.merge(uri.getPort(), 1, Integer::sum) > perSite) {
                continue;
            }
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String type = answer.headers().firstValue("Content-Type").orElse("");
            visits.put(uri, new Visit(uri, answer.statusCode(), type, answer.body()));
            if (type.startsWith("text/html")) {
                Jsoup.parse(answer.body(), uri.toString()).select("a[href], img[src], link[href]").forEach(e -> {
                    String link = e.absUrl(e.hasAttr("src") ? "src" : "href").replaceAll("#.*", "");
                    if (link.startsWith("http")) {
                        try {
                            queue.add(URI.create(link));
                        } catch (IllegalArgumentException notAnAddress) {
                            // a link no browser follows either
                        }
                    }
                });
            }
        }
        return List.copyOf(visits.values());
    }

    /** An address's kind: its port, its path with every segment that names or numbers something masked, and its query's names. */
    static String kind(URI page) {
        StringBuilder kind = new StringBuilder().append(page.getPort());
        for (String segment : page.getPath().split("/")) {
            kind.append('/').append(segment.matches("[a-z]{1,12}|\\+[a-z]+") ? segment : "*");
        }
        if (page.getQuery() != null) {
            kind.append('?');
            for (String pair : page.getQuery().split("&")) {
                kind.append(pair.split("=")[0]).append('&');
            }
        }
        return kind.toString();
    }
}
