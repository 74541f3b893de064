package org.opencontrail.web.logs.urls;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.opencontrail.web.logs.store.StoreKeys;

/**
 * Every address of the logs site, built in one place for pages, JSON and redirects alike: stored
 * files and folders at their keys (each byte that needs it percent-encoded), a line of a file,
 * searches, signatures and a log's anomalies.
 */
public final class LogsUrls {

    private LogsUrls() {}

    /** A stored file's page. */
    public static String file(String key) {
        return "/" + StoreKeys.urlPath(key);
    }

    /** A line of a stored file, as the viewer anchors it. */
    public static String line(String key, long line) {
        return file(key) + "#L" + line;
    }

    /** A stored file's bytes as written. */
    public static String raw(String key) {
        return file(key) + "?raw";
    }

    /** A folder's page (a build's root is one): its address ends with a slash. */
    public static String folder(String key) {
        String url = file(key);
        return url.endsWith("/") ? url : url + "/";
    }

    /** An entry of a folder's listing, relative to the folder's page. */
    public static String entry(String name, boolean folder) {
        return StoreKeys.urlPath(name) + (folder ? "/" : "");
    }

    /** A stored file's lines that do not appear in the same job's passing runs. */
    public static String anomalies(String key) {
        return "/anomalies/" + StoreKeys.urlPath(key);
    }

    /** A search of every log. */
    public static String search(String query) {
        return "/search?q=" + query(query);
    }

    /**
     * A search of every log as its form narrows it: a time range ({@code 24h}) or a start and an end, a lowest level
     * of the lines, and a page of hits. Empty values and the first page are left out of the address.
     */
    public static String search(String query, String range, String from, String to, String level, int page) {
        StringBuilder url = new StringBuilder(search(query));
        parameter(url, "range", range);
        parameter(url, "from", from);
        parameter(url, "to", to);
        parameter(url, "level", level);
        parameter(url, "page", page > 1 ? Integer.toString(page) : "");
        return url.toString();
    }

    /** A search's answer as JSON. */
    public static String searchJson(String query) {
        return "/api/search?q=" + query(query);
    }

    /** A known failure on the failures page. */
    public static String signature(String id) {
        return "/failures" + signatureAnchor(id);
    }

    /** The form of a new signature, its query filled in. */
    public static String newSignature(String query) {
        return "/failures/new?query=" + query(query);
    }

    /** A known failure on the failures page, from that page itself. */
    public static String signatureAnchor(String id) {
        return "#sig-" + id;
    }

    /** A proposed signature on the page of proposals. */
    public static String proposal(String id) {
        return "/failures/proposals#proposal-" + id;
    }

    /** Where a reviewer accepts a proposed signature (a form's POST). */
    public static String acceptProposal(String id) {
        return "/failures/proposals/" + path(id) + "/accept";
    }

    /** Where a reviewer rejects a proposed signature (a form's POST). */
    public static String rejectProposal(String id) {
        return "/failures/proposals/" + path(id) + "/reject";
    }

    /** A build's page: where its logs are, found by its uuid. */
    public static String build(String uuid) {
        return "/build/" + path(uuid);
    }

    /**
     * Where something a build published is now: under {@code here} when it was under the build's old
     * log folder (Zuul's log server, which may have purged it), else where it was.
     */
    public static String moved(String url, String oldFolder, String here) {
        if (oldFolder.isBlank()) {
            return url;
        }
        String old = oldFolder.endsWith("/") ? oldFolder : oldFolder + "/";
        return url.startsWith(old) ? (here.endsWith("/") ? here : here + "/") + url.substring(old.length()) : url;
    }

    /** A link a page may carry: an address of the web (http, https) or of this site; anything else none. */
    public static java.util.Optional<String> safe(String url) {
        String lower = url.strip().toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("https://")
                        || lower.startsWith("http://")
                        || (lower.startsWith("/") && !lower.startsWith("//"))
                ? java.util.Optional.of(url.strip())
                : java.util.Optional.empty();
    }

    /** A running build's live console. */
    public static String stream(String uuid) {
        return "/stream/" + path(uuid);
    }

    /** The Server-Sent Events of a running build's live console. */
    public static String streamEvents(String uuid) {
        return stream(uuid) + "/events";
    }

    /** Every known failure. */
    public static String failures() {
        return "/failures";
    }

    /** The failures no signature knows yet, to be classified. */
    public static String fingerprints() {
        return "/failures/fingerprints";
    }

    /** A buildset's page: its builds on a timeline. */
    public static String buildset(String uuid) {
        return "/buildset/" + path(uuid);
    }

    /**
     * A list of builds or buildsets ({@code /builds}, {@code /buildsets}, or their API) with the
     * filters of Zuul's builds API, each value of each parameter in order; empty values left out.
     */
    public static String list(String path, java.util.Map<String, java.util.List<String>> parameters) {
        StringBuilder url = new StringBuilder(path);
        char separator = '?';
        for (java.util.Map.Entry<String, java.util.List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                if (!value.isEmpty()) {
                    url.append(separator)
                            .append(query(parameter.getKey()))
                            .append('=')
                            .append(query(value));
                    separator = '&';
                }
            }
        }
        return url.toString();
    }

    /** A test's history page. */
    public static String test(String testId) {
        return "/test/" + testPath(testId);
    }

    /** A test's history, as JSON. */
    public static String testJson(String testId) {
        return "/api/test/" + testPath(testId);
    }

    /** A test's id in a path: its {@code +} encoded too, which the server would read as a space. */
    private static String testPath(String testId) {
        return StoreKeys.urlPath(testId).replace("+", "%2B");
    }

    /** Tests found by part of their id. */
    public static String tests(String query) {
        return query.isEmpty() ? "/tests" : "/tests?q=" + query(query);
    }

    /** A job's page: its run time, failure rate and tests. */
    public static String job(String name) {
        return "/job/" + path(name);
    }

    /** A query parameter appended when it has a value. */
    private static void parameter(StringBuilder url, String name, String value) {
        if (!value.isEmpty()) {
            url.append('&').append(name).append('=').append(query(value));
        }
    }

    /** One segment of a path, percent-encoded. */
    private static String path(String segment) {
        return query(segment).replace("+", "%20");
    }

    private static String query(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
