package org.opencontrail.web.logs.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;

/**
 * The builds and files of the index in memory, by id: what a hit's file id and build uuid stand
 * for, for facets, histograms and links without reading stored fields per hit. Loaded from the
 * index's build and file documents at start, kept up to date as builds are indexed and removed.
 */
public final class Catalog {

    private final Map<Long, FileFacts> files = new ConcurrentHashMap<>();
    private final Map<String, BuildFacts> builds = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> filesOfBuild = new ConcurrentHashMap<>();

    /** An empty catalog, for an index that fills it itself. */
    public static Catalog empty() {
        return new Catalog();
    }

    public static Catalog load(IndexSearcher searcher) throws IOException {
        Catalog catalog = new Catalog();
        for (Document doc : documents(searcher, "build")) {
            catalog.builds.put(doc.get(SearchFields.BUILD_UUID), buildOf(doc));
        }
        for (Document doc : documents(searcher, "file")) {
            FileFacts file = new FileFacts(
                    doc.getField(SearchFields.FILE_ID).numericValue().longValue(),
                    doc.get(SearchFields.BUILD_UUID),
                    doc.get("path"),
                    doc.get(SearchFields.FILENAME),
                    SearchFields.tagsOf(doc.get(SearchFields.FILENAME)),
                    doc.getField(SearchFields.LINES).numericValue().longValue());
            catalog.files.put(file.id(), file);
            catalog.filesOfBuild
                    .computeIfAbsent(file.uuid(), u -> new ArrayList<>())
                    .add(file.id());
        }
        return catalog;
    }

    private static List<Document> documents(IndexSearcher searcher, String kind) throws IOException {
        List<Document> docs = new ArrayList<>();
        Weight weight = searcher.createWeight(
                searcher.rewrite(new TermQuery(new Term(SearchFields.KIND, kind))), ScoreMode.COMPLETE_NO_SCORES, 1);
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            var scorer = weight.scorer(leaf);
            if (scorer == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            StoredFields stored = leaf.reader().storedFields();
            DocIdSetIterator it = scorer.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                if (live == null || live.get(doc)) {
                    docs.add(stored.document(doc));
                }
            }
        }
        return docs;
    }

    private static BuildFacts buildOf(Document doc) {
        return new BuildFacts(
                doc.get(SearchFields.BUILD_UUID),
                text(doc, SearchFields.BUILD_NAME),
                text(doc, SearchFields.PROJECT),
                text(doc, SearchFields.BUILD_BRANCH),
                text(doc, SearchFields.BUILD_QUEUE),
                text(doc, SearchFields.BUILD_CHANGE),
                text(doc, SearchFields.BUILD_PATCHSET),
                text(doc, SearchFields.BUILD_STATUS),
                "1".equals(doc.get(SearchFields.VOTING)),
                text(doc, SearchFields.BUILD_NODE),
                text(doc, SearchFields.BUILD_REF),
                doc.getField(SearchFields.BUILD_TIME).numericValue().longValue(),
                text(doc, "root"));
    }

    private static String text(Document doc, String field) {
        String value = doc.get(field);
        return value == null ? "" : value;
    }

    public void put(BuildFacts build, List<FileFacts> indexed) {
        remove(build.uuid());
        builds.put(build.uuid(), build);
        indexed.forEach(f -> files.put(f.id(), f));
        filesOfBuild.put(build.uuid(), indexed.stream().map(FileFacts::id).toList());
    }

    /**
     * Becomes {@code other}: the index was opened again on its last commit. What both hold stays
     * in place throughout, so that searches meanwhile never miss a build the index has.
     */
    public synchronized void replaceWith(Catalog other) {
        builds.putAll(other.builds);
        files.putAll(other.files);
        filesOfBuild.putAll(other.filesOfBuild);
        builds.keySet().retainAll(other.builds.keySet());
        files.keySet().retainAll(other.files.keySet());
        filesOfBuild.keySet().retainAll(other.filesOfBuild.keySet());
    }

    public void remove(String uuid) {
        builds.remove(uuid);
        List<Long> ids = filesOfBuild.remove(uuid);
        if (ids != null) {
            ids.forEach(files::remove);
        }
    }

    public Optional<FileFacts> file(long id) {
        return Optional.ofNullable(files.get(id));
    }

    public Optional<BuildFacts> build(String uuid) {
        return Optional.ofNullable(builds.get(uuid));
    }

    /** The build a file belongs to. */
    public Optional<BuildFacts> buildOf(long fileId) {
        FileFacts file = files.get(fileId);
        return file == null ? Optional.empty() : build(file.uuid());
    }

    public List<FileFacts> filesOf(String uuid) {
        return filesOfBuild.getOrDefault(uuid, List.of()).stream()
                .map(files::get)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    public Collection<BuildFacts> builds() {
        return builds.values();
    }

    public int fileCount() {
        return files.size();
    }
}
