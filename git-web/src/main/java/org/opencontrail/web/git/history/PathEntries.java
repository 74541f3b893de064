package org.opencontrail.web.git.history;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one path is in the trees of many commits: each tree read once per walk (a folder's tree is
 * shared by every commit that did not change it, so the answer at each depth is remembered by the
 * tree's id).
 */
final class PathEntries {

    /**
     * A path's entry in a tree.
     *
     * @param id   the blob or tree
     * @param mode its mode bits
     */
    record Entry(ObjectId id, int mode) {

        boolean isFile() {
            return (mode & FileMode.TYPE_MASK) == FileMode.TYPE_FILE || (mode & FileMode.TYPE_MASK) == FileMode.TYPE_SYMLINK;
        }
    }

    private static final Entry ABSENT = new Entry(ObjectId.zeroId(), 0);

    private final ObjectReader reader;
    private final byte[] path;
    private final byte[][] names;
    private final List<Map<ObjectId, Entry>> known = new ArrayList<>();

    PathEntries(ObjectReader reader, byte[] path) {
        this.reader = reader;
        this.path = path;
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= path.length; i++) {
            if (i == path.length || path[i] == '/') {
                if (i > start) {
                    parts.add(java.util.Arrays.copyOfRange(path, start, i));
                }
                start = i + 1;
            }
        }
        this.names = parts.toArray(byte[][]::new);
        for (int i = 0; i < names.length; i++) {
            known.add(new HashMap<>());
        }
    }

    byte[] path() {
        return path;
    }

    /** The path's entry in the tree, or null where it is absent (or a parent of it is not a folder). */
    Entry in(ObjectId tree) throws IOException {
        if (names.length == 0) {
            return new Entry(tree, FileMode.TYPE_TREE);
        }
        ObjectId current = tree;
        Entry entry = null;
        for (int depth = 0; depth < names.length; depth++) {
            Map<ObjectId, Entry> level = known.get(depth);
            entry = level.get(current);
            if (entry == null) {
                entry = find(current, names[depth]);
                level.put(current.copy(), entry);
            }
            if (entry == ABSENT) {
                return null;
            }
            if (depth + 1 < names.length && (entry.mode() & FileMode.TYPE_MASK) != FileMode.TYPE_TREE) {
                return null;
            }
            current = entry.id();
        }
        return entry;
    }

    /** Scans one tree object for a name: entries are "mode SP name NUL id". */
    private Entry find(ObjectId tree, byte[] name) throws IOException {
        byte[] raw = reader.open(tree, Constants.OBJ_TREE).getCachedBytes();
        int p = 0;
        while (p < raw.length) {
            int mode = 0;
            while (raw[p] != ' ') {
                mode = (mode << 3) + (raw[p++] - '0');
            }
            int nameStart = ++p;
            while (raw[p] != 0) {
                p++;
            }
            int nameEnd = p++;
            if (nameEnd - nameStart == name.length && java.util.Arrays.equals(raw, nameStart, nameEnd, name, 0, name.length)) {
                return new Entry(ObjectId.fromRaw(raw, p), mode);
            }
            p += Constants.OBJECT_ID_LENGTH;
        }
        return ABSENT;
    }
}
