package org.opencontrail.web.shared.gerrit.footer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The footers Gerrit and Zuul read in a commit message: {@code Change-Id}, {@code Depends-On},
 * {@code Reviewed-on}. Only the last paragraph counts, as in git's trailers, and keys match
 * without regard to case ({@code depends-on:} was common in old OpenContrail changes).
 *
 * @param changeId   the Change-Id, when present
 * @param dependsOn  each Depends-On value as written: a Change-Id (Zuul v2) or a review URL (v3+)
 * @param reviewedOn each Reviewed-on URL
 */
public record CommitFooters(Optional<String> changeId, List<String> dependsOn, List<String> reviewedOn) {

    private static final Pattern FOOTER = Pattern.compile("^([A-Za-z][A-Za-z0-9-]*):[ \\t]*(\\S.*?)\\s*$");
    private static final Pattern CHANGE_ID = Pattern.compile("I[0-9a-fA-F]{40}");
    /** Gerrit's change URLs, old and new: {@code /#/c/123/}, {@code /c/123}, {@code /c/project/+/123/4}, {@code /123}. */
    private static final Pattern CHANGE_URL =
            Pattern.compile("^https?://[^\\s/]+(?:/[^\\s#]*?)??(?:/#)?(?:/c(?:/.+?/\\+)?)?/(\\d+)(?:/\\d+)?/?$");

    public static CommitFooters of(String message) {
        String[] paragraphs = message.strip().split("\\r?\\n\\s*\\r?\\n");
        String last = paragraphs.length < 2 ? "" : paragraphs[paragraphs.length - 1];
        String changeId = null;
        List<String> dependsOn = new ArrayList<>();
        List<String> reviewedOn = new ArrayList<>();
        for (String line : last.split("\\r?\\n")) {
            Matcher footer = FOOTER.matcher(line);
            if (!footer.matches()) {
                continue;
            }
            String value = footer.group(2);
            switch (footer.group(1).toLowerCase(Locale.ROOT)) {
                case "change-id" -> changeId = value;
                case "depends-on" -> dependsOn.add(value);
                case "reviewed-on" -> reviewedOn.add(value);
                default -> {}
            }
        }
        return new CommitFooters(Optional.ofNullable(changeId), List.copyOf(dependsOn), List.copyOf(reviewedOn));
    }

    /** True when the value is a Change-Id rather than a URL. */
    public static boolean isChangeId(String value) {
        return CHANGE_ID.matcher(value).matches();
    }

    /** The change number a review URL names, when it names one in any of Gerrit's URL styles. */
    public static OptionalInt changeNumber(String url) {
        Matcher m = CHANGE_URL.matcher(url.strip());
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
