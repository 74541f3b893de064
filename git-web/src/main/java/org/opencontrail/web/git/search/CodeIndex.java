package org.opencontrail.web.git.search;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.opencontrail.web.git.mirror.GitSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The code search index, beside the mirrors ({@code git.dir/code-search}): one document per file
 * of a project, path and content, whatever the refs it is on (the refs are a field that is
 * updated in place as branches move, so a file identical across refs is indexed once). A
 * document holds the folded trigrams of its text and the text itself; a file left out (binary,
 * generated, huge) is a document with its reason and no text. Which commit each ref of each
 * project was indexed at is kept in the index's commit, so the two never disagree; an index of
 * another format is dropped and made again from the mirrors.
 *
 * <p>Written only by {@link CodeIndexer}'s one thread; read by any.
 */
@Singleton
public final class CodeIndex implements AutoCloseable {

    /** The layout of the documents: a change of it makes the index again. */
    static final String FORMAT = "3";

    static final String KEY = "key";
    static final String PROJECT = "project";
    static final String KIND = "kind";
    static final String TRIGRAMS = "trigrams";
    static final String TEXT = "text";
    static final String PATH = "path";
    static final String REFS = "refs";
    static final String LANG = "lang";
    static final String REASON = "reason";
    static final String SIZE = "size";
    static final String KIND_TEXT = "text";
    static final String KIND_LEFT_OUT = "left-out";
    static final String BLOB = "blob";

    private static final Logger LOG = LoggerFactory.getLogger(CodeIndex.class);
    private static final String FORMAT_KEY = "format";
    private static final String REFS_KEY = "refs:";
    private static final FieldType TRIGRAM_FIELD = trigramField();

    private final Path folder;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** What the last commit says was indexed: project, ref, commit. */
    private final Map<String, Map<String, String>> indexed = new HashMap<>();
    /** One for every document: documents are added one at a time, by the indexer's thread. */
    private final DistinctTrigrams trigrams = new DistinctTrigrams();

    @jakarta.inject.Inject
    CodeIndex(GitSettings git) throws IOException {
        this(git.root().resolve("code-search"));
    }

