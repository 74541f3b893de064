package org.opencontrail.web.logs.search.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.opencontrail.web.logs.search.FileClauses;
import org.opencontrail.web.logs.search.FileFacts;
import org.opencontrail.web.logs.search.SearchFields;

/**
 * Turns a parsed query into one over line documents: every clause on build or file fields is
 * answered by the file documents and becomes the set of files it selects; a clause of only
 * negations is given something to subtract from, as logstash did. Line documents are the only
 * ones it matches.
 */
final class LineQueries {

    private LineQueries() {}

    /**
     * The line query of a parsed query, limited to the files given (null: all).
     */
    static Query lines(Query parsed, IndexSearcher searcher, Collection<Long> files) throws IOException {
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(resolve(parsed, searcher, files), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(SearchFields.KIND, "file")), BooleanClause.Occur.MUST_NOT)
                .add(new TermQuery(new Term(SearchFields.KIND, "build")), BooleanClause.Occur.MUST_NOT);
        if (files != null) {
            query.add(fileSet(files), BooleanClause.Occur.FILTER);
        }
        return query.build();
    }

    static Query fileSet(Collection<Long> files) {
        if (files.isEmpty()) {
            return new MatchNoDocsQuery("no file is selected");
        }
        List<BytesRef> terms = new ArrayList<>(files.size());
        for (long id : files) {
            terms.add(new BytesRef(FileFacts.term(id)));
        }
        return new TermInSetQuery(SearchFields.FILE, terms);
    }

    /**
     * The query with its build and file clauses as file sets; when the search is limited to some
     * files (one build's, for a signature), the clauses are answered among those only, not over
     * every file of the index.
     */
    private static Query resolve(Query query, IndexSearcher searcher, Collection<Long> within) throws IOException {
        return FileClauses.resolve(query, clause -> fileSet(filesMatching(clause, searcher, within)));
    }

    /** The ids of the files (among {@code within}, null: all) whose documents match a clause on build and file fields. */
    static Set<Long> filesMatching(Query clause, IndexSearcher searcher, Collection<Long> within) throws IOException {
        if (within != null && within.isEmpty()) {
            return Set.of();
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder()
                .add(clause, BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(SearchFields.KIND, "file")), BooleanClause.Occur.FILTER);
        if (within != null) {
            builder.add(fileSet(within), BooleanClause.Occur.FILTER);
        }
        Query files = builder.build();
        Set<Long> ids = new HashSet<>();
        searcher.search(files, new SimpleCollector() {
            private NumericDocValues values;

            @Override
            protected void doSetNextReader(LeafReaderContext context) throws IOException {
                values = context.reader().getNumericDocValues(SearchFields.FILE);
            }

            @Override
            public void collect(int doc) throws IOException {
                if (values != null && values.advanceExact(doc)) {
                    ids.add(values.longValue());
                }
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        });
        return ids;
    }
}
