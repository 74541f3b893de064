package org.opencontrail.web.logs.flaky;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a review comment asks the CI to run a patch set's jobs again, as Zuul's trigger reads it
 * (Gerrit's "Patch Set N:" line with its votes, then "recheck" first), and how: bare (the comment
 * is only "recheck", as OpenStack's TC counted them), naming a bug, or giving a reason.
 *
 * @param kind   {@code bare}, {@code bug} or {@code reason}
 * @param reason what followed "recheck", on one line, at most {@link #REASON_LIMIT} characters
 */
public record RecheckComment(String kind, String reason) {

    static final int REASON_LIMIT = 500;

    /** Gerrit's first line of a comment: "Patch Set 3:" and the votes given with it. */
    private static final Pattern HEADER = Pattern.compile("(?i)^\\s*Patch Set \\d+:[^\\n]*(\\n|$)");

    private static final Pattern RECHECK = Pattern.compile("(?is)^\\s*recheck\\b(.*)$");

    /** A bug by number (bug 1234567, lp#1234567, story 2001), or a link to a bug tracker. */
    private static final Pattern BUG = Pattern.compile(
            "(?i)\\b(?:bug|lp|story)\\s*[:#/]?\\s*#?\\d{3,}|launchpad\\.net/\\S+|https?://\\S*bugs?\\S*|\\b[A-Z][A-Z0-9]+-\\d+\\b");

    /** The recheck the comment is, if it is one. */
    public static Optional<RecheckComment> of(String comment) {
        if (comment == null) {
            return Optional.empty();
        }
        String body = HEADER.matcher(comment).replaceFirst("");
        Matcher recheck = RECHECK.matcher(body);
        if (!recheck.matches()) {
            return Optional.empty();
        }
        String rest = recheck.group(1).replaceAll("\\s+", " ").strip();
        rest = rest.startsWith(":") || rest.startsWith("-") ? rest.substring(1).strip() : rest;
        if (rest.length() > REASON_LIMIT) {
            rest = rest.substring(0, REASON_LIMIT);
        }
        if (rest.isEmpty()) {
            return Optional.of(new RecheckComment("bare", ""));
        }
        return Optional.of(new RecheckComment(BUG.matcher(rest).find() ? "bug" : "reason", rest));
    }
}
