package org.opencontrail.web.git.browse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencontrail.web.git.location.GitLocation;

/**
 * A commit or tag message cut into text and links: URLs (Reviewed-on, Depends-On), Change-Ids to
 * their review, Launchpad bugs ({@code Closes-Bug: #1234}) and commit ids to their page. The parts
 * are text for the template to escape: nothing in a message reaches the page as markup.
 */
final class MessageText {

    /**
     * A piece of a message.
     *
     * @param text as written
     * @param url  where it links, empty for plain text
     */
    record Part(String text, String url) {
        public boolean link() {
            return !url.isEmpty();
        }
    }

    private static final Pattern LINKS = Pattern.compile("(?<url>https?://[^\\s<>\"')\\]]+[^\\s<>\"')\\].,;:!?])"
            + "|(?<changeid>\\bI[0-9a-f]{40}\\b)"
            + "|(?i:(?<bugkey>(?:closes|partial|related)-bug:\\s*)#?(?<bug>\\d{4,9}))"
            + "|(?<commit>\\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{10,40}\\b)");

    private MessageText() {}

    static List<Part> parts(String message, String project, SiteLinks links) {
        List<Part> parts = new ArrayList<>();
        Matcher m = LINKS.matcher(message);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(new Part(message.substring(at, m.start()), ""));
            }
            if (m.group("url") != null) {
                parts.add(new Part(m.group(), m.group()));
            } else if (m.group("changeid") != null) {
                parts.add(new Part(m.group(), links.reviewChangeId(m.group())));
            } else if (m.group("bug") != null) {
                parts.add(new Part(m.group("bugkey"), ""));
                parts.add(new Part(
                        message.substring(m.start("bugkey") + m.group("bugkey").length(), m.end()),
                        links.bug(m.group("bug"))));
            } else {
                parts.add(new Part(
                        m.group(), GitLocation.revision(project, m.group()).toUrl()));
            }
            at = m.end();
        }
        if (at < message.length()) {
            parts.add(new Part(message.substring(at), ""));
        }
        return parts;
    }
}
