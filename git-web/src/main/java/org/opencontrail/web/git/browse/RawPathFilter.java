package org.opencontrail.web.git.browse;

import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * A path filter by the bytes of the path, for names that are not UTF-8 (JGit's own filters take
 * a String and would look for its UTF-8 bytes). Matches as JGit's path filter does: the path,
 * the folders above it and, for a folder, everything in it.
 */
final class RawPathFilter extends TreeFilter {

    private final byte[] path;

    RawPathFilter(byte[] path) {
        this.path = path.clone();
    }

    @Override
    public boolean include(TreeWalk walker) {
        return matchFilter(walker) <= 0;
    }

    @Override
    public int matchFilter(TreeWalk walker) {
        return walker.isPathMatch(path, path.length);
    }

    @Override
    public boolean shouldBeRecursive() {
        for (byte b : path) {
            if (b == '/') {
                return true;
            }
        }
        return false;
    }

    @Override
    public TreeFilter clone() {
        return this;
    }

    @Override
    public String toString() {
        return "RAW_PATH(" + new String(path, java.nio.charset.StandardCharsets.ISO_8859_1) + ")";
    }
}
