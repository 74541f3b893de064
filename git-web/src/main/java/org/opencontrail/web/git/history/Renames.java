package org.opencontrail.web.git.history;

import java.io.IOException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.util.io.NullOutputStream;

/** Where a file that a commit added came from, when the commit made it by renaming (or copying) another. */
public final class Renames {

    private Renames() {}

    /** The file's name in {@code parentTree} when the diff to {@code tree} (renames found) made {@code path} from it; null otherwise. */
    public static String oldName(ObjectReader reader, Config config, ObjectId parentTree, ObjectId tree, String path)
            throws IOException {
        try (DiffFormatter diff = new DiffFormatter(NullOutputStream.INSTANCE)) {
            diff.setReader(reader, config);
            diff.setDetectRenames(true);
            for (DiffEntry entry : diff.scan(parentTree, tree)) {
                if (entry.getNewPath().equals(path)
                        && (entry.getChangeType() == DiffEntry.ChangeType.RENAME
                                || entry.getChangeType() == DiffEntry.ChangeType.COPY)) {
                    return entry.getOldPath();
                }
            }
        }
        return null;
    }
}
