package org.opencontrail.web.git.browse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.opencontrail.web.git.location.GitLocation;

/**
 * cgit's addresses under a project ({@code commit/?id=}, {@code tree/PATH?h=}, {@code log/?h=&ofs=},
 * {@code plain/}, {@code blame/}, {@code refs/}, {@code diff/}, {@code patch/}, {@code atom/},
 * {@code summary}), and where the same thing is here, so that old links keep working.
 */
final class CgitAddresses {

    private CgitAddresses() {}

    /** Where {@code rest} (cgit's verb and what follows it) is here; empty for what cgit does not have. */
    static Optional<String> redirect(String project, byte[] rest, Map<String, String> params) {
        int slash = 0;
        while (slash < rest.length && rest[slash] != '/') {
            slash++;
        }
        String verb = new String(rest, 0, slash, StandardCharsets.UTF_8);
        byte[] path = slash >= rest.length ? new byte[0] : Arrays.copyOfRange(rest, slash + 1, rest.length);
        String id = params.getOrDefault("id", "");
        String branch = params.getOrDefault("h", "");
        String revision = !id.isEmpty() ? id : !branch.isEmpty() ? branch : "HEAD";
        return Optional.ofNullable(
                switch (verb) {
                    case "summary", "about" -> GitLocation.summary(project).toUrl();
                    case "commit" -> GitLocation.revision(project, revision).toUrl();
                    case "diff" -> GitLocation.diff(project, revision).toUrl();
                    case "patch" -> GitLocation.diff(project, revision).toUrl() + "?format=TEXT";
                    case "tree" -> GitLocation.path(project, revision, path).toUrl();
                    case "plain" -> GitLocation.raw(project, revision, path).toUrl();
                    case "blame" -> GitLocation.blame(project, revision, path).toUrl();
                    case "log" ->
                        GitLocation.log(project, branch.isEmpty() ? "HEAD" : branch, path)
                                        .toUrl()
                                + logQuery(params);
                    case "refs", "tag" -> GitLocation.refs(project).toUrl();
                    case "atom" ->
                        GitLocation.atom(project, branch.isEmpty() ? "HEAD" : branch)
                                .toUrl();
                    default -> null;
                });
    }

    /** cgit's log offset and search (qt=author|committer|grep, q=text) as ours. */
    private static String logQuery(Map<String, String> params) {
        StringBuilder query = new StringBuilder();
        String offset = params.getOrDefault("ofs", "");
        if (offset.matches("\\d{1,9}")) {
            query.append("&ofs=").append(offset);
        }
        String text = params.getOrDefault("q", "");
        String kind = params.getOrDefault("qt", "grep");
        if (!text.isEmpty() && (kind.equals("author") || kind.equals("committer") || kind.equals("grep"))) {
            query.append('&').append(kind).append('=').append(java.net.URLEncoder.encode(text, StandardCharsets.UTF_8));
        }
        return query.isEmpty() ? "" : "?" + query.substring(1);
    }
}
