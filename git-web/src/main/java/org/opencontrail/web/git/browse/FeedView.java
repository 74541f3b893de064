package org.opencontrail.web.git.browse;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.location.Revision;
import org.opencontrail.web.git.mirror.Mirror;
import org.unbescape.xml.XmlEscape;

/** Atom feeds: the last commits of a branch, each entry linking to its commit page. */
@Singleton
public final class FeedView {

    static final int ENTRIES = 30;

    /**
     * One entry of a feed.
     *
     * @param id      the commit's id
     * @param title   what the entry says
     * @param author  who
     * @param updated when (ISO-8601)
     * @param url     the commit's page (absolute)
     * @param body    the full message
     */
    public record Entry(String id, String title, String author, String updated, String url, String body) {}

    String branch(Mirror mirror, Revision revision, String site) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (RevWalk walk = new RevWalk(mirror.repository())) {
            walk.sort(RevSort.COMMIT_TIME_DESC);
            walk.markStart(walk.parseCommit(revision.commit()));
            for (RevCommit commit : walk) {
                entries.add(new Entry(
                        commit.name(),
                        commit.getShortMessage(),
                        commit.getAuthorIdent().getName(),
                        commit.getCommitterIdent().getWhenAsInstant().toString(),
                        site
                                + GitLocation.revision(mirror.name(), commit.name())
                                        .toUrl(),
                        commit.getFullMessage()));
                if (entries.size() == ENTRIES) {
                    break;
                }
            }
        }
        return feed(
                mirror.name() + ": " + revision.name(),
                site + GitLocation.log(mirror.name(), revision.name()).toUrl(),
                site + GitLocation.atom(mirror.name(), revision.name()).toUrl(),
                entries);
    }

    /** An Atom document of entries, newest first. */
    public static String feed(String title, String pageUrl, String selfUrl, List<Entry> entries) {
        StringBuilder xml = new StringBuilder(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        xml.append("  <title>").append(x(title)).append("</title>\n");
        xml.append("  <id>").append(x(selfUrl)).append("</id>\n");
        xml.append("  <link rel=\"self\" href=\"").append(x(selfUrl)).append("\"/>\n");
        xml.append("  <link rel=\"alternate\" type=\"text/html\" href=\"")
                .append(x(pageUrl))
                .append("\"/>\n");
        xml.append("  <updated>")
                .append(
                        entries.isEmpty()
                                ? "1970-01-01T00:00:00Z"
                                : entries.get(0).updated())
                .append("</updated>\n");
        for (Entry entry : entries) {
            xml.append("  <entry>\n");
            xml.append("    <id>").append(x(entry.url())).append("</id>\n");
            xml.append("    <title>").append(x(entry.title())).append("</title>\n");
            xml.append("    <author><name>").append(x(entry.author())).append("</name></author>\n");
            xml.append("    <updated>").append(entry.updated()).append("</updated>\n");
            xml.append("    <link rel=\"alternate\" type=\"text/html\" href=\"")
                    .append(x(entry.url()))
                    .append("\"/>\n");
            xml.append("    <content type=\"text\">").append(x(entry.body())).append("</content>\n");
            xml.append("  </entry>\n");
        }
        return xml.append("</feed>\n").toString();
    }

    /** XML text: escaped, and without the control characters XML 1.0 cannot hold. */
    private static String x(String text) {
        return XmlEscape.escapeXml10(text);
    }
}
