package org.opencontrail.web.logs.report;

import java.util.List;

/**
 * A build's logs as its {@code zuul-manifest.json} lists them: the tree Zuul's build page shows, each
 * file linked to its page here with its size.
 *
 * @param nodes    the top folder's files and folders, folders first as Zuul lists them
 * @param files    files in the whole tree
 * @param left     entries past what a page shows (the manifest of a very large build), not listed
 * @param problems what could not be read of the manifest, said on the page
 */
public record LogsTree(List<Node> nodes, long files, long left, List<String> problems) {

    /** What is not listed, in a sentence; empty when everything is. */
    public String leftOut() {
        return left == 0 ? "" : String.format(java.util.Locale.ROOT, "%,d more entries are not listed here.", left);
    }

    /**
     * A file or a folder.
     *
     * @param name     its name
     * @param url      its page here
     * @param size     its size for people, empty for a folder or when the manifest has none
     * @param folder   whether it is a folder
     * @param children a folder's files and folders
     */
    public record Node(String name, String url, String size, boolean folder, List<Node> children) {}
}
