package org.opencontrail.web.logs.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.logs.lines.LineClassifier;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.lines.StoredText;
import org.opencontrail.web.logs.report.BuildReports;
import org.opencontrail.web.logs.report.FailedTaskLines;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.logs.store.StoredObject;
import org.opencontrail.web.shared.io.LineReader;

/**
 * Reads a stored build as an index takes it, whichever index that is: each text file's lines in
 * order (classified: level, logger, time), then the file, then the build. Files that are not text,
 * and names excluded from search, are passed over; a file is read up to {@code logs.search.max-file-bytes};
 * lines below {@code logs.search.min-level} are read (they carry their level on) but not handed on.
 */
public final class BuildDocuments {

    /** Where the documents go: the embedded index's writer, or a bulk request to OpenSearch. */
    public interface Sink {

        /**
         * One line of a file (its id and its path in the build): its number (1-based), its text, what
         * its header says, and the level the file's classifier carried into it (what a classifier
         * resumed at this line starts from).
         */
        void line(
                BuildFacts build,
                long fileId,
                String path,
                long number,
                String text,
                LineClassifier.Classified classified,
                Severity carried)
                throws IOException;

        /** A file, once its lines have gone. */
        void file(BuildFacts build, FileFacts file) throws IOException;

        /** The build, once its files have gone. */
        void build(BuildFacts build) throws IOException;
    }

    /** Zuul's job report at a build's top, whose failed tasks' output is indexed. */
    private static final java.util.Set<String> JOB_OUTPUT = java.util.Set.of("job-output.json", "job-output.json.gz");

    private final LogStore store;
    private final SearchSettings settings;

    public BuildDocuments(LogStore store, SearchSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** Reads the build's stored files into the sink; what was read, as {@link IndexedBuild}. */
    public IndexedBuild read(BuildFacts build, Sink sink) throws IOException {
        List<StoredObject> objects = new ArrayList<>();
        String prefix = build.root().endsWith("/") ? build.root() : build.root() + "/";
        store.walk(prefix, objects::add);
        objects.sort(java.util.Comparator.comparing(StoredObject::key));
        List<FileFacts> files = new ArrayList<>();
        long lines = 0;
        long chars = 0;
        for (StoredObject object : objects) {
            String path = object.key().substring(prefix.length());
            boolean jobOutput = JOB_OUTPUT.contains(path);
            if (path.isEmpty() || (!jobOutput && excluded(path))) {
                continue;
            }
            long fileId = FileFacts.idOf(build.uuid(), path);
            long[] counted = jobOutput
                    ? readFailedTasks(build, fileId, path, object.key(), sink)
                    : readFile(build, fileId, path, object.key(), sink);
            if (counted != null) {
                String filename = FileFacts.filenameOf(path);
                FileFacts file =
                        new FileFacts(fileId, build.uuid(), path, filename, SearchFields.tagsOf(filename), counted[0]);
                sink.file(build, file);
                files.add(file);
                lines += counted[0];
                chars += counted[1];
            }
        }
        sink.build(build);
        return new IndexedBuild(files.size(), lines, chars, files);
    }

    private boolean excluded(String path) {
        String name = FileFacts.filenameOf(path.substring(path.lastIndexOf('/') + 1));
        return settings.excluded().contains(name);
    }

    /**
     * Of Zuul's {@code job-output.json} (which is not read as text), what its failed tasks said, each
     * line at its number in the file; null when no task failed.
     */
    private long[] readFailedTasks(BuildFacts build, long fileId, String path, String key, Sink sink)
            throws IOException {
        List<FailedTaskLines.Line> lines = FailedTaskLines.of(
                () -> BuildReports.inflated(store.open(key).orElseThrow(() -> new IOException(key + " is gone"))),
                BuildReports.MAX_BYTES);
        if (lines.isEmpty()) {
            return null;
        }
        LineClassifier classifier = new LineClassifier();
        long chars = 0;
        for (FailedTaskLines.Line line : lines) {
            String text = line.text().length() > settings.maxLineChars()
                    ? line.text().substring(0, settings.maxLineChars())
                    : line.text();
            Severity carried = classifier.previous();
            LineClassifier.Classified classified = classifier.classify(text);
            if (settings.indexes(classified.severity())) {
                sink.line(build, fileId, path, line.number(), text, classified, carried);
            }
            chars += text.length() + 1;
        }
        return new long[] {lines.size(), chars};
    }

    /** Lines and characters read, or null for a file that is not text. */
    private long[] readFile(BuildFacts build, long fileId, String path, String key, Sink sink) throws IOException {
        Optional<LineReader> text = StoredText.open(store, key, settings.maxLineChars());
        if (text.isEmpty()) {
            return null;
        }
        LineClassifier classifier = new LineClassifier();
        long chars = 0;
        try (LineReader reader = text.get()) {
            LineReader.Line line;
            while ((line = reader.next()) != null) {
                Severity carried = classifier.previous();
                LineClassifier.Classified classified = classifier.classify(line.text());
                if (settings.indexes(classified.severity())) {
                    sink.line(build, fileId, path, line.number(), line.text(), classified, carried);
                }
                chars += line.text().length() + 1;
                if (chars > settings.maxFileBytes()) {
                    break;
                }
            }
            return new long[] {reader.number(), chars};
        }
    }
}
