package org.opencontrail.web.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.opencontrail.web.fixtures.Http;

/**
 * Follows the links of the suite's sites from where it is told to start, as a crawler does: every
 * address on those sites, one of each kind (its path with the segments that name or number something
 * masked, and its query's names) up to a number of each kind and of each site. Feeds, JSON, badges
 * and archives are fetched too (they are what a crawler fetches); event streams are not.
 */
final class SiteWalk {

    /** Addresses never followed: endless streams, and what takes long to send. */
    private static final Pattern NOT_FOLLOWED =
            Pattern.compile("/api/stream|/info/refs|\\.tar\\.gz$|\\.zip$|/\\+archive/");

    /** What one address answered. */
    record Visit(URI uri, int status, String contentType, String body) {}

    private SiteWalk() {}

    /**
     * Which address a walk visits next: breadth first from where it started, each address once, on
     * the given ports only, none that {@code skipped} matches, at most {@code perKind} of a kind and
     * {@code perSite} of a site.
     */
    static final class Frontier {
        private final Deque<URI> queue;
        private final Set<URI> seen = new LinkedHashSet<>();
        private final Map<String, Integer> kinds = new HashMap<>();
        private final Map<Integer, Integer> sites = new HashMap<>();
        private final Set<Integer> ports;
        private final Pattern skipped;
        private final int perKind;
        private final int perSite;

        Frontier(Collection<URI> start, Set<Integer> ports, Pattern skipped, int perKind, int perSite) {
            this.queue = new ArrayDeque<>(start);
            this.ports = ports;
            this.skipped = skipped;
            this.perKind = perKind;
            this.perSite = perSite;
        }

        /** The next address to visit, empty when the walk is over. */
        Optional<URI> next() {
            while (!queue.isEmpty()) {
                URI uri = queue.poll();
                if (seen.add(uri)
                        && ports.contains(uri.getPort())
                        && !skipped.matcher(uri.toString()).find()
                        && kinds.merge(kind(uri), 1, Integer::sum) <= perKind
                        && sites.merge(uri.getPort(), 1, Integer::sum) <= perSite) {
                    return Optional.of(uri);
                }
            }
            return Optional.empty();
        }

        /** Links a visited page has (absolute, fragments dropped); those not on the web are ignored. */
        void add(Collection<String> links) {
            for (String link : links) {
                String address = link.replaceAll("#.*", "");
                if (address.startsWith("http")) {
                    try {
                        queue.add(URI.create(address));
                    } catch (IllegalArgumentException notAnAddress) {
                        // a link no browser follows either
                    }
                }
            }
        }
    }

    /** Walks from {@code start}, over the given ports only. */
    static List<Visit> walk(Collection<URI> start, Set<Integer> ports, int perKind, int perSite)
            throws IOException, InterruptedException {
        Http http = Http.plain();
        Frontier frontier = new Frontier(start, ports, NOT_FOLLOWED, perKind, perSite);
        List<Visit> visits = new ArrayList<>();
        for (Optional<URI> next = frontier.next(); next.isPresent(); next = frontier.next()) {
            URI uri = next.get();
            HttpResponse<String> answer = http.timeout(Duration.ofSeconds(30)).get(uri);
            String type = answer.headers().firstValue("Content-Type").orElse("");
            visits.add(new Visit(uri, answer.statusCode(), type, answer.body()));
            if (type.startsWith("text/html")) {
                frontier.add(Jsoup.parse(answer.body(), uri.toString()).select("a[href], img[src], link[href]").stream()
                        .map(e -> e.absUrl(e.hasAttr("src") ? "src" : "href"))
                        .toList());
            }
        }
        return List.copyOf(visits);
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
