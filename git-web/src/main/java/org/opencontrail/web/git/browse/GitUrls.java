package org.opencontrail.web.git.browse;

import java.nio.charset.StandardCharsets;

/**
 * Every URL of the browser, built in one place, in Gitiles' scheme ({@code /PROJECT/+/REV/PATH},
 * {@code /PROJECT/+log/REV}, ...) so that Gerrit's gitiles links land here. Project names,
 * revisions and paths are percent-encoded a segment at a time; paths are taken as the bytes
 * git stores, so a file name that is not UTF-8 still has an address.
 */
public final class GitUrls {

    private GitUrls() {
    }

    /** The repository's summary page. */
    public static String project(String project) {
        return "/" + segments(project) + "/";
    }

    /** What {@code git clone} takes, under the site's own address. */
    public static String clone(String siteUrl, String project) {
        String base = siteUrl.endsWith("/") ? siteUrl.substring(0, siteUrl.length() - 1) : siteUrl;
        return base + "/" + segments(project);
    }

    /** A commit (or a tree or file at it, given a path). */
    public static String show(String project, String revision, byte[] path) {
        return "/" + segments(project) + "/+/" + segments(revision) + (path.length == 0 ? "" : "/" + pathSegments(path));
    }

    public static String show(String project, String revision, String path) {
        return show(project, revision, path.getBytes(StandardCharsets.UTF_8));
    }

    public static String commit(String project, String revision) {
        return "/" + segments(project) + "/+/" + segments(revision);
    }

    /** The root tree at a revision: Gitiles' {@code /+/REV/} (the trailing slash tells a tree from a commit). */
    public static String tree(String project, String revision) {
        return "/" + segments(project) + "/+/" + segments(revision) + "/";
    }

    /** A commit's diff against its first parent. */
    public static String diff(String project, String commit) {
        return "/" + segments(project) + "/+/" + commit + "%5E!/";
    }

    /** The changes between two revisions. */
    public static String compare(String project, String from, String to) {
        return "/" + segments(project) + "/+/" + segments(from) + ".." + segments(to) + "/";
    }

    public static String log(String project, String revision, byte[] path) {
        return "/" + segments(project) + "/+log/" + segments(revision) + (path.length == 0 ? "" : "/" + pathSegments(path));
    }

    public static String log(String project, String revision) {
        return log(project, revision, new byte[0]);
    }

    public static String blame(String project, String revision, byte[] path) {
        return "/" + segments(project) + "/+blame/" + segments(revision) + "/" + pathSegments(path);
    }

    /** The bytes of a file as stored, with a guessed content type (ours; Gitiles has {@code ?format=TEXT}). */
    public static String raw(String project, String revision, byte[] path) {
        return "/" + segments(project) + "/+raw/" + segments(revision) + "/" + pathSegments(path);
    }

    public static String refs(String project) {
        return "/" + segments(project) + "/+refs";
    }

    /** An archive of a revision ({@code tar.gz} or {@code zip}), of one folder when a path is given. */
    public static String archive(String project, String revision, String format, byte[] path) {
        return "/" + segments(project) + "/+archive/" + segments(revision) + "." + format + (path.length == 0 ? "" : "/" + pathSegments(path));
    }

    /** A commit's review, gate run and post jobs. */
    public static String ci(String project, String commit) {
        return "/" + segments(project) + "/+ci/" + commit;
    }

    /** The last commit of each entry of a folder, as JSON. */
    public static String lastChanges(String project, String revision, byte[] path) {
        return "/" + segments(project) + "/+lastchanges/" + segments(revision) + (path.length == 0 ? "" : "/" + pathSegments(path));
    }

    /** The Atom feed of a branch. */
    public static String atom(String project, String branch) {
        return "/" + segments(project) + "/+atom/" + segments(branch);
    }

    /** Segments of a slash-separated name, each percent-encoded. */
    static String segments(String name) {
        return pathSegments(name.getBytes(StandardCharsets.UTF_8));
    }

    /** Percent-encodes bytes, keeping slashes and the characters safe in a path. */
    static String pathSegments(byte[] path) {
        StringBuilder out = new StringBuilder(path.length + 16);
        for (byte b : path) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '/' || c == '-' || c == '.' || c == '_'
                    || c == '~' || c == '@' || c == ':' || c == ',' || c == '=' || c == '!' || c == '$' || c == '*' || c == '(' || c == ')') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Decodes percent escapes of a raw URL path into the bytes they stand for (a bad escape is kept as written). */
    static byte[] decode(String rawPath) {
        byte[] in = rawPath.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            int h;
            int l;
            if (in[i] == '%' && i + 2 < in.length && (h = Character.digit(in[i + 1], 16)) >= 0 && (l = Character.digit(in[i + 2], 16)) >= 0) {
                out.write(h << 4 | l);
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toByteArray();
    }
}
