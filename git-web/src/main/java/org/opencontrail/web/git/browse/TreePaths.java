package org.opencontrail.web.git.browse;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

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

    private TreePaths() {
    }

    static Optional<Found> find(ObjectReader reader, ObjectId tree, byte[] path) throws IOException {
        if (path.length == 0) {
            return Optional.of(new Found(tree, FileMode.TREE));
        }
        ObjectId current = tree;
        FileMode mode = FileMode.TREE;
        int start = 0;
        while (start <= path.length) {
            int end = start;
            while (end < path.length && path[end] != '/') {
                end++;
            }
            byte[] name = Arrays.copyOfRange(path, start, end);
            if (name.length == 0 || (mode.getBits() & FileMode.TYPE_MASK) != FileMode.TYPE_TREE) {
                return Optional.empty();
            }
            CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, current);
            boolean found = false;
            byte[] buffer = new byte[256];
            while (!parser.eof()) {
                int length = parser.getNameLength();
                if (length == name.length) {
                    if (buffer.length < length) {
                        buffer = new byte[length];
                    }
                    parser.getName(buffer, 0);
                    if (Arrays.equals(buffer, 0, length, name, 0, length)) {
                        current = parser.getEntryObjectId();
                        mode = parser.getEntryFileMode();
                        found = true;
                        break;
                    }
                }
                parser.next();
            }
            if (!found) {
                return Optional.empty();
            }
            start = end + 1;
        }
        return Optional.of(new Found(current, mode));
    }
}
