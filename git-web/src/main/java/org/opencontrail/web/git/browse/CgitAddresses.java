package org.opencontrail.web.git.browse;

import java.util.Map;
import java.util.Optional;

/**
 * cgit's addresses under a project ({@code commit/?id=}, {@code tree/PATH?h=}, {@code log/?h=&ofs=},
 * {@code plain/}, {@code blame/}, {@code refs/}, {@code diff/}, {@code patch/}, {@code atom/},
 * {@code summary}), and where the same thing is here, so that old links keep working.
 */
final class CgitAddresses {

    private CgitAddresses() {
    }

    static Optional<String> redirect(String project, GitRequest git, Map<String, String> params) {
        String verb = new String(git.rest().get(0), java.nio.charset.StandardCharsets.UTF_8);
        byte[] path = git.restBytes(1);
        String id = params.getOrDefault("id", "");
        String branch = params.getOrDefault("h", "");
        String revision = !id.isEmpty() ? id : !branch.isEmpty() ? branch : "HEAD";
        return Optional.ofNullable(switch (verb) {
            case "summary", "about" -> GitUrls.project(project);
            case "commit" -> GitUrls.commit(project, revision);
            case "diff" -> GitUrls.diff(project, revision);
            case "patch" -> GitUrls.diff(project, revision) + "?format=TEXT";
            case "tree" -> path.length == 0 ? GitUrls.tree(project, revision) : GitUrls.show(project, revision, path);
            case "plain" -> GitUrls.raw(project, revision, path);
            case "blame" -> GitUrls.blame(project, revision, path);
            case "log" -> GitUrls.log(project, branch.isEmpty() ? "HEAD" : branch, path) + logQuery(params);
            case "refs", "tag" -> GitUrls.refs(project);
            case "atom" -> GitUrls.atom(project, branch.isEmpty() ? "HEAD" : branch);
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
            query.append('&').append(kind).append('=').append(java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8));
        }
        return query.isEmpty() ? "" : "?" + query.substring(1);
    }
}
