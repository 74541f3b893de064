package org.opencontrail.web.logs.search.lucene;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;

/**
 * The version of the index's documents (fields, analysis), kept in every commit. A version of
 * logs-web that indexes differently raises {@link #CURRENT}; an index of another version, or one
 * Lucene itself can no longer read, is rebuilt from the store at start with a message saying why,
 * rather than answering searches wrongly.
 */
final class IndexFormat {

    /** The documents this version writes. Raise it whenever fields or their analysis change. */
    static final String CURRENT = "1";

    private static final String KEY = "opencontrail.index-format";

    private IndexFormat() {}

    /**
     * Why the index in this directory cannot be kept, if it cannot; empty when it is this version's
     * (or there is none). Another error (permissions, no file handles left) is thrown: it says
     * nothing about the index, which is not thrown away for it.
     */
    static Optional<String> refusal(Directory directory) throws IOException {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                return Optional.empty();
            }
            // indexes written before the version was recorded are of the first version
            String found =
                    SegmentInfos.readLatestCommit(directory).getUserData().getOrDefault(KEY, "1");
            return found.equals(CURRENT)
                    ? Optional.empty()
                    : Optional.of("it holds documents of index format " + found
                            + ", and this version of logs-web writes format " + CURRENT);
        } catch (IndexFormatTooOldException | IndexFormatTooNewException e) {
            return Optional.of("this version's Lucene cannot read it (" + e.getMessage() + ")");
        } catch (CorruptIndexException | java.io.EOFException e) {
            return Optional.of("it is damaged (" + e.getMessage() + ")");
        }
    }

    /** Records this version in every commit the writer makes from now on. */
    static void stamp(IndexWriter writer) {
        writer.setLiveCommitData(Map.of(KEY, CURRENT).entrySet());
    }
}
