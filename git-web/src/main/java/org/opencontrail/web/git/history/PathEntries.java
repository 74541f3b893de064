package org.opencontrail.web.git.history;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * What one path is in the trees of many commits: each tree read once per walk (a folder's tree is
 * shared by every commit that did not change it, so the answer at each depth is remembered by the
 * tree's id). Names are matched by their bytes (a name that is not UTF-8 is found as stored); a
 * path with an empty segment ({@code a//b}, a leading or trailing slash) names nothing.
 */
public final class PathEntries {

    /**
     * A path's entry in a tree.
     *
     * @param id   the blob or tree
     * @param mode its mode bits
     */
    public record Entry(ObjectId id, int mode) {

        public boolean isTree() {
            return (mode & FileMode.TYPE_MASK) == FileMode.TYPE_TREE;
        }

        public boolean isFile() {
            return (mode & FileMode.TYPE_MASK) == FileMode.TYPE_FILE
                    || (mode & FileMode.TYPE_MASK) == FileMode.TYPE_SYMLINK;
        }
    }

    private static final Entry ABSENT = new Entry(ObjectId.zeroId(), 0);

    private final ObjectReader reader;
    private final byte[] path;
    private final byte[][] names;
    private final boolean valid;
    private final List<Map<ObjectId, Entry>> known = new ArrayList<>();

    PathEntries(ObjectReader reader, byte[] path) {
        this.reader = reader;
        this.path = path;
        List<byte[]> parts = new ArrayList<>();
        boolean empty = false;
        int start = 0;
        for (int i = 0; i <= path.length && path.length > 0; i++) {
            if (i == path.length || path[i] == '/') {
                empty |= i == start;
                parts.add(java.util.Arrays.copyOfRange(path, start, i));
                start = i + 1;
            }
        }
        this.names = parts.toArray(byte[][]::new);
        this.valid = !empty;
        for (int i = 0; i < names.length; i++) {
            known.add(new HashMap<>());
        }
    }

    byte[] path() {
        return path;
    }

    /** The path's entry in the tree, or null where it is absent (or a parent of it is not a folder). */
    @SuppressWarnings("ReferenceEquality") // ABSENT is a marker: only itself is it
    Entry in(ObjectId tree) throws IOException {
        if (!valid) {
            return null;
        }
        if (names.length == 0) {
            return new Entry(tree, FileMode.TYPE_TREE);
        }
        ObjectId current = tree;
        Entry entry = null;
        for (int depth = 0; depth < names.length; depth++) {
            Map<ObjectId, Entry> level = known.get(depth);
            entry = level.get(current);
            if (entry == null) {
                entry = child(reader, current, names[depth]).orElse(ABSENT);
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

    /** The entry of one name in one tree: the tree object is scanned as stored ("mode SP name NUL id"). */
    public static Optional<Entry> child(ObjectReader reader, ObjectId tree, byte[] name) throws IOException {
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
            if (nameEnd - nameStart == name.length
                    && java.util.Arrays.equals(raw, nameStart, nameEnd, name, 0, name.length)) {
                return Optional.of(new Entry(ObjectId.fromRaw(raw, p), mode));
            }
            p += Constants.OBJECT_ID_LENGTH;
        }
        return Optional.empty();
    }
}
