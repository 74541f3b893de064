package org.opencontrail.web.git.browse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A browser URL taken apart: the project, the view ({@code +}, {@code +log}, {@code +blame}...;
 * empty when the URL has none, as in cgit's) and the segments after it, as bytes (file names
 * need not be UTF-8).
 *
 * @param project       the project's name
 * @param view          the view marker, empty when there is none
 * @param rest          the segments after the project (and the marker), decoded to bytes
 * @param trailingSlash whether the URL ended with a slash
 */
public record GitRequest(String project, String view, List<byte[]> rest, boolean trailingSlash) {

    /**
     * Parses a raw (still percent-encoded) path. With a view marker the project is what comes before
     * it; without one, the longest leading run of segments that names a known project.
     */
    public static Optional<GitRequest> parse(String rawPath, Predicate<String> isProject) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        boolean trailingSlash = path.endsWith("/");
        List<byte[]> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(GitUrls.decode(segment));
            }
        }
        for (int i = 0; i < segments.size(); i++) {
            byte[] segment = segments.get(i);
            if (segment.length > 0 && segment[0] == '+') {
                if (i == 0) {
                    return Optional.empty();
                }
                return Optional.of(new GitRequest(join(segments.subList(0, i)), new String(segment, StandardCharsets.UTF_8),
                        List.copyOf(segments.subList(i + 1, segments.size())), trailingSlash));
            }
        }
        for (int i = segments.size(); i > 0; i--) {
            String candidate = join(segments.subList(0, i));
            if (isProject.test(candidate)) {
                return Optional.of(new GitRequest(candidate, "", List.copyOf(segments.subList(i, segments.size())), trailingSlash));
            }
        }
        return Optional.empty();
    }

    private static String join(List<byte[]> segments) {
        StringBuilder name = new StringBuilder();
        for (byte[] segment : segments) {
            if (!name.isEmpty()) {
                name.append('/');
            }
            name.append(new String(segment, StandardCharsets.UTF_8));
        }
        return name.toString();
    }

    /** The segments from {@code from} on, joined by slashes, as bytes. */
    public byte[] restBytes(int from) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = from; i < rest.size(); i++) {
            if (i > from) {
                out.write('/');
            }
            out.writeBytes(rest.get(i));
        }
        return out.toByteArray();
    }

    public String restText(int from) {
        return new String(restBytes(from), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "/" + project + (view.isEmpty() ? "" : "/" + view) + (rest.isEmpty() ? "" : "/" + restText(0));
    }
}
