package org.opencontrail.web.logs.search.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.opencontrail.web.logs.lines.LineClassifier;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.search.BuildDocuments;
import org.opencontrail.web.logs.search.BuildFacts;
import org.opencontrail.web.logs.search.FileFacts;
import org.opencontrail.web.logs.search.IndexedBuild;
import org.opencontrail.web.logs.search.LineDocuments;
import org.opencontrail.web.logs.search.SearchSettings;
import org.opencontrail.web.logs.store.LogStore;

/**
 * Turns a stored build into documents: one for the build, one for each text file (its build's
 * fields, so a query's build and file clauses select files), one for each line (its text, level,
 * logger, time and number, and the file it is in). A file's lines go in together in blocks, so
 * that the lines around a hit are its neighbours in the index.
 */
public final class BuildIndexer {

    private static final int BLOCK = 512;
    private final BuildDocuments documents;

    BuildIndexer(LogStore store, SearchSettings settings) {
        this.documents = new BuildDocuments(store, settings);
    }

    /** Adds the build's documents (after removing any it had); they are searchable after the next commit. */
    IndexedBuild index(BuildFacts build, IndexWriter writer) throws IOException {
        return documents.read(build, new Sink(writer));
    }

    /** Lucene documents, a file's lines added in blocks. */
    private static final class Sink implements BuildDocuments.Sink {

        private final IndexWriter writer;
        private final List<Document> block = new ArrayList<>(BLOCK);

        Sink(IndexWriter writer) {
            this.writer = writer;
        }

        @Override
        public void line(
                BuildFacts build,
                long fileId,
                String path,
                long number,
                String text,
                LineClassifier.Classified classified,
                Severity carried)
                throws IOException {
            block.add(LineDocuments.line(fileId, number, text, classified));
            if (block.size() == BLOCK) {
                flush();
            }
        }

        @Override
        public void file(BuildFacts build, FileFacts file) throws IOException {
            flush();
            writer.addDocument(LineDocuments.file(build, file));
        }

        @Override
        public void build(BuildFacts build) throws IOException {
            flush();
            writer.addDocument(LineDocuments.build(build));
        }

        private void flush() throws IOException {
            if (!block.isEmpty()) {
                writer.addDocuments(block);
                block.clear();
            }
        }
    }
}
