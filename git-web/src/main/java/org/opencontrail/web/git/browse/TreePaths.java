package org.opencontrail.web.git.browse;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.opencontrail.web.git.history.PathEntries;

/**
 * Finds a path in a tree by the bytes of its name, one folder at a time: a name that is not
 * UTF-8 is found as stored, and {@code ..} or an empty segment can never match anything.
 */
final class TreePaths {

    /**
     * What a path names.
     *
     * @param id   its object
     * @param mode its mode (tree, file, executable, symlink, submodule)
     */
    record Found(ObjectId id, FileMode mode) {
        boolean tree() {
            return (mode.getBits() & FileMode.TYPE_MASK) == FileMode.TYPE_TREE;
        }
    }

    private TreePaths() {}

    static Optional<Found> find(ObjectReader reader, ObjectId tree, byte[] path) throws IOException {
        if (path.length == 0) {
            return Optional.of(new Found(tree, FileMode.TREE));
        }
        PathEntries.Entry entry = new PathEntries.Entry(tree, FileMode.TYPE_TREE);
        int start = 0;
        while (start <= path.length) {
            int end = start;
            while (end < path.length && path[end] != '/') {
                end++;
            }
            if (end == start || !entry.isTree()) {
                return Optional.empty();
            }
            Optional<PathEntries.Entry> child =
                    PathEntries.child(reader, entry.id(), Arrays.copyOfRange(path, start, end));
            if (child.isEmpty()) {
                return Optional.empty();
            }
            entry = child.get();
            start = end + 1;
        }
        return Optional.of(new Found(entry.id(), FileMode.fromBits(entry.mode())));
    }
}
