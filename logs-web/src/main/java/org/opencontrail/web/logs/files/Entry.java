package org.opencontrail.web.logs.files;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opencontrail.web.logs.store.Listing;
import org.opencontrail.web.logs.store.Sizes;
import org.opencontrail.web.logs.store.StoredObject;
import org.opencontrail.web.logs.urls.LogsUrls;

/**
 * One row of a directory page.
 *
 * @param name     its name (a folder's ends in /)
 * @param url      its page, relative to the folder's
 * @param folder   whether it is a folder
 * @param size     its size for people, "-" for folders
 * @param bytes    its size in bytes, -1 for folders
 * @param stored   when it was stored, null for folders
 * @param type     its media type, "folder" for folders
 */
public record Entry(String name, String url, boolean folder, String size, long bytes, Instant stored, String type) {

    private static final java.time.format.DateTimeFormatter WHEN =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);

    /** The file's bytes as written, relative to the folder's page. */
    public String rawUrl() {
        return url + "?raw";
    }

    /** When it was stored, to the minute, UTC; empty for folders. */
    public String when() {
        return stored == null ? "" : WHEN.format(stored);
    }

    static List<Entry> of(Listing listing) {
        List<Entry> entries = new ArrayList<>();
        for (String folder : listing.folders()) {
            String name = folder.substring(0, folder.length() - 1);
            entries.add(new Entry(folder, LogsUrls.entry(name, true), true, "-", -1, null, "folder"));
        }
        for (StoredObject file : listing.files()) {
            entries.add(new Entry(
                    file.name(),
                    LogsUrls.entry(file.name(), false),
                    false,
                    Sizes.human(file.size()),
                    file.size(),
                    file.lastModified(),
                    file.contentType()));
        }
        return List.copyOf(entries);
    }
}
