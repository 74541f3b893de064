package org.opencontrail.web.logs.search.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.opencontrail.web.logs.lines.LineClassifier;
import org.opencontrail.web.logs.lines.LineShape;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.search.BuildDocuments;
import org.opencontrail.web.logs.search.BuildFacts;
import org.opencontrail.web.logs.search.FileFacts;
import org.opencontrail.web.logs.search.IndexedBuild;
import org.opencontrail.web.logs.search.LineFacts;
import org.opencontrail.web.logs.search.SearchFields;
import org.opencontrail.web.logs.search.SearchSettings;
import org.opencontrail.web.logs.store.LogStore;

/**
 * Turns a stored build into documents: one for the build, one for each text file (its build's
 * fields, so a query's build and file clauses select files), one for each line (its text, level,
 * logger, time and number, and the file it is in). A file's lines go in together in blocks, so
 * that the lines around a hit are its neighbours in the index.
 */
public final class BuildIndexer {

    /** The message field: positions for phrases, no norms (lines are not ranked by length); the line is stored beside it. */
    static final FieldType MESSAGE_TYPE = messageType();

    private static final int BLOCK = 512;
    /** The loglevel term of each severity, made once: a line's level is the commonest field there is. */
    private final BuildDocuments documents;

    BuildIndexer(LogStore store, SearchSettings settings) {
        this.documents = new BuildDocuments(store, settings);
    }

    private static FieldType messageType() {
        FieldType type = new FieldType();
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        type.setTokenized(true);
        type.setOmitNorms(true);
        type.setStored(false);
        type.freeze();
        return type;
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
                LineClassifier.Classified classified)
                throws IOException {
            block.add(lineDocument(fileId, number, text, classified));
            if (block.size() == BLOCK) {
                flush();
            }
        }

        @Override
        public void file(BuildFacts build, FileFacts file) throws IOException {
            flush();
            writer.addDocument(fileDocument(build, file));
        }

        @Override
        public void build(BuildFacts build) throws IOException {
            flush();
            writer.addDocument(buildDocument(build));
        }

        private void flush() throws IOException {
            if (!block.isEmpty()) {
                writer.addDocuments(block);
                block.clear();
            }
        }
    }

    private static Document buildDocument(BuildFacts build) {
        Document doc = new Document();
        doc.add(new StringField(SearchFields.KIND, "build", Field.Store.NO));
        addBuildFields(doc, build);
        return doc;
    }

    private static Document fileDocument(BuildFacts build, FileFacts file) {
        Document doc = new Document();
        doc.add(new StringField(SearchFields.KIND, "file", Field.Store.NO));
        doc.add(new StringField(SearchFields.FILE, FileFacts.term(file.id()), Field.Store.NO));
        doc.add(new NumericDocValuesField(SearchFields.FILE, file.id()));
        doc.add(new StoredField(SearchFields.FILE_ID, file.id()));
        keyword(doc, SearchFields.FILENAME, file.filename());
        doc.add(new StoredField("path", file.path()));
        for (String tag : file.tags()) {
            doc.add(new StringField(SearchFields.TAGS, tag.toLowerCase(Locale.ROOT), Field.Store.NO));
        }
        doc.add(new StoredField(SearchFields.LINES, file.lines()));
        addBuildFields(doc, build);
        return doc;
    }

    private static void addBuildFields(Document doc, BuildFacts build) {
        build.fields().forEach((name, value) -> keyword(doc, name, value));
        doc.add(new StoredField("root", build.root()));
        doc.add(new LongPoint(SearchFields.BUILD_TIME, build.time()));
        doc.add(new StoredField(SearchFields.BUILD_TIME, build.time()));
        doc.add(new NumericDocValuesField(SearchFields.BUILD_TIME, build.time()));
    }

    /** A field matched whole and without case, stored as written. */
    private static void keyword(Document doc, String name, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        doc.add(new StringField(name, value.toLowerCase(Locale.ROOT), Field.Store.NO));
        doc.add(new StoredField(name, value));
    }

    /** A line's document: its text (without the time that starts it), its number, file, level, logger and time. */
    private static Document lineDocument(long fileId, long number, String text, LineClassifier.Classified classified) {
        Document doc = new Document();
        // As logstash did, the time that starts a line is its time, not its message: not indexed as words
        // (a fifth of the words of a service log), searchable as the time field.
        doc.add(new Field(
                SearchFields.MESSAGE,
                classified.time().isEmpty() ? text : LineShape.withoutPrefix(text),
                MESSAGE_TYPE));
        doc.add(new StoredField(SearchFields.MESSAGE, text));
        doc.add(new StringField(SearchFields.FILE, FileFacts.term(fileId), Field.Store.NO));
        doc.add(new NumericDocValuesField(SearchFields.FILE, fileId));
        doc.add(new NumericDocValuesField(SearchFields.LINE, number));
        Severity severity = classified.severity();
        if (severity != Severity.NONE) {
            doc.add(new StringField(SearchFields.LOGLEVEL, severity.term(), Field.Store.NO));
        }
        LineFacts.Header header = LineFacts.header(text, classified);
        header.time().ifPresent(millis -> doc.add(new LongPoint(SearchFields.TIME, millis)));
        header.module().ifPresent(module -> doc.add(new StringField(SearchFields.MODULE, module, Field.Store.NO)));
        header.program()
                .ifPresent(program -> doc.add(new StringField(SearchFields.SYSLOG_PROGRAM, program, Field.Store.NO)));
        return doc;
    }
}