    CodeIndex(Path folder) throws IOException {
        this.folder = folder;
        Files.createDirectories(folder);
        Directory opened = FSDirectory.open(folder);
        if (!current(opened)) {
            opened.close();
            LOG.info("Code search index in {} is of another format or unreadable: made again from the mirrors", folder);
            org.apache.lucene.util.IOUtils.rm(folder);
            Files.createDirectories(folder);
            opened = FSDirectory.open(folder);
        }
        this.directory = opened;
        IndexWriterConfig config = new IndexWriterConfig()
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(48);
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, null);
        for (Map.Entry<String, String> entry : writer.getLiveCommitData()) {
            if (entry.getKey().startsWith(REFS_KEY)) {
                indexed.put(entry.getKey().substring(REFS_KEY.length()), refs(entry.getValue()));
            }
        }
    }

    private static boolean current(Directory directory) {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                return true; // new: made here
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                return FORMAT.equals(reader.getIndexCommit().getUserData().get(FORMAT_KEY));
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static FieldType trigramField() {
        FieldType type = new FieldType();
        type.setIndexOptions(IndexOptions.DOCS);
        type.setOmitNorms(true);
        type.setTokenized(true);
        type.freeze();
        return type;
    }

    private static Map<String, String> refs(String encoded) {
        Map<String, String> refs = new TreeMap<>();
        for (String line : encoded.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                refs.put(line.substring(space + 1), line.substring(0, space));
            }
        }
        return refs;
    }

    /** The folder the index is kept in. */
    Path folder() {
        return folder;
    }

    /** The projects in the index. */
    synchronized Set<String> projects() {
        return new TreeSet<>(indexed.keySet());
    }

    /** The refs of a project as indexed: name, commit. */
    synchronized Map<String, String> indexedRefs(String project) {
        return Map.copyOf(indexed.getOrDefault(project, Map.of()));
    }

    /** A document's key: project, path and blob. */
    static String key(String project, String path, String blob) {
        return project + '\0' + path + '\0' + blob;
    }

    /** The refs a document is on, empty when there is no such document. */
    Optional<Set<String>> refsOf(String key) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            BytesRef term = new BytesRef(key);
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                Terms terms = leaf.reader().terms(KEY);
                if (terms == null) {
                    continue;
                }
                TermsEnum found = terms.iterator();
                if (!found.seekExact(term)) {
                    continue;
                }
                PostingsEnum docs = found.postings(null, PostingsEnum.NONE);
                Bits live = leaf.reader().getLiveDocs();
                for (int doc = docs.nextDoc(); doc != PostingsEnum.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        BinaryDocValues refs = leaf.reader().getBinaryDocValues(REFS);
                        if (refs != null && refs.advanceExact(doc)) {
                            return Optional.of(decodeRefs(refs.binaryValue()));
                        }
                        return Optional.of(new LinkedHashSet<>());
                    }
                }
            }
            return Optional.empty();
        } finally {
            searchers.release(searcher);
        }
    }

    static Set<String> decodeRefs(BytesRef value) {
        String text = value.utf8ToString();
        Set<String> refs = new LinkedHashSet<>();
        for (String ref : text.split("\n")) {
            if (!ref.isEmpty()) {
                refs.add(ref);
            }
        }
        return refs;
    }

    private static BytesRef encodeRefs(Set<String> refs) {
        return new BytesRef(String.join("\n", new TreeSet<>(refs)));
    }

    /** A path kept as its bytes, one char each, as people read it: UTF-8, or Latin-1 when it is not (as git-web shows paths). */
    static String decodePath(String bytes) {
        return org.eclipse.jgit.util.RawParseUtils.decode(bytes.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * A file to add: its text when it is read, or why it is left out; its path as its bytes, one
     * char each.
     */
    record NewFile(
            String project,
            String path,
            String blob,
            Set<String> refs,
            long size,
            Optional<String> text,
            String reason) {}

    /** Adds a file's document. */
    void add(NewFile file) throws IOException {
        Document doc = new Document();
        doc.add(new StringField(KEY, key(file.project(), file.path(), file.blob()), Field.Store.NO));
        doc.add(new StringField(PROJECT, file.project(), Field.Store.NO));
        doc.add(new SortedDocValuesField(PROJECT, new BytesRef(file.project())));
        doc.add(new SortedDocValuesField(PATH, new BytesRef(file.path().getBytes(StandardCharsets.ISO_8859_1))));
        byte[] blob = new byte[Constants.OBJECT_ID_LENGTH];
        ObjectId.fromString(file.blob()).copyRawTo(blob, 0);
        doc.add(new BinaryDocValuesField(BLOB, new BytesRef(blob))); // read as it is, no dictionary to look in
        String lang = CodeLanguages.of(decodePath(file.path()));
        doc.add(new StringField(LANG, lang, Field.Store.NO));
        doc.add(new SortedDocValuesField(LANG, new BytesRef(lang)));
        doc.add(new BinaryDocValuesField(REFS, encodeRefs(file.refs())));
        doc.add(new NumericDocValuesField(SIZE, file.size()));
        if (file.text().isPresent()) {
            doc.add(new StringField(KIND, KIND_TEXT, Field.Store.NO));
            doc.add(new Field(TRIGRAMS, trigrams.of(file.text().get()), TRIGRAM_FIELD));
            doc.add(new StoredField(TEXT, file.text().get()));
        } else {
            doc.add(new StringField(KIND, KIND_LEFT_OUT, Field.Store.NO));
            doc.add(new SortedDocValuesField(REASON, new BytesRef(file.reason())));
        }
        writer.addDocument(doc);
    }

    /** Sets the refs a document is on. */
    void setRefs(String key, Set<String> refs) throws IOException {
        writer.updateBinaryDocValue(new Term(KEY, key), REFS, encodeRefs(refs));
    }

    /** Drops a document. */
    void delete(String key) throws IOException {
        writer.deleteDocuments(new Term(KEY, key));
    }

    /** Drops a project's documents and its refs, committed at once. */
    void dropProject(String project) throws IOException {
        writer.deleteDocuments(new Term(PROJECT, project));
        synchronized (this) {
            indexed.remove(project);
        }
        commit();
    }

    /** Makes what was written since the last commit durable and searchable, with the project's refs as indexed. */
    void commit(String project, Map<String, String> refs) throws IOException {
        synchronized (this) {
            if (refs.isEmpty()) {
                indexed.remove(project);
            } else {
                indexed.put(project, new TreeMap<>(refs));
            }
        }
        commit();
    }

    private void commit() throws IOException {
        Map<String, String> data = new HashMap<>();
        data.put(FORMAT_KEY, FORMAT);
        synchronized (this) {
            indexed.forEach((project, refs) -> {
                StringBuilder text = new StringBuilder();
                refs.forEach((ref, commit) ->
                        text.append(commit).append(' ').append(ref).append('\n'));
                data.put(REFS_KEY + project, text.toString());
            });
        }
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    /** A searcher of what is committed; give it back with {@link #release}. */
    IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The size of the index on disk, in bytes. */
    long bytesOnDisk() {
        long bytes = 0;
        try {
            for (String file : directory.listAll()) {
                bytes += directory.fileLength(file);
            }
        } catch (IOException e) {
            return -1;
        }
        return bytes;
    }

    /** The text of a document, as stored. */
    static String text(IndexSearcher searcher, int doc) throws IOException {
        Document stored = searcher.storedFields().document(doc, Set.of(TEXT));
        String text = stored.get(TEXT);
        return text == null ? "" : text;
    }

    @PreDestroy
    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }
}
