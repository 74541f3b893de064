package org.opencontrail.web.git.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.PriorityQueue;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.BytesRef;

/**
 * The candidates of a query, given back by project then path. Collected in each segment's order
 * as ordinals (numbers: a segment's values are numbered in their sorted order, so no text is
 * read to sort them), sorted per segment, then merged across segments reading only the names of
 * the candidates given back: a query that stops after a page reads a page's names, not every
 * candidate's.
 */
final class CandidateOrder extends SimpleCollector {

    /** A candidate: its segment's values, read when it is given back. */
    record Found(int doc, String project, BytesRef path, String blob, String language, BytesRef refs) {}

    private static final class Segment {
        final int base;
        final SortedDocValues projects;
        final SortedDocValues paths;
        final SortedDocValues blobs;
        final SortedDocValues languages;
        int size;
        int[] docs = new int[16];
        int[] projectOrds = new int[16];
        int[] pathOrds = new int[16];
        int[] blobOrds = new int[16];
        int[] languageOrds = new int[16];
        BytesRef[] refs = new BytesRef[16];
        Integer[] order;
        int next;
        // the head's names, read once
        String headProject;
        byte[] headPath;

        Segment(LeafReaderContext leaf) throws IOException {
            base = leaf.docBase;
            projects = leaf.reader().getSortedDocValues(CodeIndex.PROJECT);
            paths = leaf.reader().getSortedDocValues(CodeIndex.PATH);
            blobs = leaf.reader().getSortedDocValues(CodeIndex.BLOB);
            languages = leaf.reader().getSortedDocValues(CodeIndex.LANG);
        }

        void add(int doc, int project, int path, int blob, int language, BytesRef docRefs) {
            if (size == docs.length) {
                int grown = size * 2;
                docs = Arrays.copyOf(docs, grown);
                projectOrds = Arrays.copyOf(projectOrds, grown);
                pathOrds = Arrays.copyOf(pathOrds, grown);
                blobOrds = Arrays.copyOf(blobOrds, grown);
                languageOrds = Arrays.copyOf(languageOrds, grown);
                refs = Arrays.copyOf(refs, grown);
            }
            docs[size] = doc;
            projectOrds[size] = project;
            pathOrds[size] = path;
            blobOrds[size] = blob;
            languageOrds[size] = language;
            refs[size] = docRefs;
            size++;
        }

        void sort() {
            order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(
                    order,
                    Comparator.comparingInt((Integer i) -> projectOrds[i]).thenComparingInt(i -> pathOrds[i]));
        }

        boolean readHead() throws IOException {
            if (next >= size) {
                return false;
            }
            int i = order[next];
            headProject = projects.lookupOrd(projectOrds[i]).utf8ToString();
            headPath = BytesRef.deepCopyOf(paths.lookupOrd(pathOrds[i])).bytes;
            return true;
        }

        Found take() throws IOException {
            int i = order[next++];
            String language = languageOrds[i] < 0
                    ? ""
                    : languages.lookupOrd(languageOrds[i]).utf8ToString();
            return new Found(
                    base + docs[i],
                    headProject,
                    new BytesRef(headPath),
                    blobs.lookupOrd(blobOrds[i]).utf8ToString(),
                    language,
                    refs[i]);
        }
    }

    private final java.util.List<Segment> segments = new java.util.ArrayList<>();
    private Segment current;
    private BinaryDocValues refs;
    private PriorityQueue<Segment> heads;
    private int total;

    @Override
    protected void doSetNextReader(LeafReaderContext leaf) throws IOException {
        current = new Segment(leaf);
        refs = leaf.reader().getBinaryDocValues(CodeIndex.REFS);
        segments.add(current);
    }

    @Override
    public void collect(int doc) throws IOException {
        if (current.projects == null
                || !current.projects.advanceExact(doc)
                || !current.paths.advanceExact(doc)
                || !current.blobs.advanceExact(doc)
                || refs == null
                || !refs.advanceExact(doc)) {
            return;
        }
        int language =
                current.languages != null && current.languages.advanceExact(doc) ? current.languages.ordValue() : -1;
        current.add(
                doc,
                current.projects.ordValue(),
                current.paths.ordValue(),
                current.blobs.ordValue(),
                language,
                BytesRef.deepCopyOf(refs.binaryValue()));
        total++;
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    /** How many candidates were collected. */
    int size() {
        return total;
    }

    /** The next candidate by project then path, or null when none is left. */
    Found next() {
        try {
            if (heads == null) {
                heads = new PriorityQueue<>(Math.max(1, segments.size()), (a, b) -> {
                    int byProject = a.headProject.compareTo(b.headProject);
                    return byProject != 0 ? byProject : Arrays.compareUnsigned(a.headPath, b.headPath);
                });
                for (Segment segment : segments) {
                    segment.sort();
                    if (segment.readHead()) {
                        heads.add(segment);
                    }
                }
            }
            Segment first = heads.poll();
            if (first == null) {
                return null;
            }
            Found found = first.take();
            if (first.readHead()) {
                heads.add(first);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
