package org.opencontrail.web.logs.store;

import java.util.List;

/**
 * One folder of the store: the files right in it and the folders below it.
 *
 * @param prefix  the folder, ending in {@code /} (empty for the top)
 * @param folders names of the folders in it, each ending in {@code /}, sorted
 * @param files   the files in it, sorted by name
 */
public record Listing(String prefix, List<String> folders, List<StoredObject> files) {

    public boolean isEmpty() {
        return folders.isEmpty() && files.isEmpty();
    }
}
