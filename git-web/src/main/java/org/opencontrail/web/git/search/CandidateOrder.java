package org.opencontrail.web.git.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.PriorityQueue;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IntroSorter;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The candidates of a query, given back by project then path. Collected in each segment's order
 * as ordinals (numbers: a segment's values are numbered in their sorted order, so no text is
 * read to sort them), sorted per segment, then merged across segments reading only the names of
 * the candidates given back: a query that stops after a page reads a page's names, not every
 * candidate's.
 */
final class CandidateOrder extends SimpleCollector {

    /** A candidate: its segment's values, read when it is given back. */
    record Found(int doc, String project, BytesRef path, ObjectId blob, String language, BytesRef refs) {}

    private static final class Segment {
        final int base;
        final SortedDocValues projects;
        final SortedDocValues paths;
        final BinaryDocValues blobs;
        final SortedDocValues languages;
        /** Names by ordinal, each read once: few projects and languages, many files. */
        final String[] projectNames;

        final String[] languageNames;
        int size;
        int[] docs = new int[16];
        int[] projectOrds = new int[16];
        int[] pathOrds = new int[16];
        /** Each candidate's blob, its raw bytes one after another. */
        byte[] blobIds = new byte[16 * Constants.OBJECT_ID_LENGTH];

        int[] languageOrds = new int[16];
        BytesRef[] refs = new BytesRef[16];
        int[] order;
        int next;
        // the head's names, read once
        String headProject;
        byte[] headPath;

        Segment(LeafReaderContext leaf) throws IOException {
            base = leaf.docBase;
            projects = leaf.reader().getSortedDocValues(CodeIndex.PROJECT);
            paths = leaf.reader().getSortedDocValues(CodeIndex.PATH);
            blobs = leaf.reader().getBinaryDocValues(CodeIndex.BLOB);
            languages = leaf.reader().getSortedDocValues(CodeIndex.LANG);
            projectNames = new String[projects == null ? 0 : projects.getValueCount()];
            languageNames = new String[languages == null ? 0 : languages.getValueCount()];
        }

        void add(int doc, int project, int path, BytesRef blob, int language, BytesRef docRefs) {
            if (size == docs.length) {
                int grown = size * 2;
                docs = Arrays.copyOf(docs, grown);
                projectOrds = Arrays.copyOf(projectOrds, grown);
                pathOrds = Arrays.copyOf(pathOrds, grown);
                blobIds = Arrays.copyOf(blobIds, grown * Constants.OBJECT_ID_LENGTH);
                languageOrds = Arrays.copyOf(languageOrds, grown);
                refs = Arrays.copyOf(refs, grown);
            }
            docs[size] = doc;
            projectOrds[size] = project;
            pathOrds[size] = path;
            System.arraycopy(
                    blob.bytes, blob.offset, blobIds, size * Constants.OBJECT_ID_LENGTH, Constants.OBJECT_ID_LENGTH);
            languageOrds[size] = language;
            refs[size] = docRefs;
            size++;
        }

        void sort() {
            order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            // by ordinals, in place: no boxed index for each of thousands of candidates
            new IntroSorter() {
                private int pivot;

                @Override
                protected void swap(int i, int j) {
                    int kept = order[i];
                    order[i] = order[j];
                    order[j] = kept;
                }

                @Override
                protected int compare(int i, int j) {
                    return byOrdinals(order[i], order[j]);
                }

                @Override
                protected void setPivot(int i) {
                    pivot = order[i];
                }

                @Override
                protected int comparePivot(int j) {
                    return byOrdinals(pivot, order[j]);
                }
            }.sort(0, size);
        }

        private int byOrdinals(int a, int b) {
            int byProject = Integer.compare(projectOrds[a], projectOrds[b]);
            return byProject != 0 ? byProject : Integer.compare(pathOrds[a], pathOrds[b]);
        }

        boolean readHead() throws IOException {
            if (next >= size) {
                return false;
            }
            int i = order[next];
            if (projectNames[projectOrds[i]] == null) {
                projectNames[projectOrds[i]] =
                        projects.lookupOrd(projectOrds[i]).utf8ToString();
            }
            headProject = projectNames[projectOrds[i]];
            headPath = BytesRef.deepCopyOf(paths.lookupOrd(pathOrds[i])).bytes;
            return true;
        }

        Found take() throws IOException {
            int i = order[next++];
            String language = "";
            if (languageOrds[i] >= 0) {
                if (languageNames[languageOrds[i]] == null) {
                    languageNames[languageOrds[i]] =
                            languages.lookupOrd(languageOrds[i]).utf8ToString();
                }
                language = languageNames[languageOrds[i]];
            }
            return new Found(
                    base + docs[i],
                    headProject,
                    new BytesRef(headPath),
                    ObjectId.fromRaw(blobIds, i * Constants.OBJECT_ID_LENGTH),
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
                current.blobs.binaryValue(),
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
