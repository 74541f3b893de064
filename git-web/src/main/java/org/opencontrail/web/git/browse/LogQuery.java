package org.opencontrail.web.git.browse;

import java.util.Map;

/**
 * What a log page asks for besides its revision and path.
 *
 * @param start     the id to start from (the next page's cursor); empty: the revision itself
 * @param offset    commits to skip first (cgit's {@code ofs})
 * @param size      commits a page
 * @param author    only commits whose author matches (name or email, a substring)
 * @param committer only commits whose committer matches
 * @param grep      only commits whose message holds this text (no case)
 * @param noMerges  leave merge commits out
 */
public record LogQuery(
        String start, int offset, int size, String author, String committer, String grep, boolean noMerges) {

    static final int DEFAULT_SIZE = 100;
    static final int MOST = 500;

    static LogQuery of(Map<String, String> params) {
        int size = parse(params.get("n"), DEFAULT_SIZE);
        return new LogQuery(
                params.getOrDefault("s", ""),
                Math.max(0, parse(params.get("ofs"), 0)),
                Math.min(MOST, Math.max(1, size)),
                params.getOrDefault("author", "").strip(),
                params.getOrDefault("committer", "").strip(),
                params.getOrDefault("grep", "").strip(),
                params.containsKey("no-merges") && !"0".equals(params.get("no-merges")));
    }

    private static int parse(String value, int otherwise) {
        try {
            return value == null ? otherwise : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    public boolean filtered() {
        return !author.isEmpty() || !committer.isEmpty() || !grep.isEmpty() || noMerges;
    }

    /** The query string of the same filters from another start. */
    String from(String next) {
        StringBuilder q = new StringBuilder("?s=").append(next);
        if (size != DEFAULT_SIZE) {
            q.append("&n=").append(size);
        }
        append(q, "author", author);
        append(q, "committer", committer);
        append(q, "grep", grep);
        if (noMerges) {
            q.append("&no-merges=1");
        }
        return q.toString();
    }

    private static void append(StringBuilder q, String key, String value) {
        if (!value.isEmpty()) {
            q.append('&')
                    .append(key)
                    .append('=')
                    .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
