package org.opencontrail.web.logs.search;

import java.util.List;
import org.opencontrail.web.logs.urls.LogsUrls;

/**
 * An indexed file.
 *
 * @param id       its id in the index (a hash of build uuid and path)
 * @param uuid     its build
 * @param path     its path under the build's folder, as stored ({@code logs/syslog.txt.gz})
 * @param filename logstash's filename: the path without {@code .gz}
 * @param tags     logstash's tags: the base name, {@code console}, {@code screen}...
 * @param lines    lines indexed
 */
public record FileFacts(long id, String uuid, String path, String filename, List<String> tags, long lines) {

    /** The id of a build's file: stable, so a build indexed again replaces its documents. */
    public static long idOf(String uuid, String path) {
        long hash = 0xcbf29ce484222325L;
        String key = uuid + '/' + path;
        for (int i = 0; i < key.length(); i++) {
            hash ^= key.charAt(i);
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return hash;
    }

    public static String term(long id) {
        return Long.toHexString(id);
    }

    /** A line of this file in the viewer: the build's folder, the file's path, the line's anchor. */
    public String url(BuildFacts build, long line) {
        String root = build.root().endsWith("/") ? build.root() : build.root() + "/";
        return LogsUrls.line(root + path, line);
    }

    public static String filenameOf(String path) {
        return path.endsWith(".gz") ? path.substring(0, path.length() - 3) : path;
    }
}
