package org.opencontrail.web.logs.lines;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.util.Optional;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.shared.io.LineReader;

/** A stored file read as text, line by line, in the encoding its first bytes say (see {@link TextSniffer}). */
public final class StoredText {

    private StoredText() {}

    /**
     * A reader of the file's lines (each kept to {@code keep} characters), or empty when nothing is
     * stored under the key or the file is not text. The caller closes it.
     */
    public static Optional<LineReader> open(LogStore store, String key, int keep) throws IOException {
        Optional<InputStream> opened = store.open(key);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        InputStream raw = new BufferedInputStream(opened.get(), 64 * 1024);
        try {
            raw.mark(8192);
            byte[] head = raw.readNBytes(8192);
            raw.reset();
            TextSniffer.Sniffed sniffed = TextSniffer.sniff(head, head.length);
            if (sniffed.binary()) {
                raw.close();
                return Optional.empty();
            }
            raw.skipNBytes(sniffed.skip());
            return Optional.of(new LineReader(new InputStreamReader(raw, sniffed.charset()), keep));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}
