package org.opencontrail.web.logs.store;

import java.time.Instant;

/**
 * One file of a build as the store holds it: always gzip-compressed, with what it was before.
 *
 * @param key          its path in the store, the same as in the viewer's URL
 *                     ({@code 45/91245/3/check/JOB/UUID7/logs/screen-n-api.txt.gz})
 * @param size         its size as the build wrote it (uncompressed), -1 when unknown
 * @param storedSize   the bytes stored (compressed)
 * @param contentType  its media type, as given or guessed from its name
 * @param lastModified when it was stored
 */
public record StoredObject(String key, long size, long storedSize, String contentType, Instant lastModified) {

    /** The last part of the key. */
    public String name() {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
