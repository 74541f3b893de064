package org.opencontrail.web.logs.search;

import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.opencontrail.web.logs.lines.LineClassifier;
import org.opencontrail.web.logs.lines.LineShape;
import org.opencontrail.web.logs.lines.Severity;

/**
 * The Lucene documents of a build, its files and their lines, in one place: the embedded index
 * writes them, and the OpenSearch layout checks each line of a candidate block against the same
 * fields, so that both find the same lines.
 */
public final class LineDocuments {

    /** The message field: positions for phrases, no norms (lines are not ranked by length); the line is stored beside it. */
    public static final FieldType MESSAGE_TYPE = messageType();

    private LineDocuments() {}

    private static FieldType messageType() {
        FieldType type = new FieldType();
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        type.setTokenized(true);
        type.setOmitNorms(true);
        type.setStored(false);
        type.freeze();
        return type;
    }

    public static Document build(BuildFacts build) {
        Document doc = new Document();
        doc.add(new StringField(SearchFields.KIND, "build", Field.Store.NO));
        addBuildFields(doc, build);
        return doc;
    }

    public static Document file(BuildFacts build, FileFacts file) {
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
    public static Document line(long fileId, long number, String text, LineClassifier.Classified classified) {
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
